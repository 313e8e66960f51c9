// Runs the built lab page in Debian's Chromium against a real session server,
// with or without the CDP-backed desktop bridge.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startLabServer as startMainLabServer, type LabServer as MainLabServer } from '../../main/lab-runtime';
import { CdpLab } from './cdp-adapters';
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

/** The lab's server exactly as main starts it (main/lab-runtime.ts), plus every warning it logged, for the tests to read. */
export interface LabServer extends MainLabServer {
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
    const warnings: string[] = [];
    const server = await startMainLabServer({ keys: [strongKey()], dataDir, labDir: LAB_DIR, newKey: strongKey, onWarning: (message) => warnings.push(message) });
    return { ...server, warnings, close: () => server.close().finally(removeDataDir) };
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
  /** main's runtime attached to this page over CDP, or null in a plain browser tab. */
  desktop: CdpLab | null;
  /** Uncaught page errors and console errors (CSP violations land here). */
  problems: string[];
  /** Alerts and other dialogs the page opened: an injected script would show up here. */
  dialogs: string[];
  close(): Promise<void>;
}

/** A fresh context (its own cookie jar) with the lab page open and loaded. `server` comes from startLabServer(). */
export async function openLab(browser: Browser, server: LabServer, options: LabOptions = {}): Promise<Lab> {
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
  const desktop = options.desktop === false ? null : await CdpLab.install(page, server);
  await page.goto(`${server.url}/lab/`);
  return {
    page,
    context,
    desktop,
    problems,
    dialogs,
    async close() {
      await desktop?.close();
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

/** The jar table as the person reads it: one record per cookie row (not its opened details, nor a domain's heading), keyed by column header. */
export function jarRows(page: Page): Promise<Record<string, string>[]> {
  return page.evaluate(() => {
    const table = document.querySelector('#jar table');
    if (!table) return [];
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
    return [...table.querySelectorAll('tbody tr.jar-row')].map((tr) =>
      Object.fromEntries([...tr.children].map((cell, i) => [headers[i] ?? String(i), (cell as HTMLElement).innerText.trim()])),
    );
  });
}
