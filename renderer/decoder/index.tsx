// The Decoder tab: paste anything (a bare value, name=value, a Cookie header,
// Set-Cookie lines) and main's auditor reads each cookie in it: the format,
// the payload, the facts, the verdict of a key the person types and a key a
// crack finds. Set-Cookie lines, and cookies opened from the lab's jar, bring
// the cookie audit's findings on their attributes. Desktop only: the engine runs in the main process.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { AuditedCookie, DecoderCookieView, DecoderReading } from '../../contract';
import { KeyCard, type FoundKeyItem, type KeyCardActions, type KeyCardText } from '../audit/key-card';
import { CookieAttributesLine, CookieValueLine, ReadCookieItem } from '../audit/read-cookie';
import { count } from '../experiments/facts';
import { FindingList } from '../finding-list';
import { useLabWindow } from '../lab-window';
import { pure } from '../pure';
import { useStore } from '../store';
import type { DecoderModel, DecoderSource } from './decoder-model';

const KEY_TEXT: KeyCardText = {
  keyLabel: 'The key to check these cookies with',
  keyHint:
    'It goes to the main process and stays in its memory until you forget it or quit: never written to disk and never sent back to the page. Laravel’s APP_KEY as written (base64:…), Rails’ secret_key_base as hex text.',
  listsHint:
    'The built-in list holds the tutorial and framework example keys, the Flask-Unsign list and common passwords. A wordlist file of yours (rockyou, say) is chosen in a dialog of the main process and read from disk as the crack goes, never whole; every line is also tried hex- and base64-decoded.',
  nothingToCrack: 'No cookie here carries a signature a key could be tried against. Decode a signed session cookie first.',
};

/** A cookie without a name: a bare value pasted alone. */
export const BARE_VALUE = '(a bare value)';

export function DecoderPanel() {
  const { decoder } = useLabWindow();
  if (decoder === null) return <DecoderNeedsDesktop />;
  return <Decoder model={decoder} />;
}

function Decoder({ model }: { model: DecoderModel }) {
  const { lab } = model;
  const reading = useStore(model.reading);
  const progress = useStore(model.progress);
  const actions = useMemo<KeyCardActions<DecoderReading>>(
    () => ({
      setKey: (key, encoding) => lab.setDecoderKey(key, encoding),
      forgetKey: () => lab.forgetDecoderKey(),
      show: (answer) => model.reading.set(answer),
      crack: (list) => {
        model.progress.set(null);
        return lab.crackDecoded(list);
      },
      stop: () => lab.stopDecoderCrack(),
      afterCrack: () => model.refresh(),
    }),
    [model],
  );
  const found = (reading?.cookies ?? []).flatMap((c): FoundKeyItem[] =>
    c.weakKey === null ? [] : [{ id: String(c.index), cookie: c.name ?? BARE_VALUE, where: null, key: c.weakKey }],
  );
  return (
    <>
      <DecoderInput model={model} />
      <DecoderResult model={model} />
      <KeyCard
        idPrefix="decoder"
        text={KEY_TEXT}
        keyStatus={reading?.key ?? { set: false, encoding: null, bytes: 0 }}
        found={found}
        progress={progress}
        lists={['built-in', 'file']}
        actions={actions}
      />
    </>
  );
}

function DecoderInput({ model }: { model: DecoderModel }) {
  const text = useStore(model.text);
  const error = useStore(model.error);
  const submit = (event: Event): void => {
    event.preventDefault();
    void model.decode();
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
  };
  return (
    <section class="card decoder-card" aria-labelledby="decoder-title">
      <h2 id="decoder-title">Decoder</h2>
      <p class="hint" id="decoder-hint">
        Whatever you copied from DevTools, a proxy or a log: a bare value, <code>name=value</code>, a whole <code>Cookie</code> header, or{' '}
        <code>Set-Cookie</code> lines (one per line), whose attributes are audited too. The auditor in the main process reads every cookie in it: Flask and
        itsdangerous, Django, express-session, cookie-session, JWT, Rails and Laravel.
      </p>
      <form class="decoder-form" onSubmit={submit} noValidate>
        <label for="decoder-input">Cookies to decode (a value, name=value, a Cookie header or Set-Cookie lines)</label>
        <textarea
          id="decoder-input"
          rows={5}
          spellcheck={false}
          autoComplete="off"
          value={text}
          aria-describedby="decoder-hint decoder-keys decoder-error"
          aria-invalid={error === '' ? undefined : 'true'}
          onInput={(event) => {
            model.text.set(event.currentTarget.value);
            model.source.set({ kind: 'pasted' });
          }}
          onKeyDown={onKeyDown}
        />
        <div class="actions">
          <button type="submit" class="primary">
            Decode
          </button>
          <span class="hint" id="decoder-keys">
            or Ctrl+Enter
          </span>
        </div>
        <p id="decoder-error" class="error" role="alert">
          {error}
        </p>
      </form>
    </section>
  );
}

