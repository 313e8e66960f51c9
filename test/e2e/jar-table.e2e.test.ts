// The jar table with a real app's worth of cookies, in Debian's Chromium: the
// lab's session among 150 others, found again with the filter, the sort, the
// groups and "only cookies with findings", from the keyboard as well as the mouse.
// The findings are main's own audit of Chromium's jar, over the CDP bridge.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, jarRows } from '../support/lab-harness';
import { logIn, POLL, pressOnCard as press, stepFacts, textOf as text, useLabFixture } from '../support/lab-fixture';

if (chromiumMissing) console.warn(`Skipping the jar table e2e suite: ${chromiumMissing}`);

const PREFS = 150;
const LONG_VALUE = 'x'.repeat(600);

describe.skipIf(chromiumMissing !== null)('the jar table with many cookies', () => {
  // A server per test: the weak-key demo restarts it.
  const fixture = useLabFixture({ serverPer: 'test' });
  const names = (page: Page) => async () => (await jarRows(page)).map((r) => r.Name);
  const count = (page: Page) => text(page, '#jar-count');

  /** Logs in, then fills the jar like a real site's: preferences, ads without SameSite, another framework's session readable by scripts, one long value. */
  async function busyJar(): Promise<Page> {
    const page = await fixture.open();
    await logIn(page, 'alice');
    const url = fixture.server.url;
    await page
      .context()
      .addCookies([
        ...Array.from({ length: PREFS }, (_, i) => ({ name: `pref_${String(i).padStart(3, '0')}`, value: `v${i}`, url, sameSite: 'Lax' as const })),
        ...[1, 2, 3].map((i) => ({ name: `ad_${i}`, value: `a${i}`, url })),
        { name: 'sessionid', value: 'k3j4h5', url, sameSite: 'Lax', httpOnly: false },
        { name: 'blob', value: LONG_VALUE, url, sameSite: 'Lax' },
      ]);
    // The table reads the jar again on the next change; a visit makes one.
    await page.getByRole('button', { name: 'Count a visit' }).click();
    await expect.poll(async () => (await jarRows(page)).length, POLL).toBe(PREFS + 7);
    return page;
  }

  it('puts the session cookies first and finds the ones with findings', async () => {
    const page = await busyJar();
    expect((await names(page)()).slice(0, 3)).toEqual(['lab_session', 'lab_session.sig', 'sessionid']);
    expect(await count(page)()).toBe('157 cookies · 4 with findings');
    // The lab's own pair, as the server sets it on plain http, has none.
    const rows = await jarRows(page);
    expect(rows.find((r) => r.Name === 'lab_session')!.Findings).toBe('none');
    expect(rows.find((r) => r.Name === 'sessionid')!.Findings).toBe('1 · Medium');
    expect(rows.find((r) => r.Name === 'ad_1')!.Findings).toBe('1 · Info');

    await page.getByLabel('Only cookies with findings (4)').check();
    await expect.poll(names(page), POLL).toEqual(['sessionid', 'ad_1', 'ad_2', 'ad_3']);
    expect(await count(page)()).toBe('Showing 4 of 157 cookies · 4 with findings');

    // Opened, the row says why and what to change, in Django's words (the name is Django's).
    const open = page.getByRole('button', { name: 'sessionid', exact: true });
    await open.click();
    const details = page.locator('#jar .row-details');
    await expect.poll(() => details.innerText(), POLL).toContain('HttpOnly is missing');
    const said = await details.innerText();
    expect(said).toContain('Looks like a Django session cookie.');
    expect(said).toMatch(/Why it matters: Any script on the page can read this session cookie through document\.cookie/);
    expect(said).toContain('What to change: Set SESSION_COOKIE_HTTPONLY = True in settings.py (its default).');
    expect(said).toContain('ZAP 10010 (CWE-1004)');
    await open.click();
    expect(await details.count()).toBe(0);
    await page.getByLabel('Only cookies with findings (4)').uncheck();
    await expect.poll(async () => (await names(page)()).length, POLL).toBe(157);
  });

  it('the filter narrows by name, domain or value, stays live, and Escape clears it', async () => {
    const page = await busyJar();
    const filter = page.getByRole('searchbox', { name: 'Filter cookies by name, domain or value' });
    await filter.fill('pref_01');
    await expect.poll(names(page), POLL).toEqual(Array.from({ length: 10 }, (_, i) => `pref_01${i}`));
    expect(await count(page)()).toBe('Showing 10 of 157 cookies · 4 with findings');

    // Filtered to the session: the row still follows the jar.
    await filter.fill('lab_');
    await expect.poll(names(page), POLL).toEqual(['lab_session', 'lab_session.sig']);
    const before = (await jarRows(page))[0]!.Value;
    await page.getByRole('button', { name: 'Count a visit' }).click();
    await expect.poll(async () => (await jarRows(page))[0]!.Value, POLL).not.toBe(before);
    expect(JSON.parse(Buffer.from((await jarRows(page))[0]!.Value ?? '', 'base64').toString())).toEqual({ username: 'alice', visits: 2 });

    await filter.fill('127.0.0');
    await expect.poll(async () => (await names(page)()).length, POLL).toBe(157);
    await filter.fill('no such cookie');
    await expect.poll(text(page, '#jar'), POLL).toContain('No cookie matches “no such cookie”.');
    await filter.press('Escape');
    expect(await filter.inputValue()).toBe('');
    await expect.poll(async () => (await names(page)()).length, POLL).toBe(157);
  });

  it('columns sort from the keyboard, with aria-sort and a visible focus', async () => {
    const page = await busyJar();
    const sizeHeading = page.getByRole('columnheader', { name: 'Size' });
    const size = sizeHeading.getByRole('button', { name: 'Size' });
    // Tab from the Name heading's button along the sortable ones to Size.
    await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').focus();
    for (const label of ['Domain', 'Path', 'Expires', 'Size']) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(label);
    }
    expect(await size.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    await expect.poll(() => sizeHeading.getAttribute('aria-sort'), POLL).toBe('ascending');
    expect(await page.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBeNull();
    await page.keyboard.press('Space');
    await expect.poll(() => sizeHeading.getAttribute('aria-sort'), POLL).toBe('descending');
    // Session cookies first, then the biggest.
    await expect.poll(async () => (await names(page)())[3], POLL).toBe('blob');
    await page.getByLabel('Session cookies first').uncheck();
    await expect.poll(async () => (await names(page)())[0], POLL).toBe('blob');
  });

  it('groups by domain with counts, and a group folds from the keyboard', async () => {
    const page = await busyJar();
    await page.getByLabel('Group by domain').check();
    const group = page.getByRole('button', { name: '127.0.0.1', exact: true });
    await expect.poll(() => page.locator('#jar tr.group-row').innerText(), POLL).toBe('127.0.0.1 157 cookies · 4 with findings');
    await group.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => group.getAttribute('aria-expanded'), POLL).toBe('false');
    expect(await jarRows(page)).toEqual([]);
    await page.keyboard.press('Space');
    await expect.poll(async () => (await jarRows(page)).length, POLL).toBe(157);
  });

  it('a long value stays on one line until its row is opened', async () => {
    const page = await busyJar();
    const line = page.locator('#jar tr.jar-row', { has: page.getByRole('button', { name: 'blob', exact: true }) }).locator('.value-line');
    const shape = await line.evaluate((el) => {
      const style = getComputedStyle(el);
      return {
        whiteSpace: style.whiteSpace,
        overflowX: style.overflowX,
        textOverflow: style.textOverflow,
        overflows: el.scrollWidth > el.clientWidth,
        height: el.getBoundingClientRect().height,
        lineHeight: parseFloat(style.lineHeight),
      };
    });
    // One line, cut with an ellipsis inside its cell rather than spilling over the next ones.
    expect(shape).toMatchObject({ whiteSpace: 'nowrap', overflowX: 'hidden', textOverflow: 'ellipsis', overflows: true });
    expect(shape.height).toBeLessThan(shape.lineHeight * 1.5);
    await page.getByRole('button', { name: 'blob', exact: true }).press('Enter');
    const full = page.locator('#jar .row-details .value-full');
    await expect.poll(() => full.innerText(), POLL).toBe(LONG_VALUE);
    expect(await full.evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(shape.height * 2);
  });

  it('Lab I’s crack of a weak key shows on the lab’s own session cookies, until the strong key is back', async () => {
    const page = await fixture.open();
    await page.getByRole('tab', { name: 'Lab I: experiments' }).click();
    await page.getByRole('tab', { name: '3 Weak key' }).click();
    await press(page, 'exp-weak', 'Restart on the weak key');
    await press(page, 'exp-weak', 'Log in as bob');
    await expect.poll(stepFacts(page, 'exp-weak', 2), POLL).toContain('The server answered Logged in as bob');
    const findings = async () => Object.fromEntries((await jarRows(page)).map((r) => [r.Name, r.Findings]));
    // Weak, but nobody has found it yet: the audit does not crack on its own.
    expect(await findings()).toEqual({ lab_session: 'none', 'lab_session.sig': 'none' });

    await press(page, 'exp-weak', 'Crack the key from the cookie');
    await expect.poll(stepFacts(page, 'exp-weak', 3), POLL).toMatch(/^Key found your_very_secret_key/);
    await expect.poll(findings, POLL).toEqual({ lab_session: '1 · High', 'lab_session.sig': '1 · High' });
    await page.getByRole('button', { name: 'lab_session', exact: true }).click();
    const details = await page.locator('#jar .row-details').innerText();
    expect(details).toContain('Signed with a key from a public wordlist');
    expect(details).toContain('Looks like a cookie-session session cookie.');
    expect(details).toContain('What to change: Load the keys option from the environment: long random values, never committed. A new key logs everyone out');

    await press(page, 'exp-weak', 'Restore the strong key');
    await expect.poll(stepFacts(page, 'exp-weak', 5), POLL).toContain('The server answered You are not logged in');
    await expect.poll(async () => Object.values(await findings()).every((f) => f === 'none'), POLL).toBe(true);
  });
});
