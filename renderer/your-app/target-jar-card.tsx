// The Your app partition's jar card: every cookie of every origin the view
// visited in the jar table (filter, sort, groups by domain, the audit's findings),
// each session cookie decoded below it; clearing the partition; the report.
import { useMemo } from 'preact/hooks';
import { errorMessage, unpackJarAudit, type ExportOutcome, type ReportFormat } from '../../contract';
import { count } from '../experiments/facts';
import { JarTable } from '../jar-table';
import { useLane } from '../request-lane';
import { useLocalStore, useStore } from '../store';
import { TargetCookieList } from './target-cookies';
import type { TargetModel } from './target-model';

const FORMAT_NAMES: Record<ReportFormat, string> = { markdown: 'Markdown', json: 'JSON' };

export function exportSentence(outcome: ExportOutcome, format: ReportFormat): string {
  if (!outcome.saved) return 'Export cancelled: nothing was saved.';
  return `Saved the ${FORMAT_NAMES[format]} report as ${outcome.fileName}: ${count(outcome.cookies)} cookie${outcome.cookies === 1 ? '' : 's'}, ${count(outcome.bytes)} bytes. It holds cookie values: treat it like a password.`;
}

export function TargetJarCard({ model }: { model: TargetModel }) {
  const { lab } = model;
  const inspection = useStore(model.inspection);
  const readError = useStore(model.inspectionError);
  const [message, messages] = useLocalStore(() => '');
  const [error, errors] = useLocalStore(() => '');
  const [confirming, confirm] = useLocalStore(() => false);
  const lane = useLane();
  const cookies = inspection?.cookies ?? [];
  const domains = new Set(cookies.map((c) => c.cookie.domain.replace(/^\./, ''))).size;
  // The table's rows, audited as the lab's jar is; a new object only with a new reading.
  const audited = useMemo(() => (inspection === null ? [] : unpackJarAudit({ findings: inspection.findings, rows: inspection.cookies })), [inspection]);
  const decoded = cookies.filter((c) => c.decoded !== null);
  const findings = cookies.reduce((n, c) => n + c.findings.length, 0);

  const exportAs = (format: ReportFormat): void => {
    errors.set('');
    messages.set('');
    void lane.run(() => lab.exportTargetReport(format), {
      paint: (outcome) => messages.set(exportSentence(outcome, format)),
      fail: (err) => errors.set(errorMessage(err)),
    });
  };
  const clear = (): void => {
    confirm.set(false);
    errors.set('');
    void lane.run(() => lab.clearTarget(), {
      paint: (state) => {
        model.state.set(state);
        messages.set('Cleared: the view’s partition holds no cookies and no storage now.');
        void model.refresh();
      },
      fail: (err) => errors.set(errorMessage(err)),
    });
  };

  return (
    <section class="card" aria-labelledby="target-jar-title">
      <div class="card-head">
        <h2 id="target-jar-title">Your app’s cookies</h2>
        <div class="actions">
          <button type="button" class="small" onClick={() => exportAs('markdown')}>
            Export Markdown…
          </button>
          <button type="button" class="small" onClick={() => exportAs('json')}>
            Export JSON…
          </button>
          <button type="button" class="small danger" aria-expanded={confirming} aria-controls="target-clear-confirm" onClick={() => confirm.set(!confirming)}>
            Clear…
          </button>
        </div>
      </div>
      <div id="target-clear-confirm" class="confirm" role="group" aria-label="Clear the partition" hidden={!confirming}>
        <p>Remove every cookie and all storage (local storage, IndexedDB, cache) the view holds, for every origin? You will be logged out of your app here.</p>
        <div class="actions">
          <button type="button" class="danger" onClick={clear}>
            Clear cookies and storage
          </button>
          <button type="button" onClick={() => confirm.set(false)}>
            Cancel
          </button>
        </div>
      </div>
      <p class="hint" id="target-jar-summary">
        {inspection === null
          ? 'Reading the view’s partition…'
          : cookies.length === 0
            ? 'The view’s partition holds no cookies. Open your app and log in.'
            : `${count(cookies.length)} cookie${cookies.length === 1 ? '' : 's'} on ${count(domains)} domain${domains === 1 ? '' : 's'}, ${count(findings)} finding${findings === 1 ? '' : 's'}, in a partition of the view’s own (never the lab’s). Open a row for its findings.`}
      </p>
      {cookies.length > 0 && (
        <div id="target-jar">
          <JarTable
            rows={audited}
            idPrefix="target-jar"
            caption="Cookies your app’s view holds, every origin"
            empty="The view’s partition holds no cookies."
            initialView={{ groupByDomain: domains > 1 }}
          />
        </div>
      )}
      {decoded.length > 0 && (
        <>
          <h3 id="target-decoded-title">Session cookies, decoded</h3>
          <TargetCookieList cookies={decoded} />
        </>
      )}
      <p id="target-jar-message" class="note" role="status">
        {message}
      </p>
      <p id="target-jar-error" class="error" role="alert">
        {error || readError}
      </p>
    </section>
  );
}