/** Where a cookie's attributes come from: the jar it was opened from, the Set-Cookie lines pasted, or nowhere (a Cookie header has none). */
function attributesHint(source: DecoderSource, cookies: readonly DecoderCookieView[]): string {
  if (source.kind === 'jar') return 'These cookies came from the lab’s jar: each shows the attributes the jar holds and the findings of the cookie audit.';
  if (cookies.some((c) => c.setCookie !== null))
    return 'Each Set-Cookie line’s attributes are audited as a production site would send them, over https: the line does not say which page sent it, so whether its Domain reaches too far can only be judged from a jar, which knows the page.';
  return 'A Cookie header carries no attributes, so HttpOnly, Secure, SameSite and the expiry can only be judged from Set-Cookie lines (paste them instead, from DevTools’ Network panel or curl -i) or from a jar: the Cookie jar card audits the lab’s, and the Your app tab your app’s.';
}

function DecoderResult({ model }: { model: DecoderModel }) {
  const { inspector } = useLabWindow();
  const reading = useStore(model.reading);
  const source = useStore(model.source);
  const jar = useStore(inspector.jar);
  const focusRequests = useStore(model.focusRequests);
  const title = useRef<HTMLHeadingElement>(null);
  // Opened from the jar: the result takes the focus, so the keyboard and a screen reader are where the cookies are.
  useEffect(() => {
    if (focusRequests > 0) title.current?.focus();
  }, [focusRequests]);

  const cookies = reading?.cookies ?? [];
  const known = cookies.filter((c) => c.decoded !== null).length;
  // The jar's rows for cookies opened from it, by name (the lab's jar is one host's).
  const jarRows = (c: DecoderCookieView): AuditedCookie[] =>
    source.kind === 'jar'
      ? (jar ?? []).filter((r) => source.names.includes(r.cookie.name) && (r.cookie.name === c.name || r.cookie.name === c.signatureCookie))
      : [];
  return (
    <section class="card" aria-labelledby="decoder-result-title">
      <h2 id="decoder-result-title" ref={title} tabIndex={-1}>
        What the Decoder read
      </h2>
      <p class="hint" id="decoder-summary" role="status">
        {reading === null
          ? 'Nothing decoded yet.'
          : `${count(cookies.length)} cookie${cookies.length === 1 ? '' : 's'}${cookies.length > 1 ? `, ${known === cookies.length ? 'each' : count(known)} in a session format the auditor knows` : ''}.`}
      </p>
      {reading !== null && (
        <>
          <p class="note" id="decoder-attributes">
            {attributesHint(source, cookies)}
          </p>
          <ul class="read-cookie-list decoder-cookies" id="decoder-cookies" aria-labelledby="decoder-result-title">
            {cookies.map((c) => (
              <DecodedItem key={`${c.index}\u0000${c.name ?? ''}`} cookie={c} jarRows={jarRows(c)} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

const DecodedItem = pure(
  ({ cookie: c, jarRows }: { cookie: DecoderCookieView; jarRows: readonly AuditedCookie[] }) => (
    <ReadCookieItem name={c.name ?? BARE_VALUE} where={null} reading={{ ...c, signatureOf: null }} noKey="Signature not checked: give the key below." open>
      <CookieValueLine value={c.value}>{c.signatureCookie !== null && <span class="muted"> with its signature, {c.signatureCookie}</span>}</CookieValueLine>
      {c.setCookie !== null && (
        <div class="decoder-jar-row decoder-set-cookie">
          <p class="details-label">{`From its Set-Cookie line, as sent over https: ${c.setCookie.cookie.name}`}</p>
          <CookieAttributesLine row={c.setCookie.cookie} />
          <FindingList findings={c.setCookie.audit.findings} />
        </div>
      )}
      {jarRows.map((r) => (
        <div key={r.cookie.name} class="decoder-jar-row">
          <p class="details-label">{`In the lab’s jar: ${r.cookie.name}`}</p>
          <CookieAttributesLine row={r.cookie} />
          <FindingList findings={r.audit.findings} />
        </div>
      ))}
    </ReadCookieItem>
  ),
  (a, b) => JSON.stringify(a.cookie) === JSON.stringify(b.cookie) && JSON.stringify(a.jarRows) === JSON.stringify(b.jarRows),
);

export function DecoderNeedsDesktop() {
  return (
    <section class="card" aria-labelledby="decoder-plain-title">
      <h2 id="decoder-plain-title">Decoder</h2>
      <p class="needs-desktop">
        The Decoder needs the desktop app: the auditor that reads, checks and cracks a cookie runs in its main process, with worker threads for the crack and a
        file dialog for your wordlist, none of which a web page has. <code>{'npm run cli -- decode "<cookies>"'}</code> does the same from a terminal.
      </p>
    </section>
  );
}
