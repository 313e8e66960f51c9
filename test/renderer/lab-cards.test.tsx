// @vitest-environment happy-dom
// One card of each lab, as a person uses it: Lab I's tamper card (a refusal
// explained, the facts of a step, buttons off while it runs, later steps made
// stale), the card tabs, and Lab II's size budget (a real server's answer, the
// meter painted from the newest listing only).
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { CookieInspection, CookieRow, ExperimentsState, ServerLabState } from '../../contract';
import { LabOne } from '../../renderer/experiments';
import { LabTwo, LabTwoNeedsDesktop } from '../../renderer/lab2';
import { createLabWindow } from '../../renderer/lab-window';
import { bridgeWith, renderInWindow, servePage } from './page';
import { cookieRow } from '../support/cookie-row';

const b64 = (json: string) => Buffer.from(json).toString('base64');
const cookie = (name: string, value: string): CookieRow => cookieRow(name, value, { session: false, sameSite: 'lax' });
const KEYS: ExperimentsState = {
  mode: 'normal',
  keys: [{ label: 'Stored key', kind: 'stored' }],
  cracking: false,
  cracked: false,
  serverDown: null,
} as unknown as ExperimentsState;
const verdict = (state: 'valid' | 'invalid') =>
  ({
    name: 'lab_session',
    received: true,
    value: 'x',
    signature: 'y',
    sizeBytes: 80,
    sizeLimit: 4096,
    decoded: null,
    verdict: state === 'valid' ? { state, keyIndex: 0 } : { state },
    keyCount: 1,
  }) as unknown as CookieInspection;

const facts = (cardId: string, step: number) =>
  [...document.querySelectorAll(`#${cardId}-step-${step} .fact`)].map((f) => `${f.querySelector('dt')!.textContent} ${f.querySelector('dd')!.textContent}`);
const press = (cardId: string, name: string) => fireEvent.click(screen.getAllByRole('button', { name }).find((b) => b.closest(`#${cardId}`))!);

describe('Lab I: the tamper card', () => {
  function tamperWindow(jar: CookieRow[]) {
    let answer = verdict('valid');
    const setCookieValue = vi.fn(async (name: string, value: string) => {
      jar.find((r) => r.name === name)!.value = value;
      answer = verdict('invalid');
    });
    const lab = bridgeWith({
      experimentsState: async () => KEYS,
      listCookies: async () => jar.map((r) => ({ ...r })),
      inspectSession: async () => answer,
      setCookieValue,
    });
    return { win: createLabWindow(lab), setCookieValue };
  }

  it('shows the first card under its tab; another tab shows another card', async () => {
    const { win } = tamperWindow([]);
    renderInWindow(<LabOne />, win);
    expect(screen.getByRole('tab', { name: '1 Tamper' }).getAttribute('aria-selected')).toBe('true');
    expect(document.getElementById('exp-tamper')!.hidden).toBe(false);
    expect(document.getElementById('exp-forge')!.hidden).toBe(true);
    fireEvent.click(screen.getByRole('tab', { name: '2 Forge' }));
    expect(document.getElementById('exp-tamper')!.hidden).toBe(true);
    expect(document.getElementById('exp-forge')!.hidden).toBe(false);
  });

  it('a payload that is not JSON, or no cookie to tamper with, is refused with a sentence', async () => {
    const { win, setCookieValue } = tamperWindow([]);
    renderInWindow(<LabOne />, win);
    const field = screen.getByLabelText('New payload (JSON)') as HTMLTextAreaElement;
    expect(field.value).toBe('{"username":"admin","visits":1000}');
    press('exp-tamper', 'Write it into the jar');
    await waitFor(() =>
      expect(document.getElementById('exp-tamper-error')!.textContent).toBe('There is no lab_session cookie to tamper with: log in first (step 1).'),
    );
    fireEvent.input(field, { target: { value: '{nope' } });
    press('exp-tamper', 'Write it into the jar');
    await waitFor(() =>
      expect(document.getElementById('exp-tamper-error')!.textContent).toBe('That payload is not valid JSON. Example: {"username": "admin", "visits": 1000}'),
    );
    expect(setCookieValue).not.toHaveBeenCalled();
    expect(document.getElementById('exp-tamper-step-2')!.hidden).toBe(true);
  });

  it('writing the payload shows what the jar and main now say, with the buttons off while it runs', async () => {
    const { win, setCookieValue } = tamperWindow([cookie('lab_session', b64('{"username":"alice"}')), cookie('lab_session.sig', 'sig-from-the-server')]);
    renderInWindow(<LabOne />, win);
    await waitFor(() => expect(win.experiments.get()).toEqual(KEYS));
    press('exp-tamper', 'Write it into the jar');
    expect(screen.getByRole('button', { name: 'Log in as alice' }).hasAttribute('disabled')).toBe(true);
    await waitFor(() => expect(facts('exp-tamper', 2)).toHaveLength(3));
    expect(setCookieValue).toHaveBeenCalledWith('lab_session', b64('{"username":"admin","visits":1000}'));
    expect(facts('exp-tamper', 2)).toEqual([
      'Jar: lab_session {"username":"admin","visits":1000}',
      'Jar: lab_session.sig (unchanged) sig-from-the-server',
      'Main’s verdict Signature does NOT match: the server will ignore this cookie',
    ]);
    expect(document.querySelector('#exp-tamper-step-2 h4')!.textContent).toBe('What happened');
    expect(screen.getByRole('button', { name: 'Log in as alice' }).hasAttribute('disabled')).toBe(false);
    // The jar changed behind the server's back.
    expect(win.session.store.get().stale).toBe(true);
  });
});

