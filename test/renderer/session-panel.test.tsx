// @vitest-environment happy-dom
// The session panel against a real server: what a person reads after each
// button, the refusal under the form, and answers shown in the order asked.
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { SessionPanel } from '../../renderer/session-panel';
import { holdAnswer, renderInWindow, servePage } from './page';

const status = () => document.getElementById('status')!.textContent;
const visits = () => document.getElementById('visits')!.textContent;

async function openPanel() {
  await servePage();
  const page = renderInWindow(<SessionPanel />);
  void page.win.session.reload();
  await waitFor(() => expect(status()).toBe('You are not logged in'));
  return page;
}

async function logIn(name: string): Promise<void> {
  fireEvent.input(screen.getByLabelText('Username'), { target: { value: name } });
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
  await waitFor(() => expect(status()).toBe(`Logged in as ${name}`));
}

describe('the session panel', () => {
  it('asks the server first, then shows its sentence', async () => {
    await servePage();
    renderInWindow(<SessionPanel />);
    expect(screen.getByRole('status').textContent).toBe('Asking the server…');
    expect(visits()).toBe('');
  });

  it('logging in shows the server’s sentence, empties the field and counts visits', async () => {
    await openPanel();
    expect(visits()).toBe('No visits counted yet');
    await logIn('alice');
    expect((screen.getByLabelText('Username') as HTMLInputElement).value).toBe('');
    expect(screen.getByRole('status').className).toBe('status logged-in');

    fireEvent.click(screen.getByRole('button', { name: 'Count a visit' }));
    await waitFor(() => expect(visits()).toBe('Number of visits: 1'));
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(status()).toBe('You are not logged in'));
    // Logging out forgets the user, not the count: it is in the cookie.
    expect(visits()).toBe('Number of visits: 1');
  });

  it('an empty username is refused under the form, the field marked invalid and focused', async () => {
    await openPanel();
    const field = screen.getByLabelText('Username');
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Username is required.'));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field);
    expect(status()).toBe('You are not logged in');

    // The next answer clears the refusal and the mark.
    await logIn('bob');
    expect(screen.getByRole('alert').textContent).toBe('');
    expect(field.hasAttribute('aria-invalid')).toBe(false);
  });

  it('two clicks race: the answers paint in the order the clicks came, the last one stays', async () => {
    await openPanel();
    await logIn('carol');
    // The first count's answer is slow; the second click must wait for it, not overtake it.
    const slow = holdAnswer('POST', /^\/api\/counter$/);
    fireEvent.click(screen.getByRole('button', { name: 'Count a visit' }));
    fireEvent.click(screen.getByRole('button', { name: 'Count a visit' }));
    await slow.answered;
    await new Promise((r) => setTimeout(r, 50));
    expect(visits()).toBe('No visits counted yet');
    slow.release();
    await waitFor(() => expect(visits()).toBe('Number of visits: 2'));
    await new Promise((r) => setTimeout(r, 50));
    expect(visits()).toBe('Number of visits: 2');
  });

  it('a jar changed behind the server’s back says so until the next answer', async () => {
    const { win } = await openPanel();
    const stale = document.getElementById('stale')!;
    expect(stale.hidden).toBe(true);
    win.session.markStale();
    await waitFor(() => expect(stale.hidden).toBe(false));
    expect(stale.textContent).toContain('The jar changed since the server last answered.');
    fireEvent.click(screen.getByRole('button', { name: 'Refresh from server' }));
    await waitFor(() => expect(stale.hidden).toBe(true));
  });
});
