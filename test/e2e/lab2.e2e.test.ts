// Lab II's five experiments end to end in Debian's Chromium: the real page, a real
// server that Lab II restarts with other settings (and a second instance behind
// it), main's own switch code behind the CDP bridge, and Chromium's real jar.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { chromiumMissing, jarRows, openLab, saveScreenshot } from '../support/lab-harness';
import { POLL, pressOnCard as press, stepFacts, useLabFixture } from '../support/lab-fixture';

if (chromiumMissing) console.warn(`Skipping the Lab II e2e suite: ${chromiumMissing}`);

const text = (locator: Locator) => () => locator.innerText();

describe.skipIf(chromiumMissing !== null)('Lab II: the experiments in the window', () => {
  // A server per test: Lab II restarts and reconfigures it.
  const fixture = useLabFixture({ serverPer: 'test' });

  async function openCard(tab: string): Promise<Page> {
    const page = await fixture.open();
    await page.getByRole('tab', { name: 'Lab II', exact: true }).click();
    await page.getByRole('tab', { name: tab }).click();
    await expect.poll(text(page.locator('#server-settings')), POLL).toMatch(/^Server now: /);
    return page;
  }

  /** Presses a button and waits until that step shows facts different from before. */
  async function run(page: Page, id: string, step: number, button: string): Promise<string> {
    const before = await stepFacts(page, id, step)();
    await press(page, id, button);
    await expect.poll(async () => (await stepFacts(page, id, step)()) !== before && (await stepFacts(page, id, step)()) !== '', POLL).toBe(true);
    expect(await page.locator(`#${id}-error`).innerText()).toBe('');
    return stepFacts(page, id, step)();
  }
  const sessionRow = async (page: Page) => (await jarRows(page)).find((r) => r.Name === 'lab_session');

  it('1. size: the server warns near the limit, then the browser silently keeps the old cookie and the server never knows', async () => {
    const page = await openCard('1 Size');
    expect(await page.locator('#session-column').isVisible()).toBe(false);
    expect(await page.locator('#jar').isVisible()).toBe(true);
    expect(await run(page, 'exp-size', 1, 'Log in as erin')).toContain('The server answered Logged in as erin');

    const stuffed: string[] = [];
    for (let i = 0; i < 4; i++) {
      // Each press replaces the step's facts; wait for the new padding total.
      await press(page, 'exp-size', 'Stuff 1,000 bytes');
      await expect.poll(stepFacts(page, 'exp-size', 2), POLL).toContain(`it stored ${(i + 1).toLocaleString('en-US')},000 bytes of padding`);
      stuffed.push(await stepFacts(page, 'exp-size', 2)());
    }
    // 1 and 2 KB: stored, no warning.
    expect(stuffed[0]).toMatch(/Jar: lab_session [\d,]+ bytes: stored/);
    expect(stuffed[1]).toContain('Server warnings none');
    // 3 KB: still stored, but past three quarters of the budget: the server warns.
    expect(stuffed[2] ?? '').toMatch(/Jar: lab_session [\d,]+ bytes: stored/);
    expect(stuffed[2]).toMatch(/Server warnings The session cookie is [\d]+ bytes, near the ~4096-byte limit/);
    // 4 KB: the Set-Cookie went out, the jar kept the 3 KB cookie, the page saw a 200.
    const dropped = stuffed[3] ?? '';
    const wireBytes = Number(/Set-Cookie on the wire lab_session: ([\d,]+) bytes/.exec(dropped)?.[1]?.replace(/,/g, ''));
    expect(wireBytes).toBeGreaterThan(4096);
    const keptBytes = Number(/Jar: lab_session ([\d,]+) bytes: the browser refused the new cookie and kept the old one/.exec(dropped)?.[1]?.replace(/,/g, ''));
    expect(keptBytes).toBeGreaterThan(3072);
    expect(keptBytes).toBeLessThanOrEqual(4096);
    expect(dropped).toContain('The page saw HTTP 200 and no error');
    // The small .sig of the refused cookie was stored: the pair no longer matches.
    expect(dropped).toContain('Jar: lab_session.sig updated: the small .sig of the refused cookie was stored');
    expect(Number((await sessionRow(page))?.Size?.replace(/\D/g, '') ?? 'NaN')).toBe(keptBytes);
    // The meter shows the cookie near the limit.
    await expect.poll(() => page.getByRole('meter', { name: 'lab_session size', exact: true }).getAttribute('value'), POLL).toBe(String(keptBytes));
    expect(await page.locator('#size-budget-total').innerText()).toMatch(/^Cookie header for this origin: [\d,]+ bytes, sent with every request$/);

    const asked = await run(page, 'exp-size', 3, 'Ask the server');
    expect(asked).toContain(`Cookie sent lab_session: ${keptBytes.toLocaleString('en-US')} bytes`);
    expect(asked).toContain('Main’s verdict on what was sent Signature does NOT match: the server will ignore this cookie');
    expect(asked).toContain('The server answered You are not logged in');
    expect(asked).toContain('The server received 0 bytes of padding, not the 4,000 bytes it stored: it never knew');
    expect(await page.locator('#status').innerText()).toBe('You are not logged in');
    // The browser still sends the older, smaller cookie on the wire.
    await expect.poll(text(page.locator('#wire-log .wire-entry').first()), POLL).toContain('GET /api/lab/session');
    await saveScreenshot(page, 'lab2-size');

    expect(await run(page, 'exp-size', 4, 'Clear the session')).toContain('Server warnings none');
    expect(await sessionRow(page)).toBeUndefined();
  });

  it('2. replay: a copy survives logout; with server-side expiry the same replay is refused once idle', async () => {
    const page = await openCard('2 Replay');
    expect(await run(page, 'exp-replay', 1, 'Log in as dave')).toContain('Logged in as dave · Number of visits: 1');
    const copied = await run(page, 'exp-replay', 2, 'Copy and log out');
    expect(copied).toContain('Copy taken {"username":"dave","visits":1} + its .sig');
    expect(copied).toContain('Logged out: the server answered You are not logged in');

    const replayed = await run(page, 'exp-replay', 3, 'Replay the copy');
    expect(replayed).toContain('Replayed copy: the server answered Logged in as dave · Number of visits: 1');
    expect(replayed).toContain('Session-Lab-Expired not sent: the server accepted the copy');
    expect(await page.locator('#status').innerText()).toBe('Logged in as dave');

    const withExpiry = await run(page, 'exp-replay', 4, 'Turn expiry on and replay');
    expect(withExpiry).toContain('Server expiry on: idle 15 min, absolute 60 min');
    expect(withExpiry).toMatch(/Copy taken \{"username":"dave","issuedAt":\d+,"lastSeen":\d+,"visits":1\}/);
    // Inside the idle window the replay still works: expiry bounds, it does not revoke.
    expect(withExpiry).toContain('Replayed copy: the server answered Logged in as dave');
    expect(await page.locator('#server-settings').innerText()).toContain('expiry on (idle 15 min, absolute 60 min) · real time');

    const expired = await run(page, 'exp-replay', 5, 'Fast-forward and replay');
    expect(expired).toContain('Lab clock +16 min ahead of real time');
    expect(expired).toContain('Replayed copy: the server answered You are not logged in');
    expect(expired).toContain('On the wire Session-Lab-Expired: idle');
    expect(await page.locator('#status').innerText()).toBe('You are not logged in');
    await expect.poll(text(page.locator('#wire-log .wire-entry').first()), POLL).toContain('Session-Lab-Expired: idle');
    await saveScreenshot(page, 'lab2-replay');

    expect(await run(page, 'exp-replay', 6, 'Turn expiry off')).toContain('expiry off, lab clock back to real time');
    expect(fixture.server.serverLab.state()).toMatchObject({ expiry: null, clockOffsetMs: 0 });
    expect(await page.locator('#server-settings').innerText()).toMatch(/^Server now: expiry off · real time/);
  });

  it('3. attributes: HttpOnly off exposes the cookie, Strict is stored, None without Secure is refused, no Max-Age makes a session cookie', async () => {
    const page = await openCard('3 Attributes');
    const login = await run(page, 'exp-attrs', 1, 'Log in as grace');
    expect(login).toMatch(/Jar: lab_session HttpOnly yes · SameSite Lax · Expires \d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(login).toContain('document.cookie "" (nothing: the session is hidden from scripts)');

    const open = await run(page, 'exp-attrs', 2, 'Turn HttpOnly off');
    expect(open).toMatch(/Set-Cookie on the wire lab_session=\S+; path=\/; expires=[^;]+; samesite=lax$/m);
    expect(open).toContain('Jar: lab_session HttpOnly no · SameSite Lax');
    expect(open).toMatch(/document\.cookie lab_session=eyJ[\w+/=]+; lab_session\.sig=[\w-]+/);
    // The page's own document.cookie panel agrees.
    await expect.poll(text(page.locator('#doc-cookie')), POLL).toMatch(/^lab_session=eyJ/);
    expect(await page.evaluate(() => document.cookie)).toContain('lab_session=');

    const strict = await run(page, 'exp-attrs', 3, 'SameSite=Strict');
    expect(strict).toContain('Jar: lab_session HttpOnly yes · SameSite Strict');
    expect(strict).toContain('document.cookie "" (nothing: the session is hidden from scripts)');
    const visitsBefore = (await sessionRow(page))?.Value;

    const none = await run(page, 'exp-attrs', 4, 'SameSite=None, no Secure');
    expect(none).toContain('The server answered Logged in as grace · Number of visits: 3');
    expect(none).toMatch(/Set-Cookie on the wire lab_session=\S+; path=\/; expires=[^;]+; samesite=none; httponly/);
    expect(none).toContain('Jar: lab_session HttpOnly yes · SameSite Strict');
    expect(none).toMatch(/The browser refused it \(SameSite=None without Secure\): the jar still holds \{"username":"grace","visits":2\}/);
    expect((await sessionRow(page))?.Value).toBe(visitsBefore);
    await saveScreenshot(page, 'lab2-attributes-samesite-none');

    const sessionCookie = await run(page, 'exp-attrs', 5, 'Session cookie');
    expect(sessionCookie).toMatch(/Set-Cookie on the wire lab_session=\S+; path=\/; samesite=lax; httponly$/m);
    expect(sessionCookie).toContain('Jar: lab_session HttpOnly yes · SameSite Lax · Expires Session');
    expect((await sessionRow(page))?.Expires).toBe('Session');
    await saveScreenshot(page, 'lab2-attributes');

    expect(await run(page, 'exp-attrs', 6, 'Restore the defaults')).toMatch(/Jar: lab_session HttpOnly yes · SameSite Lax · Expires \d{4}-/);
    expect(fixture.server.serverLab.state().cookie).toEqual({ httpOnly: true, sameSite: 'lax', maxAgeMs: 7 * 24 * 60 * 60 * 1000 });
  });

  it('4. scale-out: with the same keys the count carries on across instances; with different keys each refuses the other’s cookie', async () => {
    const page = await openCard('4 Scale-out');
    const started = await run(page, 'exp-scale', 1, 'Start instance B (same keys)');
    expect(started).toMatch(/Instance B http:\/\/127\.0\.0\.1:\d+: the same keys as A/);
    expect(await page.locator('#server-settings').innerText()).toContain('two instances (same keys)');

    const same = (await run(page, 'exp-scale', 2, 'Log in as frank and count 3 visits')).split('\n');
    expect(same).toHaveLength(4);
    // Alternating instances, one session: the count goes on.
    const instances = same.map((line) => /instance ([AB])/.exec(line)?.[1]);
    expect(new Set(instances)).toEqual(new Set(['A', 'B']));
    for (let i = 1; i < 4; i++) expect(instances[i]).not.toBe(instances[i - 1]);
    expect(same[3]).toMatch(/^Request 4 \(instance [AB]\) Logged in as frank · Number of visits: 3$/);
    expect(same[1]).toContain('Logged in as frank · Number of visits: 1');
    await saveScreenshot(page, 'lab2-scale-out');

    expect(await run(page, 'exp-scale', 3, 'Restart B with its own key')).toMatch(/Instance B http:\/\/127\.0\.0\.1:\d+: a key of its own/);
    const different = (await run(page, 'exp-scale', 4, 'Log in and count again')).split('\n');
    expect(different).toHaveLength(4);
    // Every hop lands on the other instance, which refuses the cookie: no login survives, the count restarts.
    for (const line of different.slice(1)) expect(line).toMatch(/You are not logged in · Number of visits: 1$/);
    await saveScreenshot(page, 'lab2-scale-out-different-keys');

    expect(await run(page, 'exp-scale', 5, 'Stop instance B')).toContain('Instance B stopped: A answers every request again');
    expect(fixture.server.serverLab.state().secondInstance).toBeNull();
    expect(await page.locator('#server-settings').innerText()).toContain('one instance');
  });

  it('5. sensitive data: the server warns about a password and an API key, and the cookie decodes without any key', async () => {
    const page = await openCard('5 Secrets');
    await run(page, 'exp-sensitive', 1, 'Log in as heidi');
    const password = await run(page, 'exp-sensitive', 2, 'Store a password');
    expect(password).toContain('Server warnings The session holds "password", which looks sensitive: anyone with the cookie can read it (it is only base64).');
    expect(password).toContain('Server log Session Lab: POST /api/lab/stash: The session holds "password"');
    const token = await run(page, 'exp-sensitive', 3, 'Store an API key');
    expect(token).toContain('The session\'s "note" looks like an API key');
    expect(token).toMatch(/Server log Session Lab: POST \/api\/lab\/stash: The session's "note" looks like an API key/);
    expect(fixture.server.warnings.some((w) => w.includes('"note" looks like an API key'))).toBe(true);

    const decoded = await run(page, 'exp-sensitive', 4, 'Decode the cookie');
    expect(decoded).toContain('Decoded, without any key {"username":"heidi","password":"hunter2","note":"sk_live_4eC39HqLyjWDarjtT1zdp7dc"}');
    await saveScreenshot(page, 'lab2-sensitive');

    expect(await run(page, 'exp-sensitive', 5, 'Forget the secrets')).toBe('Server warnings none');
    expect(await page.locator('#status').innerText()).toBe('Logged in as heidi');
  });

  it('a step that does not apply says why, and a plain browser says Lab II needs the desktop app', async () => {
    const page = await openCard('2 Replay');
    await press(page, 'exp-replay', 'Replay the copy');
    await expect.poll(text(page.locator('#exp-replay-error')), POLL).toBe('There is no copy yet: take one first (step 2).');
    await press(page, 'exp-replay', 'Fast-forward and replay');
    await expect.poll(text(page.locator('#exp-replay-error')), POLL).toBe('The lab clock only matters to server-side expiry: turn it on first.');
    await page.getByRole('tab', { name: '4 Scale-out' }).click();
    await press(page, 'exp-scale', 'Stop instance B');
    await expect.poll(text(page.locator('#exp-scale-error')), POLL).toBe('Instance B is not running.');

    const plain = await openLab(fixture.browser, fixture.server, { desktop: false });
    try {
      await plain.page.getByRole('tab', { name: 'Lab II', exact: true }).click();
      expect(await plain.page.locator('#lab2').innerText()).toContain('Lab II needs the desktop app');
    } finally {
      await plain.close();
    }
  });
});
