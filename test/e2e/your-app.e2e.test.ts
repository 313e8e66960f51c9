// The Your app tab end to end in Debian's Chromium: the lab page drives a real
// second page (a browser context of its own, like the view's partition) through
// main's own runtime (attachTargetSession), against the Flask tutorial's app
// (Debian's python3-flask) and an express-session app, each on a free port.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TARGET_CONTENTS_ID } from '../support/cdp-adapters';
import { chromiumMissing, saveScreenshot, type Lab } from '../support/lab-harness';
import { POLL, textOf, useLabFixture } from '../support/lab-fixture';
import { EXPRESS_SESSION_SECRET, startExpressSessionApp, startFlaskTutorial, type TargetApp } from '../support/target-apps';

if (chromiumMissing) console.warn(`Skipping the Your app e2e suite: ${chromiumMissing}`);

describe.skipIf(chromiumMissing !== null)('the Your app tab', () => {
  const fixture = useLabFixture({ serverPer: 'file' });
  let flask: TargetApp;
  let express: TargetApp;

  beforeAll(async () => {
    [flask, express] = await Promise.all([startFlaskTutorial(), startExpressSessionApp()]);
  });
  afterAll(async () => {
    await Promise.all([flask?.close(), express?.close()]);
  });

  async function openYourApp(): Promise<Lab & { target: NonNullable<Lab['target']> }> {
    const lab = await fixture.openLab({ target: true });
    await lab.page.getByRole('tab', { name: 'Your app' }).click();
    if (lab.target === null) throw new Error('the harness gave no target page');
    return lab as Lab & { target: NonNullable<Lab['target']> };
  }

  async function go(page: Page, address: string): Promise<void> {
    await page.getByLabel('Address of your app').fill(address);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
  }

  const bodyText = (page: Page) => () => page.locator('body').innerText();
  /** What the person reads, on one line: a long URL wraps in a narrow card. */
  const flat = (page: Page, selector: string) => async () => (await page.locator(selector).innerText()).replace(/\s+/g, ' ');
  const cookieItem = (page: Page, name: string) => page.locator(`#target-cookies li[data-cookie="${name}"]`);

  it("the Flask tutorial: its cookie decoded, its key found among the known weak keys", async () => {
    const { page, target } = await openYourApp();
    await go(page, `${flask.url}/login`);
    await expect.poll(() => target.page.url(), POLL).toBe(`${flask.url}/login`);
    await expect.poll(textOf(page, '#target-status'), POLL).toBe(`${flask.url}/login`);

    // The user logs in in the view, as in their browser.
    await target.page.locator('input[name=username]').fill('alice');
    await target.page.locator('input[type=submit]').click();
    await expect.poll(bodyText(target.page), POLL).toBe('Logged in as alice');

    // The jar of the partition, the Flask cookie decoded by the engine.
    await expect.poll(textOf(page, '#target-jar-summary'), POLL).toMatch(/^1 cookie on 1 domain/);
    const item = cookieItem(page, 'session');
    await item.locator('summary').click();
    await expect.poll(() => item.innerText(), POLL).toContain('Flask session (itsdangerous URLSafeTimedSerializer)');
    const shown = await item.innerText();
    expect(shown).toContain('"username": "alice"');
    expect(shown).toContain('The payload is only signed, not encrypted: anyone holding the cookie can read it.');
    expect(shown).toMatch(/Secure no · HttpOnly yes · SameSite Unset \(Lax\) · host-only · Expires Session/);
    expect(shown).toContain('Signature not checked: give the key above.');

    // Live changes and the wire log of the view, for its own origin.
    await expect.poll(textOf(page, '#target-changes-log'), POLL).toContain('session');
    await expect.poll(flat(page, '#target-wire-log'), POLL).toMatch(new RegExp(`POST ${flask.url}/login 302 \\S+ Cookie sent \\(none\\) Set-Cookie received session=[\\w.-]+; HttpOnly; Path=/`));
    expect(await flat(page, '#target-wire-log')()).toMatch(new RegExp(`GET ${flask.url}/ 200 \\S+ Cookie sent session=[\\w.-]+ Set-Cookie received \\(none\\)`));

    // Try the known weak keys: the tutorial's own key is found.
    await page.getByRole('button', { name: 'Try the known weak keys' }).click();
    await expect.poll(textOf(page, '#target-crack-status'), POLL).toMatch(/^Found a known weak key for 1 of 1 signed cookie \(session\): /);
    await expect.poll(textOf(page, '#target-found-keys'), POLL).toContain('session on 127.0.0.1 is signed with your_very_secret_key');
    await expect.poll(() => item.innerText(), POLL).toContain('Signed with a known weak key: your_very_secret_key');

    // The key typed by the user checks the signature; it never comes back.
    await page.getByLabel('Your app’s secret key').fill('your_very_secret_key');
    await page.getByRole('button', { name: 'Check signatures' }).click();
    await expect.poll(() => item.innerText(), POLL).toContain('Signature valid with your key');
    expect(await page.getByLabel('Your app’s secret key').inputValue()).toBe('');
    await expect.poll(textOf(page, '#target-key-status'), POLL).toMatch(/^A key of 20 bytes \(text\) is held in main’s memory/);
    await page.getByLabel('Your app’s secret key').fill('not the key');
    await page.getByRole('button', { name: 'Check signatures' }).click();
    await expect.poll(() => item.innerText(), POLL).toContain('Signature does NOT match your key');
    await page.getByRole('button', { name: 'Forget the key' }).click();
    await expect.poll(textOf(page, '#target-key-status'), POLL).toBe('No key given: signatures are not checked.');

    await page.locator('#target-found-keys').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'your-app-flask');
  });
});
