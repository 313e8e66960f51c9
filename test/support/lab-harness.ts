// Runs the built lab page in Debian's Chromium against a real session server,
// with or without the CDP-backed desktop bridge.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createLabClock } from '../../main/lab-clock';
import { createRecentLines } from '../../main/recent-lines';
import { startServerHost, type ServerHost } from '../../main/server-host';
import { createServerLab, type ServerLab } from '../../main/server-lab';
import { startServer, type RunningServer } from '../../server/index';
import { CdpLabBridge } from './cdp-lab-bridge';
import { strongKey } from './test-keys';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const LAB_DIR = path.resolve('dist/renderer');
export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');
export const VIEWPORT = { width: 1280, height: 860 };

/** Why the browser suite cannot run here, or null when it can. */
export const chromiumMissing: string | null = fs.existsSync(CHROMIUM_PATH)
  ? null
  : `Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH).`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // No outside network here: keep Chromium from trying to phone home.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

/**
 * The lab's server as main runs it: behind a ServerHost that Lab I restarts on
 * other keys (same port), with the stored keys the harness's experiments need.
 * `inspect` always asks the server running now.
 */
export interface LabServer extends RunningServer {
  host: ServerHost;
  storedKeys: readonly string[];
  /** Lab II's switches over the host, as main builds them (lab clock, instance B). */
  serverLab: ServerLab;
  /** Every warning the server(s) logged, oldest first. */
  warnings: string[];
}

/**
 * @param options.dataDir the to-do database's folder: by default a fresh temporary
 *   one, removed when the server closes; a given folder is kept; null: no database.
 */
export async function startLabServer(options: { dataDir?: string | null } = {}): Promise<LabServer> {
  if (!fs.existsSync(path.join(LAB_DIR, 'index.html'))) {
    throw new Error(`The lab page is not built in ${LAB_DIR}: run "node scripts/build.mjs" first (npm test does).`);
  }
  // Each server gets its own to-do database, removed when the server closes.
  const fresh = options.dataDir === undefined;
  const dataDir = options.dataDir === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), 'session-lab-e2e-')) : options.dataDir;
  const removeDataDir = () => {
    if (fresh && dataDir !== null) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const storedKeys = [strongKey()];
    // As main/index.ts: the lab clock for expiry, the warnings kept for the cards.
    const clock = createLabClock();
    const recent = createRecentLines();
    const warnings: string[] = [];
    const warn = (message: string) => {
      warnings.push(message);
      recent.add(message);
    };
    const host = await startServerHost(
      (keys, port, settings) => startServer({ keys, port, labDir: LAB_DIR, dataDir, ...settings, instance: settings.balanceTo === null ? null : 'A', now: clock.now, warn }),
      storedKeys,
    );
    const serverLab = createServerLab({
      host,
      clock,
      startPeer: (keys, settings) => startServer({ keys, port: 0, ...settings, balanceTo: null, instance: 'B', now: clock.now, warn }),
      newKey: strongKey,
      serverLog: () => recent.lines(),
    });
    return {
      ...host.current,
      inspect: (value, sig) => host.current.inspect(value, sig),
      close: () =>
        serverLab
          .close()
          .then(() => host.close())
          .finally(removeDataDir),
      host,
      storedKeys,
      serverLab,
      warnings,
    };
  } catch (err) {
    removeDataDir();
    throw err;
  }
}

export interface LabOptions {
  /** Give the page the desktop bridge (default), or leave it a plain browser tab. */
  desktop?: boolean;
  colorScheme?: 'light' | 'dark';
}

export interface Lab {
  page: Page;
  context: BrowserContext;
  bridge: CdpLabBridge | null;
  /** Uncaught page errors and console errors (CSP violations land here). */
  problems: string[];
  /** Alerts and other dialogs the page opened: an injected script would show up here. */
  dialogs: string[];
  close(): Promise<void>;
}

function isLabServer(server: RunningServer): server is LabServer {
  return 'host' in server && 'storedKeys' in server && 'serverLab' in server;
}

/** A fresh context (its own cookie jar) with the lab page open and loaded. `server` comes from startLabServer(). */
export async function openLab(browser: Browser, server: RunningServer, options: LabOptions = {}): Promise<Lab> {
  if (!isLabServer(server)) throw new TypeError('openLab needs the server startLabServer() returns (it can restart on other keys).');
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: options.colorScheme ?? 'light' });
  // Fail a missing element in seconds, with its selector, not at the test's timeout.
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    // A 4xx answer to fetch is logged by Chromium; the page shows those itself.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console: ${msg.text()}`);
  });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const bridge = options.desktop === false ? null : await CdpLabBridge.install(page, server);
  await page.goto(`${server.url}/lab/`);
  return {
    page,
    context,
    bridge,
    problems,
    dialogs,
    async close() {
      await bridge?.close();
      await context.close();
    },
  };
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The jar table as the person reads it (a closed value shows its preview): one record per row, keyed by column header. */
export function jarRows(page: Page): Promise<Record<string, string>[]> {
  return page.evaluate(() => {
    const table = document.querySelector('#jar table');
    if (!table) return [];
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
    return [...table.querySelectorAll('tbody tr')].map((tr) =>
      Object.fromEntries([...tr.children].map((cell, i) => [headers[i] ?? String(i), (cell as HTMLElement).innerText.trim()])),
    );
  });
}
