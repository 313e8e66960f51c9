// Runs the built lab page in Debian's Chromium against a real session server,
// with or without the CDP-backed desktop bridge.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startLabServer as startMainLabServer, type LabServer as MainLabServer } from '../../main/lab-runtime';
import { CdpLab, type CdpTarget } from './cdp-adapters';
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
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
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
    const server = await startMainLabServer({
      keys: [strongKey()],
      dataDir,
      labDir: LAB_DIR,
      newKey: strongKey,
      onWarning: (message) => warnings.push(message),
    });
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
  /** Give the Your app tab its view: a second page in a browser context of its own (desktop only). */
  target?: boolean;
}

/** The Your app tab's side of the harness: its page and where the save dialog "saves". */
export interface TargetHarness extends CdpTarget {
  context: BrowserContext;
  /** Where exported reports go. */
  reportDir: string;
  /** The file name the next save dialog answers with; null: the person cancels. Default: the suggested name. */
  saveAs(name: string | null | undefined): void;
}

export interface Lab {
  page: Page;
  context: BrowserContext;
  /** main's runtime attached to this page over CDP, or null in a plain browser tab. */
  desktop: CdpLab | null;
  /** The Your app tab's view and its session, when opened with `target: true`. */
  target: TargetHarness | null;
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
  const target = options.target === true && options.desktop !== false ? await openTargetPage(browser) : null;
  const desktop =
    options.desktop === false
      ? null
      : await CdpLab.install(
          page,
          server,
          target === null ? null : { page: target.page, saver: target.saver, labViewport: () => page.viewportSize() ?? VIEWPORT },
        );
  await page.goto(`${server.url}/lab/`);
  return {
    page,
    context,
    desktop,
    target:
      target === null || desktop?.target == null ? null : { ...desktop.target, context: target.context, reportDir: target.reportDir, saveAs: target.saveAs },
    problems,
    dialogs,
    async close() {
      await desktop?.close();
      await context.close();
      await target?.close();
    },
  };
}

/** The Your app view's page: a browser context of its own (its own jar, like the partition), and a save dialog that answers from a folder. */
async function openTargetPage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 }, acceptDownloads: true });
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  // The user's app may alert(); nobody is there to answer it but the harness.
  page.on('dialog', (dialog) => void dialog.dismiss().catch(() => undefined));
  const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-lab-reports-'));
  let answer: string | null | undefined;
  return {
    context,
    page,
    reportDir,
    saveAs: (name: string | null | undefined) => (answer = name),
    saver: {
      choosePath: async (suggested: string) => (answer === null ? null : path.join(reportDir, answer ?? suggested)),
      write: (file: string, text: string) => fs.promises.writeFile(file, text, { mode: 0o600 }),
    },
    async close() {
      await context.close();
      fs.rmSync(reportDir, { recursive: true, force: true });
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
export function jarRows(page: Page, container = '#jar'): Promise<Record<string, string>[]> {
  return page.evaluate((container) => {
    const table = document.querySelector(`${container} table`);
    if (!table) return [];
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
    return [...table.querySelectorAll('tbody tr.jar-row')].map((tr) =>
      Object.fromEntries([...tr.children].map((cell, i) => [headers[i] ?? String(i), (cell as HTMLElement).innerText.trim()])),
    );
  }, container);
}

/**
 * A screenshot of the lab page as the desktop app shows it with the Your app
 * view open: Electron draws the view over the slot; the harness's view is a page
 * of its own, so its own screenshot is laid over the slot, at the bounds main
 * placed the view at, for the shot only.
 */
export async function saveYourAppScreenshot(lab: Lab, name: string): Promise<string> {
  const { target, page } = lab;
  if (target === null || target.view.bounds === null) throw new Error('The Your app view is not placed: open the Your app tab and a page first.');
  const { x, y, width, height } = target.view.bounds;
  const shot = (await target.page.screenshot()).toString('base64');
  await page.evaluate(
    ({ src, x, y, width, height }) => {
      const img = document.createElement('img');
      img.id = 'harness-view-composite';
      img.src = src;
      Object.assign(img.style, { position: 'fixed', left: `${x}px`, top: `${y}px`, width: `${width}px`, height: `${height}px`, zIndex: '1000' });
      document.body.append(img);
      return img.decode();
    },
    { src: `data:image/png;base64,${shot}`, x, y, width, height },
  );
  try {
    return await saveScreenshot(page, name);
  } finally {
    await page.evaluate(() => document.getElementById('harness-view-composite')?.remove());
  }
}
