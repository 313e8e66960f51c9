// The Decoder tab end to end in Debian's Chromium: the lab page drives main's own
// runtime (attachDecoder) over the harness's bridge; the wordlist "dialog" is the
// harness's picker, answering with a file of the test's. The cookies are made by
// the real Flask (Debian's python3-flask) and by the lab's own server.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SenderEvent } from '../../main/ipc/sender-check';
import { flaskPeer } from '../support/framework-peers';
import { chromiumMissing, saveScreenshot, type Lab } from '../support/lab-harness';
import { logIn, POLL, textOf, useLabFixture } from '../support/lab-fixture';
import { startFlaskTutorial } from '../support/target-apps';
import { tempDir } from '../support/temp-dir';

if (chromiumMissing) console.warn(`Skipping the Decoder e2e suite: ${chromiumMissing}`);

const TUTORIAL_KEY = 'your_very_secret_key';
const INPUT = 'Cookies to decode (a value, name=value, a Cookie header or Set-Cookie lines)';
const KEY = 'The key to check these cookies with';

/** A session cookie as the real Flask sets it. */
const flaskCookie = (secret: string, payload: Record<string, unknown>) => String(flaskPeer({ op: 'flask-sign', secret, payload }).cookie);

describe.skipIf(chromiumMissing !== null)('the Decoder tab', () => {
  const fixture = useLabFixture({ serverPer: 'file' });

  async function openDecoder(): Promise<Lab & { desktop: NonNullable<Lab['desktop']> }> {
    const lab = await fixture.openLab();
    await lab.page.getByRole('tab', { name: 'Decoder' }).click();
    if (lab.desktop === null) throw new Error('the harness gave no desktop side');
    return lab as Lab & { desktop: NonNullable<Lab['desktop']> };
  }

  async function decode(page: Page, text: string): Promise<void> {
    await page.getByLabel(INPUT).fill(text);
    await page.getByLabel(INPUT).press('Control+Enter');
  }

  const item = (page: Page, name: string) => page.locator(`#decoder-cookies li[data-cookie="${name}"]`);

  function wordlist(name: string, lines: readonly string[]): string {
    const file = path.join(tempDir(), name);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  }

  it('a Flask cookie the real Flask made: decoded, its key found on the built-in list, checked with the right key and a wrong one', async () => {
    const { page } = await openDecoder();
    expect(await textOf(page, '#decoder-summary')()).toBe('Nothing decoded yet.');
    const cookie = flaskCookie(TUTORIAL_KEY, { username: 'alice', cart: [3, 7] });
    await decode(page, `Cookie: session=${cookie}; theme=dark`);

    await expect.poll(textOf(page, '#decoder-summary'), POLL).toBe('2 cookies, 1 in a session format the auditor knows.');
    const session = item(page, 'session');
    const shown = await session.innerText();
    expect(shown).toContain('Flask session (itsdangerous URLSafeTimedSerializer)');
    expect(shown).toContain('"username": "alice"');
    expect(shown).toContain('The payload is only signed, not encrypted: anyone holding the cookie can read it.');
    expect(shown).toContain('Signature not checked: give the key below.');
    expect(await item(page, 'theme').innerText()).toContain('Not a session format the auditor knows');
    // A header carries no attributes: the tab says where they can be judged.
    expect(await textOf(page, '#decoder-attributes')()).toMatch(
      /^A Cookie header carries no attributes, so HttpOnly, Secure, SameSite and the expiry can only be judged from Set-Cookie lines .* or from a jar/,
    );

    // The built-in list, on the engine's worker threads: the tutorial's key.
    await page.getByRole('button', { name: 'Try the known weak keys' }).click();
    await expect
      .poll(textOf(page, '#decoder-crack-status'), POLL)
      .toMatch(/^Found a known weak key for 1 of 1 signed cookie \(session\): 1 of [\d,]+ known keys tried in /);
    await expect.poll(textOf(page, '#decoder-found-keys'), POLL).toMatch(/^session is signed with your_very_secret_key \(as written, Flask HMAC-SHA1/);
    await expect.poll(() => session.innerText(), POLL).toContain('Signed with a known weak key: your_very_secret_key');

    // The typed key checks it; the field empties and main keeps it.
    await page.getByLabel(KEY).fill(TUTORIAL_KEY);
    await page.getByRole('button', { name: 'Check signatures' }).click();
    await expect.poll(() => session.innerText(), POLL).toContain('Signature valid with your key (Flask HMAC-SHA1');
    expect(await page.getByLabel(KEY).inputValue()).toBe('');
    await expect.poll(textOf(page, '#decoder-key-status'), POLL).toMatch(/^A key of 20 bytes \(text\) is held in main’s memory/);

    // The README's screenshot: the cookie decoded, its key found on the list and checked.
    await page.setViewportSize({ width: 1280, height: 1100 });
    await page.locator('#decoder').evaluate((column) => column.scrollTo(0, 0));
    await saveScreenshot(page, 'decoder');

    await page.getByLabel(KEY).fill('not the key');
    await page.getByRole('button', { name: 'Check signatures' }).click();
    await expect.poll(() => session.innerText(), POLL).toContain('Signature does NOT match your key');
    expect(await session.locator('summary').innerText()).toContain('does not match');

    await page.getByRole('button', { name: 'Forget the key' }).click();
    await expect.poll(textOf(page, '#decoder-key-status'), POLL).toBe('No key given: signatures are not checked.');
  });

  it('the real Flask tutorial’s Set-Cookie line: its attributes audited as sent over https, and the key a crack finds is a finding on it', async () => {
    const flask = await startFlaskTutorial();
    let line: string;
    try {
      const res = await fetch(`${flask.url}/login`, { method: 'POST', body: new URLSearchParams({ username: 'alice' }), redirect: 'manual' });
      line = res.headers.getSetCookie()[0]!;
    } finally {
      await flask.close();
    }
    // What Flask 2.2 sends by default: HttpOnly and Path=/, nothing else.
    expect(line).toMatch(/^session=[\w.-]+; HttpOnly; Path=\/$/);
    const { page } = await openDecoder();
    await decode(page, `Set-Cookie: ${line}`);
    await expect.poll(textOf(page, '#decoder-summary'), POLL).toBe('1 cookie.');
    expect(await textOf(page, '#decoder-attributes')()).toMatch(
      /^Each Set-Cookie line’s attributes are audited as a production site would send them, over https/,
    );
    const session = item(page, 'session');
    const shown = await session.innerText();
    expect(shown).toContain('Flask session (itsdangerous URLSafeTimedSerializer)');
    expect(shown).toContain('From its Set-Cookie line, as sent over https: session');
    expect(shown).toMatch(/Secure no · HttpOnly yes · SameSite Unset \(Lax\) · host-only · Expires Session/);
    expect(shown).toContain('Secure is missing');
    expect(shown).toContain('SESSION_COOKIE_SECURE');
    expect(shown).toContain('SameSite is not set');

    await page.getByRole('button', { name: 'Try the known weak keys' }).click();
    await expect.poll(() => session.innerText(), POLL).toContain('Signed with a key from a public wordlist');
  });

  it("a wordlist file picked in main's dialog: the key found in it; a cancelled dialog cracks nothing; a long file stops at Stop", async () => {
    const { page, desktop } = await openDecoder();
    const key = 'decoder-e2e-only-key-4Lm';
    await decode(page, `session=${flaskCookie(key, { username: 'bob' })}`);
    await expect.poll(textOf(page, '#decoder-summary'), POLL).toBe('1 cookie.');

    desktop.decoder.picker.answer = wordlist('words.txt', ['password', 'letmein', 'hunter2', key, 'after']);
    await page.getByRole('button', { name: 'Try a wordlist file…' }).click();
    await expect
      .poll(textOf(page, '#decoder-crack-status'), POLL)
      .toMatch(/^Found the key in words\.txt for 1 of 1 signed cookie \(session\): \d+ lines? of words\.txt tried in /);
    await expect
      .poll(textOf(page, '#decoder-found-keys'), POLL)
      .toMatch(new RegExp(`^session is signed with ${key} \\(as written, Flask HMAC-SHA1.*, #4 in its list\\)`));
    expect(desktop.decoder.picker.opened).toBe(1);

    // The person closes the dialog: nothing ran.
    desktop.decoder.picker.answer = null;
    await page.getByRole('button', { name: 'Try a wordlist file…' }).click();
    await expect.poll(textOf(page, '#decoder-crack-status'), POLL).toBe('No file chosen: nothing was cracked.');
    expect(desktop.decoder.picker.opened).toBe(2);

    // A strong key and a long list: progress with the share of the file and the time left, then Stop.
    await decode(page, `session=${flaskCookie('b3f1c8d0e9a7465f8e2d1c0b9a8f7e6d', { username: 'carol' })}`);
    await expect.poll(() => item(page, 'session').innerText(), POLL).toContain('"username": "carol"');
    desktop.decoder.picker.answer = wordlist(
      'big.txt',
      Array.from({ length: 2_000_000 }, (_, i) => `candidate-${i}`),
    );
    await page.getByRole('button', { name: 'Try a wordlist file…' }).click();
    await expect
      .poll(textOf(page, '#decoder-crack-status'), POLL)
      .toMatch(/^[\d,]+ lines tried · \d+% of the file · [\d,]+ keys\/s · about [\d.]+ (ms|s) left$/);
    expect(await page.getByRole('button', { name: 'Try the known weak keys' }).isDisabled()).toBe(true);
    await page.locator('#decoder').getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(textOf(page, '#decoder-crack-status'), POLL).toMatch(/^Stopped: [\d,]+ lines of big\.txt tried in /);
    expect(await page.locator('#decoder-crack-stop').isHidden()).toBe(true);
    expect(await page.locator('#decoder-found-keys').count()).toBe(0);
  });

  it("one click on the jar card opens the lab's own session cookies in the Decoder, with the jar's findings; a row opens alone", async () => {
    const lab = await fixture.openLab();
    const { page } = lab;
    await logIn(page, 'alice');
    await page.getByRole('button', { name: 'Count a visit' }).click();
    await expect.poll(textOf(page, '#visits'), POLL).not.toBe('');
    const jar = Object.fromEntries((await page.context().cookies()).map((c) => [c.name, c.value]));

    await page.getByRole('button', { name: 'Open in the Decoder', exact: true }).click();
    expect(await page.getByRole('tab', { name: 'Decoder' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByLabel(INPUT).inputValue()).toBe(`lab_session=${jar.lab_session}; lab_session.sig=${jar['lab_session.sig']}`);
    await expect.poll(textOf(page, '#decoder-summary'), POLL).toBe('1 cookie.');
    // The result takes the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), POLL).toBe('decoder-result-title');
    const session = item(page, 'lab_session');
    const shown = await session.innerText();
    expect(shown).toContain('with its signature, lab_session.sig');
    expect(shown).toMatch(/"username": "alice"/);
    expect(shown).toMatch(/cookie-session/);
    // The jar's attributes and the audit's findings for both rows.
    expect(await textOf(page, '#decoder-attributes')()).toBe(
      'These cookies came from the lab’s jar: each shows the attributes the jar holds and the findings of the cookie audit.',
    );
    expect(shown).toContain('In the lab’s jar: lab_session\n');
    expect(shown).toContain('In the lab’s jar: lab_session.sig');
    expect(shown).toMatch(/Secure no · HttpOnly yes · SameSite Lax · host-only/);

    // Any one row, from its opened details.
    await page.context().addCookies([{ name: 'theme', value: 'dark', url: fixture.server.url, sameSite: 'Lax' }]);
    await page.getByRole('tab', { name: 'Session' }).click();
    await page.getByRole('button', { name: 'Count a visit' }).click();
    await page.locator('#jar').getByRole('button', { name: 'theme', exact: true }).click();
    await page.getByRole('button', { name: 'Open theme in the Decoder' }).click();
    expect(await page.getByLabel(INPUT).inputValue()).toBe('theme=dark');
    await expect.poll(() => item(page, 'theme').innerText(), POLL).toContain('Not a session format the auditor knows');
    expect(await item(page, 'theme').innerText()).toContain('In the lab’s jar: theme');
    // And a .sig row brings its cookie along: keygrip signs the two as a pair.
    await page.getByRole('tab', { name: 'Session' }).click();
    await page.locator('#jar').getByRole('button', { name: 'lab_session.sig', exact: true }).click();
    await page.getByRole('button', { name: 'Open lab_session.sig in the Decoder' }).click();
    await expect.poll(() => page.getByLabel(INPUT).inputValue(), POLL).toMatch(/^lab_session=[^;]+; lab_session\.sig=/);

    // Edited by hand, the text is the person's own: the jar's findings are not claimed for it.
    await page.getByLabel(INPUT).fill(`lab_session=${jar.lab_session}`);
    await page.getByRole('button', { name: 'Decode', exact: true }).click();
    await expect.poll(textOf(page, '#decoder-attributes'), POLL).toMatch(/^A Cookie header carries no attributes/);
    expect(await item(page, 'lab_session').innerText()).not.toContain('In the lab’s jar');
  });

  it("bad input gets the engine's sentence; a call from another page is refused; a plain browser says the Decoder needs the app", async () => {
    const { page, desktop } = await openDecoder();
    await decode(page, 'a=1; junk');
    await expect.poll(textOf(page, '#decoder-error'), POLL).toBe('Part 2 of the header has no name=value.');
    expect(await page.getByLabel(INPUT).getAttribute('aria-invalid')).toBe('true');
    await decode(page, '');
    await expect.poll(textOf(page, '#decoder-error'), POLL).toBe('The input is empty: give a cookie value, name=value, or a Cookie header.');

    // The sender check: main refuses a call made as from another origin's page, before reading anything.
    // The lab window's own contents (id 1 in the harness) showing another origin's page.
    const foreign: SenderEvent = { sender: { id: 1 }, senderFrame: { url: 'https://evil.example/', parent: null } };
    await expect(desktop.invokeAs(foreign, 'decodeCookies', 'session=x')).rejects.toThrow(
      'Refused decodeCookies: the call did not come from the Session Lab page.',
    );
    await expect(desktop.invokeAs(foreign, 'crackDecoded', 'file')).rejects.toThrow(/Refused crackDecoded/);
    expect(desktop.decoder.picker.opened).toBe(0);

    const plain = await fixture.open({ desktop: false });
    await plain.getByRole('tab', { name: 'Decoder' }).click();
    expect(await textOf(plain, '#decoder')()).toMatch(
      /^Decoder\n+The Decoder needs the desktop app: the auditor that reads, checks and cracks a cookie runs in its main process/,
    );
  });
});
