// The lab window end to end in Debian's Chromium: the real page, a real server,
// and the desktop bridge served over CDP from Chromium's own cookie jar.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, jarRows, saveScreenshot } from '../support/lab-harness';
import { logIn, POLL, textOf as text, useLabFixture } from '../support/lab-fixture';

if (chromiumMissing) console.warn(`Skipping the Chromium e2e suite: ${chromiumMissing}`);

describe.skipIf(chromiumMissing !== null)('the lab window in Chromium', () => {
  const { open } = useLabFixture({ serverPer: 'file' });

  async function countVisit(page: Page, expected: number): Promise<void> {
    await page.getByRole('button', { name: 'Count a visit' }).click();
    await expect.poll(text(page, '#visits'), POLL).toBe(`Number of visits: ${expected}`);
  }

  const payload = (page: Page) => async () => JSON.parse(await page.locator('#payload').innerText()) as unknown;
  /** The change log, newest first, each row as "cookie kind cause value" (the time left out). */
  const changeLog = (page: Page) => async () =>
    (await page.locator('#change-log tbody tr').allInnerTexts()).map((row) =>
      row
        .replace(/^\S+\s+/, '')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  const jarNames = (page: Page) => async () => (await jarRows(page)).map((r) => r.Name);

  it('starts logged out, with an empty jar and nothing for page scripts to see', async () => {
    const page = await open();
    await expect.poll(text(page, '#mode'), POLL).toContain('Desktop app');
    await expect.poll(text(page, '#jar'), POLL).toContain('The jar holds no cookies');
    await expect.poll(text(page, '#verdict'), POLL).toBe('No session cookie yet');
    expect(await page.locator('#doc-cookie').innerText()).toBe('"" (an empty string)');
  });

  it('an empty username is refused with the server’s sentence, and nothing is stored', async () => {
    const page = await open();
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: /\S/ }).innerText(), POLL).toBe('Username is required.');
    expect(await page.getByLabel('Username').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#status').innerText()).toBe('You are not logged in');
    expect(await jarRows(page)).toEqual([]);
  });

  it('logging in stores HttpOnly, SameSite=Lax cookies that the inspector decodes and verifies', async () => {
    const page = await open();
    await logIn(page, 'alice');

    await expect.poll(jarNames(page), POLL).toEqual(['lab_session', 'lab_session.sig']);
    for (const row of await jarRows(page)) {
      expect(row).toMatchObject({ Domain: '127.0.0.1', 'Host-only': 'yes', Path: '/', Secure: 'no', HttpOnly: 'yes', SameSite: 'Lax' });
      expect(row.Expires).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
      expect(row.Size).toMatch(/^\d+ B$/);
    }
    await expect.poll(payload(page), POLL).toEqual({ username: 'alice' });
    expect(await page.locator('#payload').innerText()).toContain('"username": "alice"');
    expect(await page.locator('#verdict').innerText()).toBe('Signature valid (key #1, newest)');
    expect(await page.locator('#size-text').innerText()).toMatch(/^\d+ bytes of ~4096 \(\d+%\)/);
    expect(await page.locator('#size-meter').evaluate((m: HTMLMeterElement) => m.value)).toBeGreaterThan(50);

    // The session is there, yet page scripts see nothing: both cookies are HttpOnly.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await page.locator('#doc-cookie').innerText()).toBe('"" (an empty string)');
    expect(await page.locator('#doc-cookie-note').innerText()).toContain('2 cookies in the jar, 2 of them HttpOnly');
    expect(await page.locator('#doc-cookie-note').innerText()).toContain('cannot steal the session');

    // The full value is one click away: the cookie's name opens its row.
    const name = page.getByRole('button', { name: 'lab_session', exact: true });
    await name.click();
    expect(await name.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('#jar .row-details .value-full').innerText()).toMatch(/^eyJ[\w+/=]+$/);
  });

  it('counting visits updates the payload, the live change log and the wire log', async () => {
    const page = await open();
    await logIn(page, 'alice');
    await countVisit(page, 1);
    await countVisit(page, 2);
    await expect.poll(payload(page), POLL).toEqual({ username: 'alice', visits: 2 });

    // Newest first; the two cookies of one response are one batch, in jar order.
    await expect
      .poll(changeLog(page), POLL)
      .toEqual([
        'lab_session updated overwrite {"username":"alice","visits":1} → {"username":"alice","visits":2}',
        expect.stringMatching(/^lab_session\.sig updated overwrite [\w-]+ → [\w-]+$/),
        'lab_session updated overwrite {"username":"alice"} → {"username":"alice","visits":1}',
        expect.stringMatching(/^lab_session\.sig updated overwrite [\w-]+ → [\w-]+$/),
        'lab_session added inserted {"username":"alice"}',
        expect.stringMatching(/^lab_session\.sig added inserted [\w-]+$/),
      ]);

    const counter = page.locator('.wire-entry').filter({ hasText: 'POST /api/counter 200' }).first();
    await counter.waitFor({ timeout: POLL.timeout });
    const entry = await counter.innerText();
    expect(entry).toMatch(/Cookie sent\s+lab_session=eyJ[^;\s]+; lab_session\.sig=/);
    expect(entry).toMatch(/Set-Cookie received\s+lab_session=eyJ[^;]+; path=\/; expires=.+; samesite=lax; httponly/i);
    expect(entry).toMatch(/lab_session\.sig=[\w-]+; path=\/;/);

    // The first request had nothing to send.
    const login = await page.locator('.wire-entry').filter({ hasText: 'POST /api/login 200' }).innerText();
    expect(login).toMatch(/Cookie sent\s+\(none\)/);

    // At the window's size the lab's jar fits its card, Findings and Actions in
    // view, and the headings that sort read as headings, not framed buttons.
    const jar = page.locator('.jar-scroll').first();
    const fit = await jar.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(fit.scroll).toBeLessThanOrEqual(fit.client);
    const [box, edit] = await Promise.all([jar.boundingBox(), jar.getByRole('button', { name: 'Edit value of lab_session.sig' }).boundingBox()]);
    expect(edit!.x + edit!.width).toBeLessThanOrEqual(box!.x + box!.width);
    for (const button of await jar.locator('.sort-button, .row-open').all()) {
      expect(await button.evaluate((b) => [getComputedStyle(b).borderTopWidth, getComputedStyle(b).backgroundColor])).toEqual(['0px', 'rgba(0, 0, 0, 0)']);
    }
    await saveScreenshot(page, 'logged-in');
  });

  it('logging out forgets the user but the cookie still carries the visit count', async () => {
    const page = await open();
    await logIn(page, 'alice');
    await countVisit(page, 1);
    await countVisit(page, 2);
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect.poll(text(page, '#status'), POLL).toBe('You are not logged in');
    expect(await page.locator('#visits').innerText()).toBe('Number of visits: 2');
    await expect.poll(payload(page), POLL).toEqual({ visits: 2 });
    expect(await page.locator('#verdict').innerText()).toBe('Signature valid (key #1, newest)');
  });

  it('a tampered cookie fails the signature check and the server starts a new session', async () => {
    const page = await open();
    await logIn(page, 'alice');
    await countVisit(page, 1);
    await countVisit(page, 2);
    await expect.poll(payload(page), POLL).toEqual({ username: 'alice', visits: 2 });

    await page.getByRole('button', { name: 'Edit value of lab_session', exact: true }).click();
    const editor = page.locator('#jar-editor');
    expect(await editor.getByLabel(/Edit as JSON/).isChecked()).toBe(true);
    expect(await editor.getByLabel('New payload (JSON)').inputValue()).toBe('{"username":"alice","visits":2}');
    await editor.getByLabel('New payload (JSON)').fill('{"username":"admin","visits":2}');
    await editor.getByRole('button', { name: 'Save value' }).click();

    await expect.poll(text(page, '#verdict'), POLL).toBe('Signature does NOT match: the server will ignore this cookie');
    // Anyone can read and rewrite the data; only the signature gives it away.
    expect(await payload(page)()).toEqual({ username: 'admin', visits: 2 });
    const forged = Buffer.from('{"username":"admin","visits":2}').toString('base64');
    expect((await jarRows(page)).find((r) => r.Name === 'lab_session')).toMatchObject({ HttpOnly: 'yes', SameSite: 'Lax', Path: '/' });
    await expect.poll(async () => (await changeLog(page)())[0], POLL).toMatch(/^lab_session updated overwrite .* → \{"username":"admin","visits":2\}$/);
    // The status is the server's last answer, and the page says so.
    expect(await page.locator('#status').innerText()).toBe('Logged in as alice');
    expect(await page.locator('#stale').isVisible()).toBe(true);
    await saveScreenshot(page, 'tampered');

    // The server does not believe the forged cookie, and deletes its bad signature.
    await page.getByRole('button', { name: 'Refresh from server' }).click();
    await expect.poll(text(page, '#status'), POLL).toBe('You are not logged in');
    expect(await page.locator('#stale').isVisible()).toBe(false);
    const check = await page.locator('.wire-entry').filter({ hasText: 'GET /api/session 200' }).first().innerText();
    expect(check).toContain(`lab_session=${forged}`);
    expect(check).toMatch(/lab_session\.sig=; path=\/; expires=Thu, 01 Jan 1970/);
    await expect.poll(async () => (await changeLog(page)())[0], POLL).toMatch(/^lab_session\.sig removed expired-overwrite /);
    await expect.poll(text(page, '#verdict'), POLL).toBe('No signature: the server will ignore this cookie');

    // The next change starts over: a fresh session, visits from 1, signed again.
    await countVisit(page, 1);
    await expect.poll(payload(page), POLL).toEqual({ visits: 1 });
    await expect.poll(text(page, '#verdict'), POLL).toBe('Signature valid (key #1, newest)');
  });

  it('a value Chromium cannot store is refused with a message', async () => {
    const page = await open();
    await logIn(page, 'alice');
    await page.getByRole('button', { name: 'Edit value of lab_session.sig' }).click();
    await page.getByLabel('New value').fill('a;b');
    await page.getByRole('button', { name: 'Save value' }).click();
    await expect.poll(text(page, '#jar-editor-error'), POLL).toMatch(/^Could not change lab_session\.sig: /);
    expect(await page.locator('#verdict').innerText()).toBe('Signature valid (key #1, newest)');
  });

  it('deleting a cookie and clearing the jar update the table, the verdict and the server’s answer', async () => {
    const page = await open();
    await logIn(page, 'alice');
    await expect.poll(jarNames(page), POLL).toEqual(['lab_session', 'lab_session.sig']);

    await page.getByRole('button', { name: 'Delete lab_session.sig' }).click();
    await expect.poll(jarNames(page), POLL).toEqual(['lab_session']);
    await expect.poll(text(page, '#verdict'), POLL).toBe('No signature: the server will ignore this cookie');
    await expect.poll(async () => (await changeLog(page)())[0], POLL).toMatch(/^lab_session\.sig removed explicit /);
    await page.getByRole('button', { name: 'Refresh from server' }).click();
    await expect.poll(text(page, '#status'), POLL).toBe('You are not logged in');

    await page.getByRole('button', { name: 'Clear all' }).click();
    await expect.poll(jarNames(page), POLL).toEqual([]);
    await expect.poll(text(page, '#jar'), POLL).toContain('The jar holds no cookies');
    await expect.poll(text(page, '#verdict'), POLL).toBe('No session cookie yet');
  });

  it('"Clear session" makes the server expire both cookies', async () => {
    const page = await open();
    await logIn(page, 'alice');
    await page.getByRole('button', { name: 'Clear session' }).click();
    await expect.poll(text(page, '#status'), POLL).toBe('You are not logged in');
    expect(await page.locator('#visits').innerText()).toBe('No visits counted yet');
    await expect.poll(jarNames(page), POLL).toEqual([]);
    await expect
      .poll(async () => (await changeLog(page)()).slice(0, 2).sort(), POLL)
      .toEqual([
        expect.stringMatching(/^lab_session removed expired-overwrite \{"username":"alice"\}$/),
        expect.stringMatching(/^lab_session\.sig removed expired-overwrite /),
      ]);
  });

  it('works from the keyboard: Tab reaches the username field, Enter logs in, focus is visible', async () => {
    const page = await open();
    // The header's view tabs are one tab stop, on the selected tab.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-session');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('username');
    expect(await page.getByLabel('Username').evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await page.keyboard.type('bob');
    await page.keyboard.press('Enter');
    await expect.poll(text(page, '#status'), POLL).toBe('Logged in as bob');

    // On to the buttons, each reachable and pressable without a mouse.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Log in');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Count a visit');
    await page.keyboard.press('Space');
    await expect.poll(text(page, '#visits'), POLL).toBe('Number of visits: 1');
  });

  it('a hostile username is shown as text, never run as markup', async () => {
    const page = await open();
    const hostile = '<img src=x onerror=alert(1)>';
    await logIn(page, hostile);
    await expect.poll(payload(page), POLL).toEqual({ username: hostile });
    await expect.poll(() => page.locator('#change-log').innerText(), POLL).toContain(JSON.stringify({ username: hostile }));
    expect(await page.locator('img').count()).toBe(0);
    // afterEach checks no alert() ran.
  });

  it('in a plain browser the session works and the inspector shows the server’s own view', async () => {
    const page = await open({ desktop: false });
    expect(await page.evaluate(() => 'sessionLab' in window)).toBe(false);
    await expect.poll(text(page, '#mode'), POLL).toContain('Browser mode');
    expect(await page.locator('#jar').innerText()).toContain('The cookie jar needs the desktop app');
    expect(await page.locator('#change-log').innerText()).toContain('needs the desktop app');
    expect(await page.locator('#wire-log').innerText()).toContain('needs the desktop app');
    await expect.poll(text(page, '#verdict'), POLL).toBe('No session cookie yet');

    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(text(page, '#session-error'), POLL).toBe('Username is required.');
    await logIn(page, 'carol');
    await countVisit(page, 1);
    await expect.poll(payload(page), POLL).toEqual({ username: 'carol', visits: 1 });
    expect(await page.locator('#verdict').innerText()).toBe('Signature valid (key #1, newest)');
    expect(await page.locator('#size-text').innerText()).toMatch(/^\d+ bytes of ~4096/);
    expect(await page.locator('#doc-cookie').innerText()).toBe('"" (an empty string)');
    expect(await page.locator('#doc-cookie-note').innerText()).toContain('HttpOnly');
    await saveScreenshot(page, 'plain-browser');

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect.poll(text(page, '#status'), POLL).toBe('You are not logged in');
    await expect.poll(payload(page), POLL).toEqual({ visits: 1 });
  });

  it('follows a dark system theme', async () => {
    const page = await open({ colorScheme: 'dark' });
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const dark = await background();
    await logIn(page, 'alice');
    await countVisit(page, 1);
    await expect.poll(payload(page), POLL).toEqual({ username: 'alice', visits: 1 });
    await saveScreenshot(page, 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    expect(luminance(dark)).toBeLessThan(0.1);
    expect(luminance(light)).toBeGreaterThan(0.8);
  });
});

/** Relative luminance (0 black … 1 white) of a CSS rgb() colour. */
function luminance(rgb: string): number {
  const [r = 0, g = 0, b = 0] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
