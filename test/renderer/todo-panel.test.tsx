// @vitest-environment happy-dom
// The to-do panel against a real server and database: keyed rows keep focus
// through every change, and a list asked for by an earlier user never paints.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { api } from '../../renderer/api-client';
import type { LabWindow } from '../../renderer/lab-window';
import { TodoPanel } from '../../renderer/todo-panel';
import { holdAnswer, renderInWindow, servePage } from './page';

const panel = () => document.getElementById('todos')!;
const titles = () => [...panel().querySelectorAll('.todo-title')].map((t) => t.textContent);
const newTodo = () => screen.getByRole('textbox', { name: 'New to-do' }) as HTMLInputElement;

async function logIn(win: LabWindow, name: string): Promise<void> {
  await win.session.act(() => api.login(name));
  // The list has loaded when its form is there to use.
  await screen.findByRole('textbox', { name: 'New to-do' });
}

async function add(title: string): Promise<void> {
  const before = titles().length;
  newTodo().focus();
  fireEvent.input(newTodo(), { target: { value: title } });
  fireEvent.submit(newTodo().form!);
  await waitFor(() => expect(titles()).toHaveLength(before + 1));
}

describe('the to-do panel', () => {
  it('logged out, there is no form, only a line saying to log in', async () => {
    await servePage();
    const { win } = renderInWindow(<TodoPanel />);
    await win.session.reload();
    expect(screen.getByText('Log in to keep a to-do list.')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'New to-do' })).toBeNull();
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('an added to-do is listed; the field is emptied and keeps the focus', async () => {
    await servePage();
    const { win } = renderInWindow(<TodoPanel />);
    await logIn(win, 'alice');
    expect(document.getElementById('todo-counter')!.textContent).toBe('0 / 200');
    await add('Buy milk');
    await add('Walk the dog');
    expect(titles()).toEqual(['Buy milk', 'Walk the dog']);
    expect(newTodo().value).toBe('');
    expect(document.activeElement).toBe(newTodo());
    expect(panel().querySelector('.todo-summary')!.textContent).toBe('0 of 2 done');
  });

  it('ticking a to-do keeps its row and the focus on its box', async () => {
    await servePage();
    const { win } = renderInWindow(<TodoPanel />);
    await logIn(win, 'alice');
    await add('Buy milk');
    await add('Walk the dog');
    const box = screen.getByRole('checkbox', { name: 'Walk the dog' }) as HTMLInputElement;
    const row = box.closest('li');
    box.focus();
    fireEvent.click(box);
    await waitFor(() => expect(panel().querySelector('.todo-summary')!.textContent).toBe('1 of 2 done'));
    expect(screen.getByRole('checkbox', { name: 'Walk the dog' })).toBe(box);
    expect(box.closest('li')).toBe(row);
    expect(row!.className).toBe('todo-item done');
    expect(box.checked).toBe(true);
    expect(document.activeElement).toBe(box);
  });

  it('Edit opens the title in a focused field; saving puts the focus back on Edit', async () => {
    await servePage();
    const { win } = renderInWindow(<TodoPanel />);
    await logIn(win, 'alice');
    await add('Buy milk');
    fireEvent.click(screen.getByRole('button', { name: 'Edit Buy milk' }));
    const field = screen.getByRole('textbox', { name: 'New title for Buy milk' }) as HTMLInputElement;
    expect(field.value).toBe('Buy milk');
    expect(document.activeElement).toBe(field);

    fireEvent.input(field, { target: { value: 'Buy oat milk' } });
    fireEvent.submit(field.form!);
    await waitFor(() => expect(titles()).toEqual(['Buy oat milk']));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit Buy oat milk' }));

    // A refused title stays open to fix, with the server's sentence under it.
    fireEvent.click(screen.getByRole('button', { name: 'Edit Buy oat milk' }));
    const again = screen.getByRole('textbox', { name: 'New title for Buy oat milk' });
    fireEvent.input(again, { target: { value: '' } });
    fireEvent.submit((again as HTMLInputElement).form!);
    const refusal = await within(panel()).findByText('Title cannot be empty.', { selector: 'li [role="alert"]' });
    expect(again.getAttribute('aria-invalid')).toBe('true');
    expect(again.getAttribute('aria-describedby')).toBe(refusal.id);
    expect(document.activeElement).toBe(again);
    fireEvent.keyDown(again, { key: 'Escape' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit Buy oat milk' })));
  });

  it('Delete moves the focus to the next to-do, and to the field when none is left', async () => {
    await servePage();
    const { win } = renderInWindow(<TodoPanel />);
    await logIn(win, 'alice');
    await add('Buy milk');
    await add('Walk the dog');
    fireEvent.click(screen.getByRole('button', { name: 'Delete Buy milk' }));
    await waitFor(() => expect(titles()).toEqual(['Walk the dog']));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete Walk the dog' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete Walk the dog' }));
    await waitFor(() => expect(titles()).toEqual([]));
    expect(screen.getByText('No to-dos yet. Add one above.').hidden).toBe(false);
    expect(document.activeElement).toBe(newTodo());
  });

  it('a list answered for an earlier user never paints: only the newest user’s list is shown', async () => {
    await servePage();
    const { win } = renderInWindow(<TodoPanel />);
    await logIn(win, 'alice');
    await add('Alice’s secret plan');
    await logIn(win, 'bob');
    await add('Bob’s errand');

    const shown: string[] = [];
    new MutationObserver(() => shown.push(panel().textContent ?? '')).observe(panel(), { subtree: true, childList: true, characterData: true });
    // Alice's list is slow to come back; meanwhile bob logs in again.
    const slow = holdAnswer('GET', /^\/api\/todos$/);
    await win.session.act(() => api.login('alice'));
    await slow.answered;
    await win.session.act(() => api.login('bob'));
    slow.release();
    await waitFor(() => expect(titles()).toEqual(['Bob’s errand']));
    await new Promise((r) => setTimeout(r, 50));
    expect(titles()).toEqual(['Bob’s errand']);
    expect(shown.some((text) => text.includes('Alice’s secret plan'))).toBe(false);
  });
});
