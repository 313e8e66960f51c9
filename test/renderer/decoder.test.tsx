// @vitest-environment happy-dom
// The Decoder tab's parts: the box (Decode and Ctrl+Enter, main's sentence for
// bad input), each cookie as main's own decoder read it, the key card (the key
// sent once, a crack from a file with its share read, Stop, the dialog
// cancelled), and the jar card opening the lab's cookies in it with one click.
import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { packJarAudit, type CookieRow, type DecoderCrackOutcome, type DecoderCrackProgress, type LabBridge } from '../../contract';
import { createDecoder } from '../../main/decoder/decoder';
import { auditJar } from '../../main/jar/jar-audit';
import { DecoderPanel } from '../../renderer/decoder';
import { JarCard } from '../../renderer/jar-card';
import { createLabWindow } from '../../renderer/lab-window';
import { signNew } from '../../server/audit/session-auditor';
import { encodeSessionValue, signSessionValue } from '../../server/session/session-codec';
import { cookieRow } from '../support/cookie-row';
import { bridgeWith, renderInWindow } from './page';

const flask = signNew('flask', { name: 'session', payload: '{"username":"alice"}', secret: Buffer.from('your_very_secret_key') }).cookies[0]!.value;
const labValue = encodeSessionValue({ username: 'ada' });
const labSig = signSessionValue('lab_session', labValue, 'a strong key the test made up, 32+ chars');
/** A jar row as the lab's server sets its cookies: HttpOnly, SameSite=Lax. */
const row = (name: string, value: string, extra: Partial<CookieRow> = {}): CookieRow => cookieRow(name, value, { sameSite: 'lax', ...extra });

/** A desktop window whose Decoder verbs are main's own decoder (its crack a spy the test drives), and whose jar is `jar`, audited by main's own rules. */
function desktop(verbs: Partial<LabBridge> = {}, jar: CookieRow[] = []) {
  const decoder = createDecoder({ crack: vi.fn(), picker: { pickWordlist: async () => null }, onCrackProgress: () => undefined });
  let progress: ((p: DecoderCrackProgress) => void) | undefined;
  const lab = bridgeWith({
    decodeCookies: vi.fn((text: string) => decoder.decode(text)),
    decoderReading: () => decoder.reading(),
    setDecoderKey: vi.fn((key: string, encoding: 'text' | 'hex' | 'base64') => decoder.setKey(key, encoding)),
    forgetDecoderKey: () => decoder.forgetKey(),
    onDecoderCrackProgress: (listener) => {
      progress = listener;
      return () => (progress = undefined);
    },
    auditJar: async () =>
      packJarAudit(
        auditJar(
          jar.map((r) => ({ ...r })),
          { pageUrl: 'http://127.0.0.1:5000', signedWithCrackedKey: () => false },
        ),
      ),
    inspectSession: async () => ({
      name: 'lab_session',
      received: false,
      value: null,
      signature: null,
      sizeBytes: 0,
      sizeLimit: 4096,
      decoded: null,
      verdict: { state: 'missing' },
      keyCount: 1,
    }),
    ...verbs,
  });
  const win = createLabWindow(lab);
  win.decoder!.listen();
  const emit = (p: DecoderCrackProgress) => act(() => progress?.(p));
  return { lab, win, emit };
}

const box = () => screen.getByLabelText<HTMLTextAreaElement>('Cookies to decode (a value, name=value, a Cookie header or Set-Cookie lines)');
const text = (id: string) => document.getElementById(id)!.textContent;
const item = (name: string) => document.querySelector(`#decoder-cookies li[data-cookie="${name}"]`)!;

