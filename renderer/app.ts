// The lab window's entry: wires the session panel to the inspector, live in the
// desktop app (window.sessionLab) and from the server's view in a plain browser.
import type { CookieRow, LabBridge } from '../contract';
import { api } from './api-client';
import { createChangeLog } from './change-log';
import { renderDocumentCookie } from './document-cookie';
import { byId, h } from './dom';
import { renderInspection } from './inspection-view';
import { setupJarEditor } from './jar-editor';
import { renderJarTable } from './jar-table';
import { experimentsNeedDesktop, setupExperiments, setupViewTabs } from './experiments';
import { serverLabNeedsDesktop, setupServerLab } from './lab2';
import { setupSessionPanel } from './session-panel';
import { setupTodoPanel } from './todo-panel';
import { createWireLog } from './wire-log';

const bridge: LabBridge | null = window.sessionLab ?? null;

/** Runs `task` after any run in flight; calls made meanwhile share one extra run. */
function latestOnly(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  let queued: Promise<void> | null = null;
  return () => {
    if (queued) return queued;
    const next = running.then(() => {
      queued = null;
      return task();
    });
    queued = next;
    running = next.catch(() => undefined);
    return next;
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function startDesktop(lab: LabBridge): void {
  byId('mode').textContent = 'Desktop app · live cookie jar';
  byId('inspection-source').textContent = 'Read from the jar; the app checks the signature with the server’s keys, which never reach this window.';
  const jarError = byId('jar-error');

  // The jar and the verdict are asked for together and each drawn as soon as it
  // arrives: the table need not wait on the signature check.
  const refresh = latestOnly(async () => {
    try {
      await Promise.all([
        lab.listCookies().then((rows) => {
          renderJarTable(byId('jar'), rows, tableActions);
          renderDocumentCookie(rows);
        }),
        lab.inspectSession().then(renderInspection),
      ]);
    } catch (err) {
      jarError.textContent = `Cannot read the cookie jar: ${errorText(err)}`;
    }
  });

  const panel = setupSessionPanel(refresh, setupTodoPanel(byId('todos')).showSession);
  // A jar action changes what the server will see, but it has not seen it yet. Not
  // asking it at once keeps the evidence: a server that gets a bad signature
  // deletes the .sig cookie in its answer.
  const afterJarAction = (): Promise<void> => {
    panel.markStale();
    return refresh();
  };
  const editor = setupJarEditor(lab, afterJarAction);
  setupExperiments(byId('experiments'), { lab, panel, refresh });
  setupServerLab(byId('lab2'), { lab, panel, refresh });
  const jarAction = (action: () => Promise<void>): void => {
    jarError.textContent = '';
    action().then(
      afterJarAction,
      (err: unknown) => {
        jarError.textContent = errorText(err);
      },
    );
  };
  const tableActions = {
    onEdit: (row: CookieRow, button: HTMLButtonElement) => editor.open(row, button),
    onDelete: (row: CookieRow) => jarAction(() => lab.deleteCookie(row.name)),
  };
  byId('jar-clear').addEventListener('click', () => {
    editor.close();
    jarAction(() => lab.clearCookies());
  });

  const changeLog = createChangeLog(byId('change-log'));
  byId('changes-clear').addEventListener('click', () => changeLog.clear());
  lab.onJarChanged((changes) => {
    changeLog.add(changes);
    void refresh();
  });
  const wireLog = createWireLog(byId('wire-log'));
  lab.onWire((entry) => wireLog.add(entry));

  void panel.reload();
}

function startPlainBrowser(): void {
  byId('mode').textContent = 'Browser mode · server’s view only';
  byId('mode').classList.add('mode-plain');
  byId('inspection-source').textContent = 'As the server received it on the last request, checked with its own keys.';
  byId('jar-clear').hidden = true;
  byId('changes-clear').hidden = true;
  experimentsNeedDesktop(byId('experiments'));
  serverLabNeedsDesktop(byId('lab2'));
  const needsDesktop = (what: string) => h('p', { className: 'needs-desktop' }, what);
  byId('jar').replaceChildren(
    needsDesktop('The cookie jar needs the desktop app. A web page cannot list the browser’s cookies: the session ones are HttpOnly. The server’s own view of the cookie it received is below.'),
  );
  byId('change-log').replaceChildren(needsDesktop('The live change log needs the desktop app, which watches the browser’s cookie store.'));
  byId('wire-log').replaceChildren(
    needsDesktop('The wire log needs the desktop app, which sees the Cookie and Set-Cookie headers of every request. Page scripts cannot read them.'),
  );

  const refresh = latestOnly(async () => {
    renderInspection(await api.cookieInspection());
    renderDocumentCookie(null);
  });
  void setupSessionPanel(refresh, setupTodoPanel(byId('todos')).showSession).reload();
}

setupViewTabs();
if (bridge) startDesktop(bridge);
else startPlainBrowser();