describe('Lab II: the size budget card', () => {
  const SERVER: ServerLabState = {
    expiry: null,
    clockOffsetMs: 0,
    cookie: { httpOnly: true, sameSite: 'lax', maxAgeMs: 604_800_000 },
    secondInstance: null,
    serverDown: null,
    serverLog: [],
  } as unknown as ServerLabState;

  it('says what the server does now, and meters each cookie against 4,096 bytes', async () => {
    const lab = bridgeWith({
      serverLabState: async () => SERVER,
      listCookies: async () => [cookie('lab_session', 'x'.repeat(300)), cookie('lab_session.sig', 'y'.repeat(27))],
    });
    renderInWindow(<LabTwo />, createLabWindow(lab));
    await waitFor(() =>
      expect(document.getElementById('server-settings')!.textContent).toBe(
        'Server now: expiry off · real time · HttpOnly on · SameSite=Lax · Max-Age 7 days · one instance',
      ),
    );
    await waitFor(() => expect(document.querySelectorAll('#size-budget .budget-row')).toHaveLength(2));
    const meter = document.querySelector('#size-budget meter[aria-label="lab_session size"]')!;
    expect(meter.getAttribute('value')).toBe('311');
    expect(document.querySelector('#size-budget .budget-bytes')!.textContent).toBe('311 / 4,096');
    expect(document.getElementById('size-budget-total')!.textContent).toBe('Cookie header for this origin: 357 bytes, sent with every request');
  });

  it('logging in shows the real server’s answer; the meter ends on the newest listing, never an older one after it', async () => {
    await servePage();
    let jar: CookieRow[] = [];
    let release: (() => void) | null = null;
    let first = true;
    const listCookies = async () => {
      const rows = jar.map((r) => ({ ...r }));
      // The card's first listing is slow, and by the time it comes back the jar has changed.
      if (first) {
        first = false;
        await new Promise<void>((resolve) => (release = resolve));
      }
      return rows;
    };
    const lab = bridgeWith({ serverLabState: async () => SERVER, listCookies, inspectSession: async () => verdict('valid') });
    const win = createLabWindow(lab);
    renderInWindow(<LabTwo />, win);
    const rowsShown: number[] = [];
    const budget = document.getElementById('size-budget')!;
    new MutationObserver(() => rowsShown.push(budget.querySelectorAll('.budget-row').length)).observe(budget, { childList: true, subtree: true });
    await waitFor(() => expect(release).not.toBeNull());

    press('exp-size', 'Log in as erin');
    await waitFor(() => expect(win.session.store.get().state?.message).toBe('Logged in as erin'));
    jar = [cookie('lab_session', b64('{"username":"erin"}'))];
    release!();
    await waitFor(() => expect(facts('exp-size', 1)).toEqual(['The server answered Logged in as erin']));
    expect(document.querySelector('#size-budget .budget-name')!.textContent).toBe('lab_session');
    expect(rowsShown.at(-1)).toBe(1);
    expect(rowsShown.slice(rowsShown.indexOf(1))).not.toContain(0);
  });

  it('in a plain browser it says Lab II needs the desktop app', () => {
    renderInWindow(<LabTwoNeedsDesktop />);
    expect(document.body.textContent).toContain('Lab II needs the desktop app');
  });
});