describe('the Decoder box', () => {
  it('Ctrl+Enter decodes what is pasted with main’s own decoder: each cookie, its format and payload; a header carries no attributes', async () => {
    const { lab, win } = desktop();
    renderInWindow(<DecoderPanel />, win);
    expect(text('decoder-summary')).toBe('Nothing decoded yet.');
    fireEvent.input(box(), { target: { value: `session=${flask}; theme=dark` } });
    fireEvent.keyDown(box(), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(text('decoder-summary')).toBe('2 cookies, 1 in a session format the auditor knows.'));
    expect(lab.decodeCookies).toHaveBeenCalledExactlyOnceWith(`session=${flask}; theme=dark`);
    expect(item('session').querySelector('summary')!.textContent).toContain('Flask session (itsdangerous URLSafeTimedSerializer)');
    expect(item('session').querySelector('pre')!.textContent).toBe('{\n  "username": "alice"\n}');
    expect(item('session').textContent).toContain('Signature not checked: give the key below.');
    expect(item('theme').textContent).toContain('Not a session format the auditor knows: shown as it is.');
    expect(text('decoder-attributes')).toMatch(/^A Cookie header carries no attributes/);
    // A plain Enter is a new line in the box, not a Decode.
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(lab.decodeCookies).toHaveBeenCalledTimes(1);
  });

  it('Set-Cookie lines bring their attributes and the cookie audit’s findings, judged as sent over https', async () => {
    const { win } = desktop();
    renderInWindow(<DecoderPanel />, win);
    fireEvent.input(box(), { target: { value: `Set-Cookie: session=${flask}; HttpOnly; Path=/\nSet-Cookie: theme=dark; Path=/; SameSite=Lax; Secure` } });
    fireEvent.keyDown(box(), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(text('decoder-summary')).toBe('2 cookies, 1 in a session format the auditor knows.'));
    expect(text('decoder-attributes')).toMatch(/^Each Set-Cookie line’s attributes are audited as a production site would send them, over https/);
    const session = item('session');
    expect(session.textContent).toContain('From its Set-Cookie line, as sent over https: session');
    expect(session.textContent).toContain('Secure no · HttpOnly yes · SameSite Unset (Lax) · host-only · Expires Session');
    expect([...session.querySelectorAll('.finding-title')].map((f) => f.textContent)).toEqual([
      expect.stringMatching(/^Medium.*Secure is missing/),
      expect.stringMatching(/^Low.*SameSite is not set/),
      expect.stringMatching(/__Host-/),
    ]);
    expect(item('theme').textContent).toContain('No findings: the audit’s rules have nothing to say about this cookie.');
  });

  it('a bare value is shown as one; the Decode button reads the box too', async () => {
    const { win } = desktop();
    renderInWindow(<DecoderPanel />, win);
    fireEvent.input(box(), { target: { value: flask } });
    fireEvent.click(screen.getByRole('button', { name: 'Decode' }));
    await waitFor(() => expect(text('decoder-summary')).toBe('1 cookie.'));
    expect(item('(a bare value)').querySelector('.badge-format')!.textContent).toBe('Flask session (itsdangerous URLSafeTimedSerializer)');
  });

  it('main’s sentence for input it cannot read shows under the box, which is marked invalid until a read succeeds', async () => {
    const { win } = desktop();
    renderInWindow(<DecoderPanel />, win);
    fireEvent.input(box(), { target: { value: 'a=1; junk' } });
    fireEvent.click(screen.getByRole('button', { name: 'Decode' }));
    await waitFor(() => expect(text('decoder-error')).toBe('Part 2 of the header has no name=value.'));
    expect(box().getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(box(), { target: { value: 'a=1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Decode' }));
    await waitFor(() => expect(text('decoder-summary')).toBe('1 cookie.'));
    expect(text('decoder-error')).toBe('');
    expect(box().getAttribute('aria-invalid')).toBeNull();
  });
});

describe('the Decoder’s key card', () => {
  it('sends the key once, empties the field, and each cookie says whether it holds', async () => {
    const { lab, win } = desktop();
    renderInWindow(<DecoderPanel />, win);
    fireEvent.input(box(), { target: { value: `session=${flask}` } });
    fireEvent.click(screen.getByRole('button', { name: 'Decode' }));
    await waitFor(() => expect(text('decoder-summary')).toBe('1 cookie.'));
    const field = screen.getByLabelText<HTMLInputElement>('The key to check these cookies with');
    fireEvent.input(field, { target: { value: 'your_very_secret_key' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check signatures' }));
    await waitFor(() => expect(item('session').textContent).toContain('Signature valid with your key (Flask HMAC-SHA1'));
    expect(lab.setDecoderKey).toHaveBeenCalledExactlyOnceWith('your_very_secret_key', 'text');
    expect(field.value).toBe('');
    expect(text('decoder-key-status')).toMatch(/^A key of 20 bytes \(text\) is held in main’s memory/);
    expect(document.body.textContent).not.toContain('your_very_secret_key');
  });

  it('a crack from a file shows the lines tried, the share of the file read and the time left; Stop; how it ended', async () => {
    let finish!: (outcome: DecoderCrackOutcome) => void;
    const crackDecoded = vi.fn(() => new Promise<DecoderCrackOutcome>((resolve) => (finish = resolve)));
    const stopDecoderCrack = vi.fn(async () => undefined);
    const { win, emit } = desktop({ crackDecoded, stopDecoderCrack });
    renderInWindow(<DecoderPanel />, win);
    fireEvent.click(screen.getByRole('button', { name: 'Try a wordlist file…' }));
    expect(crackDecoded).toHaveBeenCalledExactlyOnceWith('file');
    expect(text('decoder-crack-status')).toBe('Choose a wordlist in the dialog…');
    expect((screen.getByRole('button', { name: 'Try the known weak keys' }) as HTMLButtonElement).disabled).toBe(true);
    const progress: DecoderCrackProgress = {
      tried: 1_200_000,
      total: 1_200_000,
      keys: 4_800_000,
      keysPerSecond: 950_000,
      elapsedMs: 5000,
      etaMs: 6100,
      found: 0,
      list: 'file',
      bytesRead: 45_000_000,
      bytesTotal: 100_000_000,
    };
    await emit(progress);
    expect(text('decoder-crack-status')).toBe('1,200,000 lines tried · 45% of the file · 950,000 keys/s · about 6.1 s left');
    const bar = document.getElementById('decoder-crack-progress') as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([45_000_000, 100_000_000]);
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(stopDecoderCrack).toHaveBeenCalled();
    await act(() => finish({ ...progress, outcome: 'stopped', cookies: 1, threads: 1, etaMs: null, fileName: 'rockyou.txt', overlong: 2 }));
    await waitFor(() => expect(text('decoder-crack-status')).toBe('Stopped: 1,200,000 lines of rockyou.txt tried in 5.0 s (2 over-long lines skipped).'));
    expect(document.getElementById('decoder-crack-stop')!.hidden).toBe(true);
  });

  it('a cancelled dialog cracked nothing; a key found in the file is named with the file', async () => {
    const outcomes: DecoderCrackOutcome[] = [
      { outcome: 'cancelled', list: 'file' },
      {
        outcome: 'all-found',
        list: 'file',
        fileName: 'words.txt',
        overlong: 0,
        tried: 4,
        total: 4,
        keys: 16,
        keysPerSecond: 4000,
        elapsedMs: 4,
        etaMs: null,
        found: 1,
        cookies: 1,
        threads: 1,
      },
    ];
    const { win } = desktop({ crackDecoded: async () => outcomes.shift()! });
    renderInWindow(<DecoderPanel />, win);
    fireEvent.click(screen.getByRole('button', { name: 'Try a wordlist file…' }));
    await waitFor(() => expect(text('decoder-crack-status')).toBe('No file chosen: nothing was cracked.'));
    fireEvent.click(screen.getByRole('button', { name: 'Try a wordlist file…' }));
    await waitFor(() => expect(text('decoder-crack-status')).toBe('Found the key in words.txt for 1 of 1 signed cookie: 4 lines of words.txt tried in 4 ms.'));
  });
});

describe('opening the lab’s own cookies', () => {
  it('the jar card opens the session pair as the browser sends it, switches to the Decoder and hands it the focus, with the jar’s findings', async () => {
    const jar = [row('lab_session', labValue), row('lab_session.sig', labSig), row('theme', 'dark', { sameSite: 'unspecified' })];
    const { lab, win } = desktop({}, jar);
    renderInWindow(
      <>
        <JarCard />
        <div id="decoder">
          <DecoderPanel />
        </div>
      </>,
      win,
    );
    const open = () => screen.getByRole<HTMLButtonElement>('button', { name: 'Open in the Decoder' });
    expect(open().disabled).toBe(true);
    await win.inspector.refresh();
    await waitFor(() => expect(open().disabled).toBe(false));
    fireEvent.click(open());
    expect(win.view.get()).toBe('tab-decoder');
    expect(box().value).toBe(`lab_session=${labValue}; lab_session.sig=${labSig}`);
    await waitFor(() => expect(document.activeElement?.id).toBe('decoder-result-title'));
    expect(lab.decodeCookies).toHaveBeenCalledExactlyOnceWith(`lab_session=${labValue}; lab_session.sig=${labSig}`);
    const shown = item('lab_session').textContent;
    expect(shown).toContain('Express cookie-session (keygrip)');
    expect(shown).toContain('with its signature, lab_session.sig');
    expect(shown).toContain('In the lab’s jar: lab_session');
    expect(shown).toContain('In the lab’s jar: lab_session.sig');
    expect(shown).toContain('Secure no · HttpOnly yes · SameSite Lax · host-only');
    expect(text('decoder-attributes')).toBe(
      'These cookies came from the lab’s jar: each shows the attributes the jar holds and the findings of the cookie audit.',
    );

    // One row alone, from its opened details: its findings come along.
    fireEvent.click(screen.getByRole('button', { name: 'theme' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open theme in the Decoder' }));
    expect(box().value).toBe('theme=dark');
    await waitFor(() => expect(item('theme').textContent).toContain('In the lab’s jar: theme'));
    expect([...item('theme').querySelectorAll('.finding-title')].map((f) => f.textContent)).toEqual([expect.stringMatching(/^Info .*SameSite/)]);
  });

  it('text typed over it is the person’s own: the jar’s findings are not claimed for it', async () => {
    const jar = [row('lab_session', labValue), row('lab_session.sig', labSig)];
    const { win } = desktop({}, jar);
    renderInWindow(
      <>
        <JarCard />
        <DecoderPanel />
      </>,
      win,
    );
    await win.inspector.refresh();
    await waitFor(() => expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Open in the Decoder' }).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Open in the Decoder' }));
    await waitFor(() => expect(item('lab_session').textContent).toContain('In the lab’s jar'));
    fireEvent.input(box(), { target: { value: `lab_session=${labValue}` } });
    fireEvent.click(screen.getByRole('button', { name: 'Decode' }));
    await waitFor(() => expect(text('decoder-attributes')).toMatch(/^A Cookie header carries no attributes/));
    expect(item('lab_session').textContent).not.toContain('In the lab’s jar');
  });
});

describe('in a plain browser', () => {
  it('the Decoder says it needs the desktop app, where its engine runs', () => {
    renderInWindow(<DecoderPanel />, createLabWindow(null));
    expect(document.body.textContent).toContain(
      'The Decoder needs the desktop app: the auditor that reads, checks and cracks a cookie runs in its main process',
    );
  });
});
