// What the renderer's component tests share: the page's origin on a real lab
// server over HTTP (happy-dom's fetch keeps its cookies like a browser), answers
// that can be held back to make two requests race, a desktop bridge made of
// only the verbs a test needs, and panels rendered inside the window's context.
import { cleanup, render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { afterEach, vi } from 'vitest';
import type { LabBridge } from '../../contract';
import type { RunningServer } from '../../server/index';
import { createLabWindow, LabWindowContext, type LabWindow } from '../../renderer/lab-window';
import { tempDir } from '../support/temp-dir';
import { testServer } from '../support/test-server';

interface HappyDom {
  setURL(url: string): void;
  /** Resolves when the page's fetches and timers are done. */
  waitUntilComplete(): Promise<void>;
}
const happyDom = (): HappyDom => (window as unknown as { happyDOM: HappyDom }).happyDOM;

// Before the server closes (hooks run last-registered first): let the page's
// requests finish, so none is cut off mid-answer.
afterEach(async () => {
  await happyDom().waitUntilComplete();
  cleanup();
  vi.unstubAllGlobals();
});

/** A real server with its own to-do database, and the page on its origin (/lab/) so relative fetches reach it. */
export async function servePage(): Promise<RunningServer> {
  const server = await testServer({ dataDir: tempDir() });
  happyDom().setURL(`${server.url}/lab/`);
  return server;
}

export interface Held {
  /** Resolves once a matching request has been answered by the server (and is being held). */
  answered: Promise<void>;
  /** Lets the page have the answer. */
  release(): void;
}

/** Holds back from the page the server's answer to the next request that matches: a slow network, on demand. */
export function holdAnswer(method: string, path: RegExp): Held {
  const realFetch = globalThis.fetch;
  let release!: () => void;
  let answered!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const seen = new Promise<void>((resolve) => (answered = resolve));
  let used = false;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input), location.href);
    const response = await realFetch(input, init);
    if (used || (init?.method ?? 'GET') !== method || !path.test(url.pathname)) return response;
    used = true;
    answered();
    await gate;
    return response;
  });
  return { answered: seen, release };
}

/** A desktop bridge with only `verbs`; any other call fails the test with its name. */
export function bridgeWith(verbs: Partial<LabBridge>): LabBridge {
  return new Proxy(verbs as LabBridge, {
    get(target, name: string) {
      const verb = target[name as keyof LabBridge];
      if (verb !== undefined) return verb;
      if (name.startsWith('on')) return () => () => undefined;
      throw new Error(`This test's bridge has no ${name}().`);
    },
  });
}

/** Renders `panel` inside the window's context; `win` defaults to a plain-browser window. */
export function renderInWindow(panel: ComponentChildren, win: LabWindow = createLabWindow(null)) {
  return { win, ...render(<LabWindowContext.Provider value={win}>{panel}</LabWindowContext.Provider>) };
}
