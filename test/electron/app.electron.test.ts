// The real desktop app, launched by Playwright's Electron driver, clicked through
// the same flow as the Chromium suite. It needs the Electron binary: where that
// is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD, no internet) the suite is
// skipped and says why. Run it on a machine with `npm install` done normally.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { EVENT_VERBS, INVOKE_VERBS } from '../../contract';
import { startExpressSessionApp, type TargetApp } from '../support/target-apps';

const root = path.resolve(__dirname, '..', '..');
const POLL = { timeout: 10_000, interval: 100 };

/**
 * The Electron executable, or why there is none. Since Electron 42 the package
 * has no install script: `require('electron')` downloads the binary on first
 * use, which would reach for the network here. So this reads what that require
 * reads (path.txt beside the package, or ELECTRON_OVERRIDE_DIST_PATH) and never
 * downloads anything.
 */
function findElectron(): { executable: string } | { missing: string } {
  const pkg = path.dirname(createRequire(__filename).resolve('electron/package.json'));
  const pathFile = path.join(pkg, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8') : null;
  if (override) return found(path.join(override, relative ?? 'electron'));
  if (relative === null)
    return { missing: `the Electron binary was never downloaded (no ${pathFile}; run \`npx install-electron\` or \`npm start\` once with network access)` };
  return found(path.join(pkg, 'dist', relative));
}

function found(executable: string): { executable: string } | { missing: string } {
  return fs.existsSync(executable) ? { executable } : { missing: `the Electron binary is not at ${executable}` };
}

const electron = findElectron();
if ('missing' in electron) {
  console.warn(`Skipping the Electron app suite: ${electron.missing}.`);
}

describe.skipIf('missing' in electron)('the desktop app (real Electron)', () => {
  let dataDir: string;
  let running: ElectronApplication | null = null;

  beforeAll(() => {
    // The app runs dist/; `npm test` builds before vitest, but a lone run may not have.
    if (!fs.existsSync(path.join(root, 'dist', 'main', 'index.js'))) throw new Error('Run `node scripts/build.mjs` first.');
  });

  afterEach(async () => {
    await running?.close();
    running = null;
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function launch(): Promise<Page> {
    if (!('executable' in electron)) throw new Error('unreachable');
    running = await _electron.launch({
      executablePath: electron.executable,
      args: [root],
      env: { ...process.env, SESSION_LAB_DATA_DIR: dataDir, SESSION_SECRET: '' },
    });
    const page = await running.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    return page;
  }

  const text = (page: Page, selector: string) => () => page.locator(selector).innerText();

  it('logs in, counts, logs out and catches a tampered cookie, with the real cookie jar', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-lab-electron-'));
    const page = await launch();
    await expect.poll(text(page, '#mode'), POLL).toContain('Desktop app');
    await expect.poll(text(page, '#status'), POLL).toBe('You are not logged in');

    // The preload exposes the bridge and nothing else.
    expect(await page.evaluate(() => Object.keys(window.sessionLab ?? {}).sort())).toEqual([...INVOKE_VERBS, ...EVENT_VERBS].sort());
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');

    await page.getByLabel('Username').fill('alice');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(text(page, '#status'), POLL).toBe('Logged in as alice');
    await expect.poll(text(page, '#jar'), POLL).toContain('lab_session.sig');
    await expect.poll(text(page, '#verdict'), POLL).toBe('Signature valid (key #1, newest)');
    expect(await page.evaluate(() => document.cookie)).toBe('');

    await page.getByRole('button', { name: 'Count a visit' }).click();
    await expect.poll(text(page, '#visits'), POLL).toBe('Number of visits: 1');
    await expect.poll(text(page, '#change-log'), POLL).toContain('updated');
    await expect.poll(text(page, '#wire-log'), POLL).toContain('POST /api/counter');

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect.poll(text(page, '#status'), POLL).toBe('You are not logged in');

    await page.getByRole('button', { name: 'Edit value of lab_session', exact: true }).click();
    await page.locator('#jar-editor').getByLabel('New payload (JSON)').fill('{"username":"admin","visits":1}');
    await page.locator('#jar-editor').getByRole('button', { name: 'Save value' }).click();
    await expect.poll(text(page, '#verdict'), POLL).toBe('Signature does NOT match: the server will ignore this cookie');
    await page.getByRole('button', { name: 'Refresh from server' }).click();
    await expect.poll(text(page, '#status'), POLL).toBe('You are not logged in');
  });

  it('Lab I: the weak-key demo cracks in a worker thread, the forged admin is accepted, and quitting leaves no trace', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-lab-electron-'));
    let page = await launch();
    await expect.poll(text(page, '#status'), POLL).toBe('You are not logged in');
    await page.getByRole('tab', { name: 'Lab I: experiments' }).click();
    await page.getByRole('tab', { name: '3 Weak key' }).click();
    const weak = page.locator('#exp-weak');
    await weak.getByRole('button', { name: 'Restart on the weak key' }).click();
    await expect.poll(text(page, '#mode'), POLL).toBe('INSECURE DEMO · weak key in memory');
    await weak.getByRole('button', { name: 'Log in as bob' }).click();
    await expect.poll(text(page, '#status'), POLL).toBe('Logged in as bob');
    await weak.getByRole('button', { name: 'Crack the key from the cookie' }).click();
    await expect.poll(text(page, '#exp-weak-step-3'), POLL).toContain('your_very_secret_key');
    await weak.getByRole('button', { name: 'Forge admin and send it' }).click();
    await expect.poll(text(page, '#status'), POLL).toBe('Logged in as admin');
    await running?.close();

    // Quitting in the demo removed the forged session; the stored key never changed.
    page = await launch();
    await expect.poll(text(page, '#mode'), POLL).toBe('Desktop app · live cookie jar');
    await expect.poll(text(page, '#status'), POLL).toBe('You are not logged in');
    await expect.poll(text(page, '#jar'), POLL).toContain('The jar holds no cookies');
    const files = fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    for (const file of files) expect(fs.readFileSync(path.join(file.parentPath, file.name), 'latin1')).not.toContain('your_very_secret_key');
  });

  it('a login survives quitting and starting again (the cookie store is flushed, the key reused)', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-lab-electron-'));
    let page = await launch();
    await page.getByLabel('Username').fill('alice');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(text(page, '#status'), POLL).toBe('Logged in as alice');
    await running?.close();

    page = await launch();
    await expect.poll(text(page, '#status'), POLL).toBe('Logged in as alice');
  });

  it('Your app: a local app opens in the view, its cookie is decoded beside it, and the view has no bridge', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-lab-electron-'));
    const target: TargetApp = await startExpressSessionApp();
    try {
      const page = await launch();
      await page.getByRole('tab', { name: 'Your app' }).click();
      await page.getByLabel('Address of your app').fill(`${target.url}/login`);
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      await expect.poll(text(page, '#target-status'), POLL).toBe('Log in');

      // The WebContentsView's page: Playwright sees every web contents of the app.
      const view = running!
        .context()
        .pages()
        .find((p) => p.url().startsWith(target.url));
      expect(view).toBeDefined();
      expect(await view!.evaluate(() => typeof (window as unknown as { sessionLab?: unknown }).sessionLab)).toBe('undefined');
      await view!.getByLabel('Username').fill('bob');
      await view!.locator('input[type=submit]').click();
      await expect.poll(() => view!.locator('body').innerText(), POLL).toBe('Logged in as bob');

      await expect.poll(text(page, '#target-cookies'), POLL).toContain('connect.sid');
      await expect.poll(text(page, '#target-cookies'), POLL).toContain('express-session (cookie-signature)');
      await expect.poll(text(page, '#target-wire-log'), POLL).toContain(`${target.url}/login`);
      // The lab's own jar never saw the view's cookie.
      await page.getByRole('tab', { name: 'Session' }).click();
      expect(await page.locator('#jar').innerText()).not.toContain('connect.sid');
    } finally {
      await target.close();
    }
  });
});
