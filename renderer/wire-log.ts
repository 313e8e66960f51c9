// The wire log: per request, the Cookie header sent and the Set-Cookie headers received.
import type { WireEntry } from '../contract';
import { formatTime } from './cookie-format';
import { h } from './dom';

const MAX_ENTRIES = 100;

export interface WireLog {
  add(entry: WireEntry): void;
}

export function createWireLog(container: HTMLElement): WireLog {
  const list = h('ol', { className: 'wire-list' });
  container.replaceChildren(h('p', { className: 'empty' }, 'No requests yet. Log in or count a visit to see the cookies travel.'));

  return {
    add(entry) {
      list.prepend(wireItem(entry));
      while (list.children.length > MAX_ENTRIES) list.lastElementChild?.remove();
      if (!list.isConnected) container.replaceChildren(list);
    },
  };
}

function wireItem(entry: WireEntry): HTMLLIElement {
  const status = entry.status === null ? 'failed' : String(entry.status);
  const ok = entry.status !== null && entry.status < 400;
  return h(
    'li',
    { className: 'wire-entry' },
    h(
      'p',
      { className: 'wire-line' },
      h('span', { className: 'method' }, entry.method),
      ' ',
      h('span', { className: 'mono wire-path' }, entry.path),
      ' ',
      h('span', { className: `http-status ${ok ? 'ok' : 'bad'}` }, status),
      h('span', { className: 'wire-time' }, formatTime(entry.time)),
    ),
    h(
      'dl',
      { className: 'headers' },
      h('dt', {}, 'Cookie sent'),
      h('dd', {}, entry.cookieSent === null ? h('span', { className: 'muted' }, '(none)') : h('code', {}, entry.cookieSent)),
      h('dt', {}, 'Set-Cookie received'),
      entry.setCookies.length === 0
        ? h('dd', {}, h('span', { className: 'muted' }, '(none)'))
        : h('dd', {}, ...entry.setCookies.map((line) => h('code', { className: 'set-cookie' }, line))),
      // The lab's own headers: which instance answered, a session refused as expired.
      ...(entry.labHeaders.length === 0 ? [] : [h('dt', {}, 'Lab headers'), h('dd', {}, ...entry.labHeaders.map((line) => h('code', { className: 'lab-header' }, line)))]),
    ),
  );
}
