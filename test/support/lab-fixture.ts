// The shared set-up of the Chromium e2e suites: one browser per file, a lab
// server per file or per test, a fresh page per test, and the checks every test
// ends with (no CSP violation, page error or injected dialog).
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openLab, startLabServer, type Lab, type LabOptions, type LabServer } from './lab-harness';

/** How long a poll waits for the window to show something. */
export const POLL = { timeout: 8000, interval: 50 };

export interface LabFixture {
  readonly browser: Browser;
  readonly server: LabServer;
  /** Opens the lab page in a fresh context and waits for its first answer. */
  open(options?: LabOptions): Promise<Page>;
  /** The same, and the whole Lab: its desktop side and, with `target: true`, the Your app view's page. */
  openLab(options?: LabOptions): Promise<Lab>;
  /** Swaps this test's server for another (closed after the test like the first). */
  replaceServer(options?: Parameters<typeof startLabServer>[0]): Promise<LabServer>;
}

/**
 * Registers the hooks for one suite. `serverPer: 'test'` gives each test its own
 * server (and to-do database): for suites that restart or reconfigure it.
 */
export function useLabFixture({ serverPer }: { serverPer: 'file' | 'test' }): LabFixture {
  let browser: Browser | undefined;
  let server: LabServer | undefined;
  const labs: Lab[] = [];

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), serverPer === 'file' ? startLabServer() : Promise.resolve(undefined)]);
  });
  afterAll(async () => {
    await browser?.close();
    if (serverPer === 'file') await server?.close();
  });
  if (serverPer === 'test') {
    beforeEach(async () => {
      server = await startLabServer();
    });
  }
  afterEach(async () => {
    const opened = labs.splice(0);
    await Promise.all(opened.map((lab) => lab.close()));
    if (serverPer === 'test') await server?.close();
    for (const lab of opened) {
      expect(lab.problems).toEqual([]);
      expect(lab.dialogs).toEqual([]);
    }
  });

  const must = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The lab fixture has no ${what} yet (used outside a test?).`);
    return value;
  };

  const openFresh = async (options?: LabOptions): Promise<Lab> => {
    const lab = await openLab(must(browser, 'browser'), must(server, 'server'), options);
    labs.push(lab);
    await expect.poll(textOf(lab.page, '#status'), POLL).toBe('You are not logged in');
    return lab;
  };

  return {
    get browser() {
      return must(browser, 'browser');
    },
    get server() {
      return must(server, 'server');
    },
    // Plain functions, not methods: suites destructure them (const { open } = useLabFixture(…)).
    open: async (options?: LabOptions) => (await openFresh(options)).page,
    openLab: openFresh,
    async replaceServer(options) {
      await must(server, 'server').close();
      server = await startLabServer(options);
      return server;
    },
  };
}

/** What the person reads in an element, for polling. */
export const textOf = (page: Page, selector: string) => () => page.locator(selector).innerText();

export async function logIn(page: Page, username: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect.poll(textOf(page, '#status'), POLL).toBe(`Logged in as ${username}`);
}

/** Presses a button on one experiment card. */
export const pressOnCard = (page: Page, cardId: string, name: string) => page.locator(`#${cardId}`).getByRole('button', { name, exact: true }).click();

/** The facts a card recorded for one step, as "label value" lines. */
export const stepFacts = (page: Page, cardId: string, step: number) => async () =>
  (await page.locator(`#${cardId}-step-${step} .fact`).allInnerTexts()).map((f) => f.replace(/\s+/g, ' ').trim()).join('\n');
