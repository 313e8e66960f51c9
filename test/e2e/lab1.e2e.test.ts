// Lab I's four guided experiments end to end in Debian's Chromium: the real page,
// a real server the experiments restart on other keys, main's experiment code
// behind the CDP bridge, and the crack in the built worker thread.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { builtInWordlist } from '../../server/audit/wordlist';
import { chromiumMissing, jarRows, saveScreenshot } from '../support/lab-harness';
import { POLL, pressOnCard, stepFacts, useLabFixture } from '../support/lab-fixture';

if (chromiumMissing) console.warn(`Skipping the Lab I e2e suite: ${chromiumMissing}`);

const WORDLIST_SIZE = builtInWordlist().length.toLocaleString('en-US');

const text = (locator: Locator) => () => locator.innerText();

describe.skipIf(chromiumMissing !== null)('Lab I: the experiments in the window', () => {
  // A server per test: the experiments restart it on other keys.
  const { open } = useLabFixture({ serverPer: 'test' });

  /** The lab page with the experiments in view, on one experiment's card. */
  async function openExperiment(tab: string, options: { desktop?: boolean } = {}): Promise<Page> {
    const page = await open(options);
    await page.getByRole('tab', { name: 'Lab I: experiments' }).click();
    if (options.desktop !== false) await page.getByRole('tab', { name: tab }).click();
    return page;
  }

  const card = (page: Page, id: string) => page.locator(`#${id}`);
  const press = pressOnCard;
  const changeLogTop = (page: Page) => async () => (await page.locator('#change-log tbody tr').first().innerText()).replace(/^\S+\s+/, '').replace(/\s+/g, ' ');

  it('1. tamper: the edited payload keeps the old signature, the server refuses it and expires the .sig', async () => {
    const page = await openExperiment('1 Tamper');
    expect(await page.locator('#session-column').isVisible()).toBe(false);
    // The inspector stays in view beside the experiments.
    expect(await page.locator('#jar').isVisible()).toBe(true);
    await saveScreenshot(page, 'lab1-experiments');

    await press(page, 'exp-tamper', 'Log in as alice');
    await expect.poll(stepFacts(page, 'exp-tamper', 1), POLL).toContain('The server answered Logged in as alice');
    expect(await page.locator('#status').innerText()).toBe('Logged in as alice');
    const originalSig = (await jarRows(page)).find((r) => r.Name === 'lab_session.sig')!.Value;

    expect(await page.getByLabel('New payload (JSON)').inputValue()).toBe('{"username":"admin","visits":1000}');
    await press(page, 'exp-tamper', 'Write it into the jar');
    await expect.poll(stepFacts(page, 'exp-tamper', 2), POLL).toMatch(/Main’s verdict Signature does NOT match/);
    const written = await stepFacts(page, 'exp-tamper', 2)();
    expect(written).toContain('Jar: lab_session {"username":"admin","visits":1000}');
    expect(written).toMatch(/Jar: lab_session\.sig \(unchanged\) [\w-]{27}/);
    // The jar really holds it, with the cookie's attributes, and the .sig untouched.
    const rows = await jarRows(page);
    expect(rows.find((r) => r.Name === 'lab_session')).toMatchObject({ HttpOnly: 'yes', SameSite: 'Lax', Path: '/' });
    expect(rows.find((r) => r.Name === 'lab_session.sig')!.Value).toBe(originalSig);
    expect(await page.locator('#verdict').innerText()).toBe('Signature does NOT match: the server will ignore this cookie');

    await press(page, 'exp-tamper', 'Send a request');
    await expect.poll(stepFacts(page, 'exp-tamper', 3), POLL).toContain('The server answered You are not logged in');
    const answered = await stepFacts(page, 'exp-tamper', 3)();
    expect(answered).toContain('The browser lab_session.sig removed (expired-overwrite)');
    expect(answered).toContain('No signature: the server will ignore this cookie');
    expect(await page.locator('#status').innerText()).toBe('You are not logged in');
    await expect.poll(changeLogTop(page), POLL).toMatch(/^lab_session\.sig removed expired-overwrite/);
    await saveScreenshot(page, 'lab1-tamper');
  });

  it('2. forge: the same edit signed by main with the server’s key is accepted; bad payloads are refused', async () => {
    const page = await openExperiment('2 Forge');
    const field = page.getByLabel('Payload to sign (JSON)');

    await field.fill('[1, 2]');
    await press(page, 'exp-forge', 'Sign with the server’s key');
    await expect.poll(text(page.locator('#exp-forge-error')), POLL).toBe('A session payload is a JSON object, like {"username": "admin"}.');
    // main's own argument check: too big to fit in a cookie once encoded.
    await field.fill(JSON.stringify({ username: 'admin', blob: 'x'.repeat(3000) }));
    await press(page, 'exp-forge', 'Sign with the server’s key');
    await expect.poll(text(page.locator('#exp-forge-error')), POLL).toMatch(/at most 2048 fit in a session cookie/);
    expect(await jarRows(page)).toEqual([]);

    await field.fill('{"username":"admin","visits":1000}');
    await press(page, 'exp-forge', 'Sign with the server’s key');
    await expect.poll(stepFacts(page, 'exp-forge', 1), POLL).toContain('Signature valid (key #1, newest)');
    expect(await page.locator('#exp-forge-error').innerText()).toBe('');
    expect(await stepFacts(page, 'exp-forge', 1)()).toContain('Jar: lab_session {"username":"admin","visits":1000}');
    for (const row of await jarRows(page)) expect(row).toMatchObject({ HttpOnly: 'yes', SameSite: 'Lax', Path: '/', 'Host-only': 'yes' });

    await press(page, 'exp-forge', 'Send a request');
    await expect.poll(stepFacts(page, 'exp-forge', 2), POLL).toContain('The server answered Logged in as admin · Number of visits: 1000');
    expect(await page.locator('#status').innerText()).toBe('Logged in as admin');
    await saveScreenshot(page, 'lab1-forge');
  });

  it('3. weak secret: restart on a tutorial key, crack it from the cookie, forge admin, restore: the forgery is refused', async () => {
    const page = await openExperiment('3 Weak key');
    const weak = card(page, 'exp-weak');
    const url = page.url();
    expect(await weak.locator('.exp-banner').isVisible()).toBe(false);

    await press(page, 'exp-weak', 'Restart on the weak key');
    await expect.poll(text(page.locator('#mode')), POLL).toBe('INSECURE DEMO · weak key in memory');
    expect(await weak.locator('.exp-banner').innerText()).toMatch(/^INSECURE DEMO: the server now signs with a weak key from a public list/);
    await expect.poll(stepFacts(page, 'exp-weak', 1), POLL).toContain('#1 Weak demo key from a public list (INSECURE): signs');
    // Same port, same origin: the page and its bridge keep working.
    expect(page.url()).toBe(url);

    await press(page, 'exp-weak', 'Log in as bob');
    await expect.poll(stepFacts(page, 'exp-weak', 2), POLL).toContain('The server answered Logged in as bob');
    expect(await stepFacts(page, 'exp-weak', 2)()).toContain('Signature valid (key #1, newest)');

    await press(page, 'exp-weak', 'Crack the key from the cookie');
    await expect.poll(stepFacts(page, 'exp-weak', 3), POLL).toMatch(/^Key found your_very_secret_key\nEffort 1 guess of [\d,]+, in [\d.,]+ ms$/);
    // The crack stopped at the first candidate: the tutorial's key is the first guess.
    expect(await page.locator('#crack-status').innerText()).toMatch(new RegExp(`^1 of ${WORDLIST_SIZE} candidates tried · [\\d.,]+ ms$`));
    expect(await page.locator('#crack-progress').evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([1, builtInWordlist().length]);

    await press(page, 'exp-weak', 'Forge admin and send it');
    await expect.poll(stepFacts(page, 'exp-weak', 4), POLL).toContain('The server answered Logged in as admin');
    expect(await page.locator('#status').innerText()).toBe('Logged in as admin');
    await saveScreenshot(page, 'lab1-weak-secret');

    await press(page, 'exp-weak', 'Restore the strong key');
    await expect.poll(stepFacts(page, 'exp-weak', 5), POLL).toContain('The server answered You are not logged in');
    const restored = await stepFacts(page, 'exp-weak', 5)();
    expect(restored).toContain('#1 Stored key: signs');
    expect(restored).toContain('The browser lab_session.sig removed (expired-overwrite)');
    expect(await page.locator('#mode').innerText()).toBe('Desktop app · live cookie jar');
    expect(await weak.locator('.exp-banner').isVisible()).toBe(false);
    await saveScreenshot(page, 'lab1-weak-secret-restored');
  });

  it('3. weak secret: the strong stored key is never found, after the whole list, progress at the total', async () => {
    const page = await openExperiment('3 Weak key');
    await press(page, 'exp-weak', 'Log in as bob');
    await expect.poll(stepFacts(page, 'exp-weak', 2), POLL).toContain('Logged in as bob');
    await press(page, 'exp-weak', 'Crack the key from the cookie');
    await expect
      .poll(stepFacts(page, 'exp-weak', 3), POLL)
      .toMatch(new RegExp(`^Key not found .*\\nEffort ${WORDLIST_SIZE} guesses of ${WORDLIST_SIZE}, in [\\d.,]+ ms$`));
    expect(await page.locator('#crack-status').innerText()).toMatch(new RegExp(`^${WORDLIST_SIZE} of ${WORDLIST_SIZE} candidates tried · [\\d.,]+ ms$`));
    // Nothing was cracked, so there is nothing to forge with.
    await press(page, 'exp-weak', 'Forge admin and send it');
    await expect.poll(text(page.locator('#exp-weak-error')), POLL).toBe('No key has been cracked yet: crack the session cookie first.');
    expect(await page.locator('#status').innerText()).toBe('Logged in as bob');
  });

  it('4. rotation: key #2 still valid, a write re-signs with key #1, the old key dropped refuses the old copy', async () => {
    const page = await openExperiment('4 Rotate');
    const ring = () => page.locator('#key-ring li').allInnerTexts();
    await expect.poll(ring, POLL).toEqual([expect.stringMatching(/^Stored key\s+signs and verifies$/)]);

    await press(page, 'exp-rotate', 'Log in as carol');
    await expect.poll(stepFacts(page, 'exp-rotate', 1), POLL).toContain('Signature valid (key #1, newest)');

    await press(page, 'exp-rotate', 'Add a new key');
    await expect.poll(stepFacts(page, 'exp-rotate', 2), POLL).toContain('Signature valid (key #2, older key: re-signed with the newest on the next change)');
    expect(await stepFacts(page, 'exp-rotate', 2)()).toContain('Copy kept the cookie pair signed with the old key');
    expect(await ring()).toEqual([
      expect.stringMatching(/^New key 1 \(added in the lab\)\s+signs and verifies$/),
      expect.stringMatching(/^Stored key\s+verifies only$/),
    ]);
    expect(await page.locator('#verdict').innerText()).toBe('Signature valid (key #2, older key: re-signed with the newest on the next change)');
    expect(await page.locator('#mode').innerText()).toBe('Desktop app · live cookie jar · keys rotated in memory');

    await press(page, 'exp-rotate', 'Count a visit');
    await expect.poll(stepFacts(page, 'exp-rotate', 3), POLL).toContain('The server answered Logged in as carol · Number of visits: 1');
    const resigned = await stepFacts(page, 'exp-rotate', 3)();
    expect(resigned).toMatch(/The browser lab_session\.sig updated \(overwrite\)/);
    expect(resigned).toContain('Signature valid (key #1, newest)');

    await press(page, 'exp-rotate', 'Drop the old key');
    await expect.poll(ring, POLL).toEqual([expect.stringMatching(/^New key 1 \(added in the lab\)\s+signs and verifies$/)]);
    await expect.poll(stepFacts(page, 'exp-rotate', 4), POLL).toContain('Signature valid (key #1, newest)');

    await press(page, 'exp-rotate', 'Send the old copy');
    await expect.poll(stepFacts(page, 'exp-rotate', 5), POLL).toContain('The server answered You are not logged in');
    const refused = await stepFacts(page, 'exp-rotate', 5)();
    expect(refused).toContain('Verdict on the old copy Signature does NOT match: the server will ignore this cookie');
    expect(refused).toContain('The browser lab_session.sig removed (expired-overwrite)');
    expect(await page.locator('#status').innerText()).toBe('You are not logged in');
    await saveScreenshot(page, 'lab1-rotation');

    await press(page, 'exp-rotate', 'Restore the stored key');
    await expect.poll(ring, POLL).toEqual([expect.stringMatching(/^Stored key\s+signs and verifies$/)]);
    expect(await page.locator('#mode').innerText()).toBe('Desktop app · live cookie jar');
  });

  it('a step that does not apply says why, and the key ring stays as it was', async () => {
    const page = await openExperiment('4 Rotate');
    await press(page, 'exp-rotate', 'Drop the old key');
    await expect.poll(text(page.locator('#exp-rotate-error')), POLL).toBe('There is only one key: there is no older key to drop.');
    await press(page, 'exp-rotate', 'Send the old copy');
    await expect.poll(text(page.locator('#exp-rotate-error')), POLL).toBe('There is no copy yet: log in (step 1), then add a key (step 2).');
    await page.getByRole('tab', { name: '3 Weak key' }).click();
    await press(page, 'exp-weak', 'Crack the key from the cookie');
    await expect.poll(text(page.locator('#exp-weak-error')), POLL).toBe('There is no signed lab_session cookie in the jar to crack: log in first.');
    expect(await page.locator('#mode').innerText()).toBe('Desktop app · live cookie jar');
  });

  it('the view tabs work from the keyboard, and a plain browser says the experiments need the desktop app', async () => {
    const page = await openExperiment('1 Tamper', { desktop: false });
    expect(await page.locator('#experiments').innerText()).toContain('The experiments need the desktop app');
    await page.getByRole('tab', { name: 'Session' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Lab I: experiments' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    expect(await page.locator('#session-column').isVisible()).toBe(true);
    expect(await page.locator('#experiments').isVisible()).toBe(false);
  });
});
