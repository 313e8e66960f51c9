// The to-do panel end to end in Debian's Chromium: the real page, a real server
// with its own to-do database per test, and the CDP-backed desktop bridge.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MAX_TITLE_LENGTH } from '../../contract';
import { NO_TODO_STORE, TODO_DB_FILE_NAME } from '../../server/index';
import { chromiumMissing, saveScreenshot } from '../support/lab-harness';
import { logIn, POLL, textOf as text, useLabFixture } from '../support/lab-fixture';
import { tempDir } from '../support/temp-dir';

if (chromiumMissing) console.warn(`Skipping the Chromium to-do suite: ${chromiumMissing}`);

/** The to-do titles as listed, top to bottom. */
const titles = (page: Page) => () => page.locator('#todos .todo-title').allInnerTexts();
const alert = (page: Page) => text(page, '#todos [role="alert"]');
const newTodo = (page: Page) => page.getByRole('textbox', { name: 'New to-do' });
const checkbox = (page: Page, title: string) => page.getByRole('checkbox', { name: title, exact: true });
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
/** How the focused element is announced: its role-ish tag and accessible name. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const input = el instanceof HTMLInputElement ? el : null;
    const name = el.getAttribute('aria-label') ?? input?.labels?.[0]?.textContent ?? el.textContent ?? '';
    return `${input ? input.type : el.tagName.toLowerCase()} ${name.trim()}`;
  });

describe.skipIf(chromiumMissing !== null)('the to-do panel in Chromium', () => {
  // A fresh server and database per test: every test starts with no to-dos.
  const fixture = useLabFixture({ serverPer: 'test' });
  const { open } = fixture;

  /** Swaps this test's server for one with other to-do storage (closed after the test). */
  async function useServer(dataDir: string | null): Promise<void> {
    await fixture.replaceServer({ dataDir });
  }

  async function logOut(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect.poll(text(page, '#status'), POLL).toBe('You are not logged in');
  }

  /** Types a title into the new to-do field and presses Enter, as a person would. */
  async function add(page: Page, title: string): Promise<void> {
    const before = (await titles(page)()).length;
    await newTodo(page).focus();
    await page.keyboard.type(title);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await titles(page)()).length, POLL).toBe(before + 1);
  }

  async function logInWithEmptyList(page: Page, username: string): Promise<void> {
    await logIn(page, username);
    await expect.poll(text(page, '#todos'), POLL).toContain('No to-dos yet');
  }

  it('logged out, there is no to-do form, only a line saying to log in', async () => {
    const page = await open();
    expect(await page.locator('#todos').innerText()).toContain('Log in to keep a to-do list.');
    expect(await newTodo(page).count()).toBe(0);
    expect(await page.locator('#todos li').count()).toBe(0);
    expect(await page.locator('#todos .todo-notice').isVisible()).toBe(false);
    // The note says why the list is not in the cookie.
    expect(await page.locator('#todos .note').innerText()).toMatch(/database, not in the cookie.*4 KB.*only your username/);
  });

  it('after logging in the list is empty; to-dos typed and entered are listed in order', async () => {
    const page = await open();
    await logInWithEmptyList(page, 'alice');
    expect(await text(page, '#todo-counter')()).toBe(`0 / ${MAX_TITLE_LENGTH}`);

    await add(page, 'Buy milk');
    await add(page, 'Walk the dog');
    expect(await titles(page)()).toEqual(['Buy milk', 'Walk the dog']);
    // Ready for the next one: the field is empty and still focused.
    expect(await newTodo(page).inputValue()).toBe('');
    expect(await focused(page)).toBe('text New to-do');
    expect(await page.locator('#todos').innerText()).not.toContain('No to-dos yet');
    expect(await text(page, '#todos .todo-summary')()).toBe('0 of 2 done');
    expect(await alert(page)()).toBe('');
    expect(await page.locator('#todos .todo-notice').isVisible()).toBe(false);
  });

  it('a ticked to-do stays ticked after the page is reloaded', async () => {
    const page = await open();
    await logInWithEmptyList(page, 'alice');
    await add(page, 'Buy milk');
    await add(page, 'Walk the dog');
    await add(page, 'Water the plants');

    await checkbox(page, 'Walk the dog').focus();
    await page.keyboard.press('Space');
    await expect.poll(text(page, '#todos .todo-summary'), POLL).toBe('1 of 3 done');
    expect(await checkbox(page, 'Walk the dog').isChecked()).toBe(true);
    // Focus survives the list being redrawn.
    expect(await focused(page)).toBe('checkbox Walk the dog');
    await saveScreenshot(page, 'todos');

    await page.reload();
    await expect.poll(text(page, '#status'), POLL).toBe('Logged in as alice');
    await expect.poll(titles(page), POLL).toEqual(['Buy milk', 'Walk the dog', 'Water the plants']);
    expect(await checkbox(page, 'Walk the dog').isChecked()).toBe(true);
    expect(await checkbox(page, 'Buy milk').isChecked()).toBe(false);

    // And unticking is saved too.
    await checkbox(page, 'Walk the dog').click();
    await expect.poll(text(page, '#todos .todo-summary'), POLL).toBe('0 of 3 done');
    await page.reload();
    await expect.poll(titles(page), POLL).toHaveLength(3);
    expect(await checkbox(page, 'Walk the dog').isChecked()).toBe(false);
  });

  it('Edit opens the title in a field: Enter saves it, Escape cancels', async () => {
    const page = await open();
    await logInWithEmptyList(page, 'alice');
    await add(page, 'Buy milk');

    await button(page, 'Edit Buy milk').click();
    const field = page.getByRole('textbox', { name: 'New title for Buy milk' });
    expect(await field.inputValue()).toBe('Buy milk');
    expect(await focused(page)).toBe('text New title for Buy milk');
    await page.keyboard.type('Buy oat milk'); // the title is selected: typing replaces it
    await page.keyboard.press('Enter');
    await expect.poll(titles(page), POLL).toEqual(['Buy oat milk']);
    expect(await focused(page)).toBe('button Edit Buy oat milk');

    await page.keyboard.press('Enter'); // the focused Edit button
    await page.keyboard.type('Something else');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#todos .todo-edit').count(), POLL).toBe(0);
    expect(await titles(page)()).toEqual(['Buy oat milk']);
    expect(await focused(page)).toBe('button Edit Buy oat milk');

    // The saved title is the server's, not just the page's.
    await page.reload();
    await expect.poll(titles(page), POLL).toEqual(['Buy oat milk']);
  });

  it('Delete removes the to-do, and focus moves to the next one', async () => {
    const page = await open();
    await logInWithEmptyList(page, 'alice');
    await add(page, 'Buy milk');
    await add(page, 'Walk the dog');

    await button(page, 'Delete Buy milk').click();
    await expect.poll(titles(page), POLL).toEqual(['Walk the dog']);
    expect(await focused(page)).toBe('button Delete Walk the dog');
    await page.keyboard.press('Enter');
    await expect.poll(text(page, '#todos'), POLL).toContain('No to-dos yet');
    expect(await focused(page)).toBe('text New to-do');

    await page.reload();
    await expect.poll(text(page, '#todos'), POLL).toContain('No to-dos yet');
    expect(await titles(page)()).toEqual([]);
  });

  it('an empty or over-long title is refused with the server’s sentence in the alert', async () => {
    const page = await open();
    await logInWithEmptyList(page, 'alice');

    await newTodo(page).focus();
    await page.keyboard.press('Enter');
    await expect.poll(alert(page), POLL).toBe('Title cannot be empty.');
    expect(await newTodo(page).getAttribute('aria-invalid')).toBe('true');
    expect(await titles(page)()).toEqual([]);

    const tooLong = 'x'.repeat(MAX_TITLE_LENGTH + 1);
    await newTodo(page).fill(tooLong);
    expect(await text(page, '#todo-counter')()).toBe(`${MAX_TITLE_LENGTH + 1} / ${MAX_TITLE_LENGTH}`);
    expect(await page.locator('#todo-counter').getAttribute('class')).toContain('over');
    await page.keyboard.press('Enter');
    await expect.poll(alert(page), POLL).toBe(`Title must be at most ${MAX_TITLE_LENGTH} characters.`);
    expect(await newTodo(page).inputValue()).toBe(tooLong); // nothing typed is lost
    expect(await titles(page)()).toEqual([]);

    // One character less is fine, and the alert clears.
    await page.keyboard.press('Backspace');
    expect(await text(page, '#todo-counter')()).toBe(`${MAX_TITLE_LENGTH} / ${MAX_TITLE_LENGTH}`);
    await page.keyboard.press('Enter');
    await expect.poll(titles(page), POLL).toEqual(['x'.repeat(MAX_TITLE_LENGTH)]);
    expect(await alert(page)()).toBe('');

    // An edit is checked the same way; the sentence shows under its field, which stays open to fix.
    await button(page, `Edit ${'x'.repeat(MAX_TITLE_LENGTH)}`).click();
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#todos li').getByRole('alert').innerText(), POLL).toBe('Title cannot be empty.');
    const field = page.locator('#todos .todo-edit input');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toBe(await page.locator('#todos li [role="alert"]').getAttribute('id'));
    expect(await focused(page)).toMatch(/^text New title for x+$/);
    await page.keyboard.press('Escape');
    expect(await titles(page)()).toEqual(['x'.repeat(MAX_TITLE_LENGTH)]);
  });

  it('logging out hides the list; each user sees only their own to-dos', async () => {
    const page = await open();
    await logInWithEmptyList(page, 'alice');
    await add(page, 'Alice’s secret plan');

    await logOut(page);
    await expect.poll(text(page, '#todos'), POLL).toContain('Log in to keep a to-do list.');
    expect(await page.locator('#todos li').count()).toBe(0);
    expect(await newTodo(page).count()).toBe(0);
    expect(await page.locator('#todos').innerText()).not.toContain('Alice’s secret plan');

    await logInWithEmptyList(page, 'bob');
    await add(page, 'Bob’s errand');
    expect(await titles(page)()).toEqual(['Bob’s errand']);

    await logOut(page);
    await logIn(page, 'alice');
    await expect.poll(titles(page), POLL).toEqual(['Alice’s secret plan']);
  });

  it('the session cookie still holds only the username after adding to-dos', async () => {
    const page = await open();
    await logInWithEmptyList(page, 'alice');
    const payload = async () => JSON.parse(await page.locator('#payload').innerText()) as unknown;
    await expect.poll(payload, POLL).toEqual({ username: 'alice' });
    const size = await text(page, '#size-text')();

    await add(page, 'Buy milk');
    await add(page, 'Walk the dog');
    await add(page, 'A'.repeat(MAX_TITLE_LENGTH));
    await page.getByRole('button', { name: 'Refresh from server' }).click();
    await expect.poll(text(page, '#status'), POLL).toBe('Logged in as alice');

    expect(await payload()).toEqual({ username: 'alice' });
    expect(await text(page, '#size-text')()).toBe(size);
  });

  it('a hostile title is shown as text, never run as markup', async () => {
    const page = await open();
    await logInWithEmptyList(page, 'alice');
    const hostile = '<img src=x onerror=alert(1)>';
    await add(page, hostile);
    expect(await titles(page)()).toEqual([hostile]);
    expect(await button(page, `Delete ${hostile}`).count()).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    // afterEach checks that no alert() ran.
  });

  it('every control is reachable with Tab, in order, with a visible focus ring', async () => {
    const page = await open();
    await logInWithEmptyList(page, 'alice');
    await add(page, 'Buy milk');

    await button(page, 'Clear session').focus();
    const order: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      await page.keyboard.press('Tab');
      order.push(await focused(page));
      const outline = await page.evaluate(() => (document.activeElement ? getComputedStyle(document.activeElement).outlineStyle : 'none'));
      expect(outline, order.at(-1)).not.toBe('none');
    }
    expect(order).toEqual(['text New to-do', 'button Add', 'checkbox Buy milk', 'button Edit Buy milk', 'button Delete Buy milk']);
  });

  it('a to-do change after the jar was cleared behind the panel’s back says to log in', async () => {
    const page = await open();
    await logInWithEmptyList(page, 'alice');
    await add(page, 'Buy milk');

    await page.getByRole('button', { name: 'Clear all' }).click();
    await expect.poll(text(page, '#jar'), POLL).toContain('The jar holds no cookies');
    await checkbox(page, 'Buy milk').click();
    await expect.poll(alert(page), POLL).toBe('Log in to see and change your to-dos.');
    expect(await page.locator('#todos').innerText()).toContain('Log in to keep a to-do list.');
    expect(await titles(page)()).toEqual([]);
  });

  it('works the same in a plain browser tab, without the desktop bridge', async () => {
    const page = await open({ desktop: false });
    await logInWithEmptyList(page, 'carol');
    await add(page, 'Read the cookie-session docs');
    await checkbox(page, 'Read the cookie-session docs').click();
    await expect.poll(text(page, '#todos .todo-summary'), POLL).toBe('1 of 1 done');
  });

  it('a corrupt database that was moved aside is reported above the list', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, TODO_DB_FILE_NAME), 'not a database');
    await useServer(dataDir);
    const page = await open();
    await logInWithEmptyList(page, 'alice');
    expect(await page.locator('#todos .todo-notice').isVisible()).toBe(true);
    const notice = await text(page, '#todos .todo-notice')();
    expect(notice).toMatch(/^The to-do database was corrupt .* moved aside to .*todos\.sqlite\.corrupt-/);
    await add(page, 'Start again');
    expect(await titles(page)()).toEqual(['Start again']);
  });

  it('without a database the panel says to-dos are unavailable, with the server’s reason', async () => {
    await useServer(null);
    const page = await open();
    await logIn(page, 'alice');
    await expect.poll(alert(page), POLL).toBe(NO_TODO_STORE);
    expect(await page.locator('#todos').innerText()).toContain('Your to-dos could not be loaded.');
    expect(await newTodo(page).count()).toBe(0);
    expect(await page.locator('#todos').innerText()).not.toContain('No to-dos yet');
    // Trying again asks again, and says so again.
    await button(page, 'Try again').click();
    await expect.poll(alert(page), POLL).toBe(NO_TODO_STORE);
    expect(await button(page, 'Try again').isVisible()).toBe(true);
  });
});
