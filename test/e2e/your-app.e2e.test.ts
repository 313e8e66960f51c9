// The Your app tab end to end in Debian's Chromium: the lab page drives a real
// second page (a browser context of its own, like the view's partition) through
// main's own runtime (attachTargetSession), against the Flask tutorial's app
// (Debian's python3-flask) and an express-session app, each on a free port.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TARGET_CONTENTS_ID } from '../support/cdp-adapters';
import { chromiumMissing, jarRows, saveYourAppScreenshot, type Lab } from '../support/lab-harness';
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

  it('the Flask tutorial: its cookie decoded, its attributes flagged, its key found among the known weak keys', async () => {
    const lab = await openYourApp();
    const { page, target } = lab;
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

    // The jar table audits it with the lab's rules, in Flask's own settings.
    const findings = async () => Object.fromEntries((await jarRows(page, '#target-jar')).map((r) => [r.Name, r.Findings]));
    expect(await findings()).toEqual({ session: '1 · Low' });
    await page.locator('#target-jar').getByRole('button', { name: 'session', exact: true }).click();
    const details = page.locator('#target-jar .row-details');
    await expect.poll(() => details.innerText(), POLL).toContain('Looks like a Flask session cookie.');
    expect(await details.innerText()).toContain('SESSION_COOKIE_SAMESITE');

    // Live changes and the wire log of the view, for its own origin.
    await expect.poll(textOf(page, '#target-changes-log'), POLL).toContain('session');
    await expect
      .poll(flat(page, '#target-wire-log'), POLL)
      .toMatch(new RegExp(`POST ${flask.url}/login 302 \\S+ Cookie sent \\(none\\) Set-Cookie received session=[\\w.-]+; HttpOnly; Path=/`));
    expect(await flat(page, '#target-wire-log')()).toMatch(
      new RegExp(`GET ${flask.url}/ 200 \\S+ Cookie sent session=[\\w.-]+ Set-Cookie received \\(none\\)`),
    );

    // Try the known weak keys: the tutorial's own key is found.
    await page.getByRole('button', { name: 'Try the known weak keys' }).click();
    await expect.poll(textOf(page, '#target-crack-status'), POLL).toMatch(/^Found a known weak key for 1 of 1 signed cookie \(session\): /);
    await expect.poll(textOf(page, '#target-found-keys'), POLL).toContain('session on 127.0.0.1 is signed with your_very_secret_key');
    await expect.poll(() => item.innerText(), POLL).toContain('Signed with a known weak key: your_very_secret_key');
    // The crack's key feeds the audit's weak-key finding.
    await expect.poll(findings, POLL).toEqual({ session: '2 · High' });
    await expect.poll(() => details.innerText(), POLL).toContain('Signed with a key from a public wordlist');
    expect(await details.innerText()).toContain('SECRET_KEY');

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

    // The README's screenshot: the tutorial's page in the view, its cookie's findings and its
    // decoded payload beside it, in a window tall enough for both.
    await page.setViewportSize({ width: 1280, height: 1240 });
    await expect.poll(() => target.view.bounds?.height ?? 0, POLL).toBeGreaterThan(800);
    await page.locator('.your-app-inspector').evaluate((column) => column.scrollTo(0, 0));
    await saveYourAppScreenshot(lab, 'your-app');
  });

  it('express-session: the cookie holds only an ID (the data is on the server), and its README secret is found', async () => {
    const { page, target } = await openYourApp();
    await go(page, `${express.url}/login`);
    await expect.poll(() => target.page.url(), POLL).toBe(`${express.url}/login`);
    await target.page.getByLabel('Username').fill('bob');
    await target.page.locator('input[type=submit]').click();
    await expect.poll(bodyText(target.page), POLL).toBe('Logged in as bob');

    const item = cookieItem(page, 'connect.sid');
    await item.locator('summary').click();
    await expect.poll(() => item.innerText(), POLL).toContain('express-session (cookie-signature)');
    const shown = await item.innerText();
    expect(shown).toContain("The session's data lives on the server, in express-session's store; the cookie holds only its ID.");
    expect(shown).toContain('With the secret, anyone can sign any session ID');

    await page.getByLabel('Your app’s secret key').fill(EXPRESS_SESSION_SECRET);
    await page.getByRole('button', { name: 'Check signatures' }).click();
    await expect.poll(() => item.innerText(), POLL).toContain('Signature valid with your key (cookie-signature HMAC-SHA256).');

    await page.getByRole('button', { name: 'Try the known weak keys' }).click();
    await expect.poll(textOf(page, '#target-found-keys'), POLL).toContain(`connect.sid on 127.0.0.1 is signed with ${EXPRESS_SESSION_SECRET}`);
    expect(await page.locator('#target-crack-status').innerText()).toMatch(/^Found a known weak key for 1 of 1 signed cookie \(connect\.sid\)/);
  });

  it('an address that is not http(s), or is the lab, is refused with a sentence; one that does not load says why', async () => {
    const { page, target } = await openYourApp();
    const problem = textOf(page, '#target-problem');
    for (const [address, sentence] of [
      ['file:///etc/passwd', /^file: addresses are refused/],
      ['javascript:alert(document.cookie)', /^javascript: addresses are refused: they run a script/],
      ['data:text/html,<h1>hi</h1>', /^data: addresses are refused/],
      [`${fixture.server.url}/lab/`, /^That is Session Lab’s own server/],
      [fixture.server.url.replace('127.0.0.1', 'localhost'), /^That is Session Lab’s own server/],
    ] as const) {
      await go(page, address);
      await expect.poll(problem, POLL).toMatch(sentence);
    }
    expect(target.page.url()).toBe('about:blank');
    expect(await page.getByLabel('Address of your app').getAttribute('aria-invalid')).toBe('true');

    // A port where nothing listens: the reason, in the bar and in the slot.
    const closed = await startExpressSessionApp();
    await closed.close();
    await go(page, closed.url);
    await expect
      .poll(problem, POLL)
      .toBe(`Could not open ${closed.url}/: nothing answered at that address (connection refused). Is your app running, on that port?`);
    expect(await page.locator('#target-view').innerText()).toContain('The page did not load');
    expect(await page.locator('#target-log').innerText()).toContain(`Could not open ${closed.url}/`);
  });

  it('back, forward and reload drive the view; Alt+Left goes back; the address follows the page', async () => {
    const { page, target } = await openYourApp();
    await go(page, `${flask.url}/`);
    await expect.poll(bodyText(target.page), POLL).toBe('You are not logged in');
    await go(page, `${flask.url}/counter`);
    await expect.poll(bodyText(target.page), POLL).toBe('Number of visits: 1');
    const back = page.getByRole('button', { name: 'Back' });
    await expect.poll(() => back.isEnabled(), POLL).toBe(true);
    await back.click();
    await expect.poll(() => target.page.url(), POLL).toBe(`${flask.url}/`);
    await expect.poll(() => page.getByLabel('Address of your app').inputValue(), POLL).toBe(`${flask.url}/`);
    await page.getByRole('button', { name: 'Forward' }).click();
    await expect.poll(() => target.page.url(), POLL).toBe(`${flask.url}/counter`);
    // Going forward may have asked the app again (no cache headers): reload counts one more than that.
    await expect.poll(bodyText(target.page), POLL).toMatch(/^Number of visits: \d+$/);
    const visits = Number((await bodyText(target.page)()).split(': ')[1]);
    await page.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(bodyText(target.page), POLL).toBe(`Number of visits: ${visits + 1}`);
    // The keyboard: Alt+Left from anywhere in the tab.
    await page.getByRole('button', { name: 'Reload' }).focus();
    await page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(() => target.page.url(), POLL).toBe(`${flask.url}/`);
    await page.keyboard.press('Control+l');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('target-url');
  });

  it('the view is placed over the slot while the tab shows, and hidden when another tab does', async () => {
    const { page, target } = await openYourApp();
    await go(page, `${flask.url}/`);
    await expect.poll(bodyText(target.page), POLL).toBe('You are not logged in');
    const slot = await page.locator('#target-view').boundingBox();
    await expect
      .poll(() => target.view.bounds, POLL)
      .toEqual({ x: Math.round(slot!.x), y: Math.round(slot!.y), width: expect.any(Number), height: expect.any(Number) });
    expect(Math.abs(target.view.bounds!.width - slot!.width)).toBeLessThanOrEqual(1);
    // The page laid out at the slot's size, as the view would.
    expect(target.page.viewportSize()).toEqual({ width: target.view.bounds!.width, height: target.view.bounds!.height });
    await page.getByRole('tab', { name: 'Session' }).click();
    await expect.poll(() => target.view.bounds, POLL).toBeNull();
    await page.getByRole('tab', { name: 'Your app' }).click();
    await expect.poll(() => target.view.bounds, POLL).not.toBeNull();
  });

  it('a hostile page in the view finds no bridge; its window, its download and its link to the lab are refused and logged; a forged call is refused', async () => {
    const lab = await openYourApp();
    const { page, target } = lab;
    await go(page, `${express.url}/hostile?lab=${encodeURIComponent(fixture.server.url)}`);
    await expect
      .poll(() => target.page.locator('#seen').innerText(), POLL)
      .toMatch(/^\{"sessionLab":"undefined","binding":"undefined","require":"undefined","process":"undefined",/);

    await target.page.locator('#popup').click();
    await expect.poll(textOf(page, '#target-log'), POLL).toContain('Refused a new window to https://example.com/phish: the view shows one page at a time');
    await target.page.locator('#download').click();
    await expect.poll(textOf(page, '#target-log'), POLL).toContain(`Refused a download to ${express.url}/download: the view saves nothing to this computer.`);
    await target.page.locator('#to-lab').click();
    await expect.poll(textOf(page, '#target-log'), POLL).toContain(`Refused navigation to ${fixture.server.url}/lab/: that is Session Lab’s own server`);
    expect(target.page.url()).toMatch(/\/hostile\?/);
    expect(target.page.context().pages()).toHaveLength(1);

    // The page has no way to call main at all; a call forged as coming from the view is refused by the sender check.
    const fromView = { sender: { id: TARGET_CONTENTS_ID }, senderFrame: { url: target.page.url(), parent: null } };
    await expect(lab.desktop!.invokeAs(fromView, 'inspectTarget')).rejects.toThrow('Refused inspectTarget: the call did not come from the Session Lab page.');
    await expect(lab.desktop!.invokeAs(fromView, 'listCookies')).rejects.toThrow('Refused listCookies');
    await expect(
      lab.desktop!.invokeAs({ ...fromView, senderFrame: { url: `${fixture.server.url}/lab/`, parent: null } }, 'setTargetKey', 'k', 'text'),
    ).rejects.toThrow('Refused setTargetKey');
  });

  it("Clear empties the view's partition, cookies and storage, and leaves the lab's jar alone", async () => {
    const { page, target } = await openYourApp();
    await page.getByRole('tab', { name: 'Session' }).click();
    await page.getByLabel('Username').fill('carol');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(textOf(page, '#status'), POLL).toBe('Logged in as carol');
    await page.getByRole('tab', { name: 'Your app' }).click();

    await go(page, `${express.url}/hostile?lab=x`);
    await expect.poll(() => target.page.evaluate(() => localStorage.getItem('kept')), POLL).toBe('yes');
    await go(page, `${express.url}/hostile?lab=x`);
    await expect.poll(() => target.page.locator('#seen').innerText(), POLL).toContain('"keptBefore":"yes"');
    await go(page, `${flask.url}/counter`);
    await expect.poll(textOf(page, '#target-jar-summary'), POLL).toMatch(/^1 cookie on 1 domain/);
    // The lab's own cookies are not in the view's jar, nor the view's in the lab's.
    expect(await page.locator('#target-cookies').innerText()).not.toContain('lab_session');

    await page.getByRole('button', { name: 'Clear…' }).click();
    await page.getByRole('button', { name: 'Clear cookies and storage' }).click();
    await expect.poll(textOf(page, '#target-jar-summary'), POLL).toBe('The view’s partition holds no cookies. Open your app and log in.');
    expect(await target.context.cookies()).toEqual([]);
    await expect.poll(textOf(page, '#target-log'), POLL).toContain('Cleared the partition');
    // The page's own storage went too: what it kept before the clear is not there when it comes back.
    await go(page, `${express.url}/hostile?lab=x`);
    await expect.poll(() => target.page.locator('#seen').innerText(), POLL).toContain('"keptBefore":null');

    await page.getByRole('tab', { name: 'Session' }).click();
    await page.getByRole('button', { name: 'Refresh from server' }).click();
    await expect.poll(textOf(page, '#status'), POLL).toBe('Logged in as carol');
  });

  it('exports the findings and decoded cookies as Markdown and JSON, never the typed key', async () => {
    const { page, target } = await openYourApp();
    await go(page, `${flask.url}/counter`);
    await expect.poll(textOf(page, '#target-jar-summary'), POLL).toMatch(/^1 cookie/);
    await page.getByLabel('Your app’s secret key').fill('your_very_secret_key');
    await page.getByRole('button', { name: 'Check signatures' }).click();
    await expect.poll(textOf(page, '#target-key-status'), POLL).toMatch(/^A key of 20 bytes/);

    await page.getByRole('button', { name: 'Export Markdown…' }).click();
    await expect
      .poll(textOf(page, '#target-jar-message'), POLL)
      .toMatch(/^Saved the Markdown report as session-lab-127\.0\.0\.1-\d+-\d{4}-\d\d-\d\d\.md: 1 cookie, [\d,]+ bytes\./);
    const [md] = fs.readdirSync(target.reportDir);
    const markdown = fs.readFileSync(path.join(target.reportDir, md!), 'utf8');
    expect(markdown).toContain('- Format: Flask session (itsdangerous URLSafeTimedSerializer)');
    expect(markdown).toContain('"visits": 1');
    expect(markdown).toContain('- Signature: valid with the key given');
    expect(markdown).toContain('- Looks like a Flask session cookie.');
    expect(markdown).toMatch(/- \*\*low: SameSite is not set\.\*\* .* \*What to change:\* Set SESSION_COOKIE_SAMESITE = 'Lax'\./);
    expect(markdown).not.toContain('your_very_secret_key');

    target.saveAs('report.json');
    await page.getByRole('button', { name: 'Export JSON…' }).click();
    await expect.poll(textOf(page, '#target-jar-message'), POLL).toMatch(/^Saved the JSON report as report\.json/);
    const json = JSON.parse(fs.readFileSync(path.join(target.reportDir, 'report.json'), 'utf8')) as {
      page: string;
      cookies: { name: string; decoded: { format: string } }[];
    };
    expect(json.page).toBe(`${flask.url}/counter`);
    expect(json.cookies.map((c) => [c.name, c.decoded.format])).toEqual([['session', 'flask']]);
    expect((json.cookies[0] as unknown as { findings: { rule: string }[] }).findings.map((f) => f.rule)).toEqual(['samesite-missing']);
    expect(JSON.stringify(json)).not.toContain('your_very_secret_key');

    target.saveAs(null);
    await page.getByRole('button', { name: 'Export JSON…' }).click();
    await expect.poll(textOf(page, '#target-jar-message'), POLL).toBe('Export cancelled: nothing was saved.');
  });
});
