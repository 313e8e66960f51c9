// Lab III end to end in Debian's Chromium: the real page, the lab server and its
// server-side instance (express-session on a real SQLite file) as main starts
// them, main's own code behind the CDP bridge, and Chromium's real jar.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { chromiumMissing, jarRows, openLab, saveScreenshot } from '../support/lab-harness';
import { POLL, pressOnCard as press, stepFacts, useLabFixture } from '../support/lab-fixture';

if (chromiumMissing) console.warn(`Skipping the Lab III e2e suite: ${chromiumMissing}`);

const text = (locator: Locator) => () => locator.innerText();

describe.skipIf(chromiumMissing !== null)('Lab III: client-side and server-side sessions in the window', () => {
  const fixture = useLabFixture({ serverPer: 'test' });

  async function openCard(tab: string): Promise<Page> {
    const page = await fixture.open();
    await page.getByRole('tab', { name: 'Lab III' }).click();
    await page.getByRole('tab', { name: tab }).click();
    await expect
      .poll(text(page.locator('#session-kinds')), POLL)
      .toMatch(/^Client-side: cookie-session, the session in the cookie · Server-side: express-session on the SQLite file .*sessions\.sqlite$/);
    return page;
  }

  /** Presses a button and waits until that step shows facts different from before. */
  async function run(page: Page, id: string, step: number, button: string): Promise<string> {
    const before = await stepFacts(page, id, step)();
    await press(page, id, button);
    await expect
      .poll(async () => (await stepFacts(page, id, step)()) !== before && (await stepFacts(page, id, step)()) !== '', { ...POLL, timeout: 15_000 })
      .toBe(true);
    expect(await page.locator(`#${id}-error`).innerText()).toBe('');
    return stepFacts(page, id, step)();
  }
  const row = async (page: Page, name: string) => (await jarRows(page)).find((r) => r.Name === name);

  it('1. what each side holds: the payload in one cookie, an opaque ID in the other, and the record in the store', async () => {
    const page = await openCard('1 Holds');
    const login = await run(page, 'exp3-holds', 1, 'Log in as ivy on both');
    expect(login).toContain('Client-side Logged in as ivy · Number of visits: 1');
    expect(login).toContain('Server-side Logged in as ivy · Number of visits: 1');
    // The session panel shows the client-side session.
    expect(await page.locator('#status').innerText()).toBe('Logged in as ivy');

    const inside = await run(page, 'exp3-holds', 2, 'Show the cookies and the store');
    expect(inside).toMatch(/Jar: lab_session \{"username":"ivy","visits":1\} \(\d+ bytes, readable by anyone who has it\)/);
    expect(inside).toMatch(/Jar: lab_sid s:[\w-]+…[\w/+]+ \(\d+ bytes, an ID and its signature\)/);
    expect(inside).toContain('Main’s verdict on lab_sid Signature valid (key #1, newest)');
    expect(inside).toMatch(/The store \(sqlite\) \{"cookie":\{.*\},"username":"ivy","visits":1\} \(\d+ bytes\)/);

    // The jar and the inspector show both cookies, as Chromium holds them.
    const sid = await row(page, 'lab_sid');
    expect(sid).toMatchObject({ Path: '/', HttpOnly: 'yes', SameSite: 'Lax' });
    await expect.poll(text(page.locator('#session-id-verdict')), POLL).toBe('Signature valid (key #1, newest)');
    expect(await page.locator('#session-id-sid').innerText()).toMatch(/^[\w-]{32}$/);
    expect(JSON.parse(await page.locator('#session-id-record').innerText())).toMatchObject({
      username: 'ivy',
      visits: 1,
      cookie: { httpOnly: true, path: '/', sameSite: 'lax' },
    });
    await expect.poll(text(page.locator('#payload')), POLL).toContain('"username": "ivy"');
    await saveScreenshot(page, 'lab3-holds');
  });

  it('2. revocation: the client-side copy is still logged in after logout, the server-side one is refused; "log out everywhere" ends both devices', async () => {
    const page = await openCard('2 Revoke');
    expect(await run(page, 'exp3-revoke', 1, 'Log in as judy and copy')).toContain('Copies taken lab_session, lab_session.sig, lab_sid');
    const out = await run(page, 'exp3-revoke', 2, 'Log out on both');
    expect(out).toContain('Client-side You are not logged in · Number of visits: 1');
    expect(out).toContain('Server-side You are not logged in · Number of visits: 1');

    const replay = await run(page, 'exp3-revoke', 3, 'Replay the copies');
    expect(replay).toContain('Client-side copy Logged in as judy · Number of visits: 1');
    expect(replay).toContain('Server-side copy You are not logged in');
    expect(replay).toMatch(/The store has no record for [\w-]{32}/);
    await expect.poll(text(page.locator('#session-id-record')), POLL).toMatch(/^No record for this ID: it is unknown, expired or was destroyed/);
    await saveScreenshot(page, 'lab3-revocation');

    const devices = (await run(page, 'exp3-revoke', 4, 'Log in on two devices')).split('\n');
    const [one, two] = [devices[0]?.replace('Device 1 ', ''), devices[1]?.replace('Device 2 ', '')];
    expect(one).toMatch(/^s:/);
    expect(two).not.toBe(one);
    expect(devices[2]).toBe('Server-side on device 2 Logged in as judy');

    const everywhere = await run(page, 'exp3-revoke', 5, 'Log out everywhere');
    expect(everywhere).toContain('Server-side ended 2 sessions of judy');
    expect(everywhere).toContain('Server-side: device 1 comes back You are not logged in');
    expect(everywhere).toContain('Client-side A client-side session cannot be ended on other devices');
  });

  it('3. size: 10 KB works server-side and is lost client-side', async () => {
    const page = await openCard('3 Size');
    await run(page, 'exp3-size', 1, 'Log in as kim on both');
    const stuffed = await run(page, 'exp3-size', 2, 'Stuff 10,000 bytes on both');
    expect(stuffed).toMatch(/Client-side sent cookies of up to [\d,]+ bytes: over 4,096, so the browser refused them/);
    expect(stuffed).toMatch(/Server-side sent a cookie of \d+ bytes; the store holds 10,[\d]{3} bytes/);
    expect(stuffed).toContain('Server-side Logged in as kim');
    expect(stuffed).toMatch(/Server-side received 10,000 bytes of padding, all of it; the cookie is \d+ bytes, the store’s record 10,\d{3} bytes/);
    expect(stuffed).toMatch(/Client-side received [\d,]+ bytes of padding, not the 10,000 bytes it was given/);
    expect(stuffed).toContain('Client-side You are not logged in');
    expect(Number((await row(page, 'lab_sid'))?.Size?.replace(/\D/g, ''))).toBeLessThan(120);
    await saveScreenshot(page, 'lab3-size');
    expect(await run(page, 'exp3-size', 3, 'Clear both sessions')).toContain('Server-side You are not logged in');
    expect(await row(page, 'lab_sid')).toBeUndefined();
  });

  it('4. fixation: the ID planted before the login does not survive it', async () => {
    const page = await openCard('4 Fixation');
    const planted = await run(page, 'exp3-fixation', 1, 'Plant the attacker’s session');
    expect(planted).toContain('Planted lab_session {"visits":1}');
    const plantedSid = /Planted lab_sid (\S+)/.exec(planted)?.[1];
    const login = await run(page, 'exp3-fixation', 2, 'Log in as victim');
    expect(login).toContain('Server-side Logged in as victim · Number of visits: 1');
    expect(login).toMatch(/Server-side: lab_sid a new ID: s:/);
    expect(login).not.toContain(plantedSid);
    expect(login).toContain('Client-side: lab_session {"visits":1,"username":"victim"}');
    const attacker = await run(page, 'exp3-fixation', 3, 'Use the planted cookies');
    expect(attacker).toContain('Client-side: the attacker You are not logged in · Number of visits: 1');
    expect(attacker).toContain('Server-side: the attacker You are not logged in');
    expect(attacker).toMatch(/The store has no record for/);
  });

  it('5. scale-out: memory stores lose the session on the other instance; the shared SQLite file carries it on', async () => {
    const page = await openCard('5 Scale-out');
    expect(await page.locator('#exp3-scale .exp-lead').innerText()).toMatch(/one shared store: SQLite file .*sessions\.sqlite\.$/);
    expect(await run(page, 'exp3-scale', 1, 'Start two instances (memory each)')).toContain('Their store memory: each instance its own');
    expect(await page.locator('#session-kinds').innerText()).toContain('Server-side: two instances, a memory store each');
    const lost = (await run(page, 'exp3-scale', 2, 'Log in as lena and count 3 visits')).split('\n');
    expect(lost).toEqual([
      'Server-side, request 1 (instance S1) Logged in as lena',
      'Server-side, request 2 (instance S2) You are not logged in · Number of visits: 1',
      'Server-side, request 3 (instance S1) You are not logged in · Number of visits: 1',
      'Server-side, request 4 (instance S2) You are not logged in · Number of visits: 1',
    ]);
    expect(await run(page, 'exp3-scale', 3, 'Start two instances (shared store)')).toMatch(/Their store shared: SQLite file .*sessions\.sqlite/);
    const kept = (await run(page, 'exp3-scale', 4, 'Log in and count again')).split('\n');
    expect(kept).toEqual([
      'Server-side, request 1 (instance S1) Logged in as lena',
      'Server-side, request 2 (instance S2) Logged in as lena · Number of visits: 1',
      'Server-side, request 3 (instance S1) Logged in as lena · Number of visits: 2',
      'Server-side, request 4 (instance S2) Logged in as lena · Number of visits: 3',
    ]);
    await saveScreenshot(page, 'lab3-scale-out');
    expect(await run(page, 'exp3-scale', 5, 'Stop the two instances')).toMatch(/one instance again, on SQLite file/);
    expect(fixture.server.sessionKinds.state().scaleOut).toBeNull();
  });

  it('6. cost: the store’s reads and writes of each request, counted; none client-side', async () => {
    const page = await openCard('6 Cost');
    const counted = await run(page, 'exp3-cost', 1, 'Log in as mo and count');
    expect(counted).toMatch(/Server-side store, at login 0 reads, 1 write \([\d.]+ ms\)/);
    expect(counted).toContain('Client-side store no store: nothing to read or write');
    expect(counted).toMatch(/Server-side store 1 read, 1 write \([\d.]+ ms\)/);
    const read = await run(page, 'exp3-cost', 2, 'Read the session on both');
    expect(read).toMatch(/Server-side store 1 read, 0 writes \([\d.]+ ms\)/);
    const bench = await run(page, 'exp3-cost', 3, 'Show the bench figures');
    expect(bench).toMatch(/Server-side on SQLite [\d,]+ requests\/s, p99 [\d.]+ ms/);
  });

  it('a step that does not apply says why, and a plain browser says Lab III needs the desktop app', async () => {
    const page = await openCard('2 Revoke');
    await press(page, 'exp3-revoke', 'Replay the copies');
    await expect.poll(text(page.locator('#exp3-revoke-error')), POLL).toBe('There are no copies yet: take them first (step 1).');
    await page.getByRole('tab', { name: '5 Scale-out' }).click();
    await press(page, 'exp3-scale', 'Stop the two instances');
    await expect.poll(text(page.locator('#exp3-scale-error')), POLL).toBe('The two server-side instances are not running.');

    const plain = await openLab(fixture.browser, fixture.server, { desktop: false });
    try {
      await plain.page.getByRole('tab', { name: 'Lab III' }).click();
      expect(await plain.page.locator('#lab3').innerText()).toContain('Lab III needs the desktop app');
      expect(await plain.page.locator('#session-id').count()).toBe(0);
    } finally {
      await plain.close();
    }
  });
});
