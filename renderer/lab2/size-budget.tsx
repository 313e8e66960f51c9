// Lab II, experiment 1: grow the session until the browser silently refuses the cookie.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { COOKIE_BYTES_LIMIT } from '../../contract';
import { byteLength, bytesText, cookieBudget, sentCookieBytes, setCookieBytes, type Budget } from '../cookie-budget';
import { api } from '../api-client';
import { ExperimentCard, type CardSpec, type Fact } from '../experiment-card';
import { useLane } from '../request-lane';
import { useLocalStore } from '../store';
import { findRow, SESSION, SIGNATURE, verdictFact } from '../experiments/facts';
import { answerFact, reportState, sessionOf, through, warningsFact, type ServerLabContext } from './context';
import { labApi } from './lab-api';

export const STUFF_STEP_BYTES = 1000;

/** Each cookie's bytes against the limit, and the Cookie header the origin sends. */
function BudgetMeter({ budget }: { budget: Budget | null }) {
  const limit = COOKIE_BYTES_LIMIT.toLocaleString('en-US');
  return (
    <div class="budget" id="size-budget" aria-label="Bytes per cookie against the 4,096-byte limit">
      {budget !== null && budget.cookies.length === 0 && <p class="hint">No cookies yet.</p>}
      {budget?.cookies.map((c, i) => (
        <div key={`${i}:${c.name}`} class="budget-row">
          <span class="mono budget-name">{c.name}</span>
          <meter
            min={0}
            max={COOKIE_BYTES_LIMIT}
            low={2048}
            high={3072}
            optimum={0}
            value={Math.min(c.bytes, COOKIE_BYTES_LIMIT)}
            aria-label={`${c.name} size`}
          />
          <span class="budget-bytes">{`${c.bytes.toLocaleString('en-US')} / ${limit}`}</span>
        </div>
      ))}
      {budget !== null && (
        <p class="budget-total" id="size-budget-total">
          {`Cookie header for this origin: ${bytesText(budget.headerBytes)}, sent with every request`}
        </p>
      )}
    </div>
  );
}

export function SizeBudgetCard({ ctx, hidden }: { ctx: ServerLabContext; hidden: boolean }) {
  const { lab } = ctx;
  const [budget, meter] = useLocalStore<Budget | null>(() => null);
  // What the server believes it stored last: compared with what the browser sends back. Shown only as a fact.
  const serverPadding = useRef<number | null>(null);
  // Jar changes arrive in bursts; only the newest listing may paint.
  const lane = useLane();
  const showBudget = useMemo(() => lane.reader(() => lab.listCookies(), { paint: (rows) => meter.set(cookieBudget(rows)) }), [lane]);
  useEffect(() => void showBudget(), [showBudget]);

  const spec: CardSpec = {
    id: 'exp-size',
    number: 1,
    title: 'Size budget: past 4 KB the cookie just stops',
    lead: 'The whole session rides in one cookie, and a browser keeps at most 4,096 bytes of name and value. Grow the session and watch what gives.',
    aside: <BudgetMeter budget={budget} />,
    steps: [
      {
        title: 'Get a session',
        text: 'Log in: a small session, well inside the budget.',
        actions: [
          {
            label: 'Log in as erin',
            run: async () => {
              const answer = await through(ctx, () => labApi.login('erin'), sessionOf);
              serverPadding.current = 0;
              await showBudget();
              return [answerFact(answer)];
            },
          },
        ],
      },
      {
        title: 'Stuff the session',
        text: `Each press makes the server add ${STUFF_STEP_BYTES.toLocaleString('en-US')} bytes of padding to the session. Compare the Set-Cookie it sends with what the jar keeps.`,
        actions: [
          {
            label: `Stuff ${STUFF_STEP_BYTES.toLocaleString('en-US')} bytes`,
            primary: true,
            run: async () => {
              const sigBefore = findRow(await lab.listCookies(), SIGNATURE)?.value;
              const { result: answer, wire } = await ctx.observe(() => through(ctx, () => labApi.stuff(STUFF_STEP_BYTES), reportState));
              serverPadding.current = answer.data.paddingBytes;
              const sent = setCookieBytes(
                wire.flatMap((e) => e.setCookies),
                SESSION,
              );
              const rows = await lab.listCookies();
              const kept = findRow(rows, SESSION);
              const sigAfter = findRow(rows, SIGNATURE)?.value;
              const keptBytes = kept === undefined ? null : byteLength(kept.name) + byteLength(kept.value);
              await showBudget();
              const facts: Fact[] = [
                { label: 'The server answered', value: `HTTP ${answer.status} · it stored ${bytesText(answer.data.paddingBytes)} of padding` },
                { label: 'Set-Cookie on the wire', value: sent === null ? '(not seen)' : `${SESSION}: ${bytesText(sent)}` },
              ];
              if (sent !== null && keptBytes === sent) {
                facts.push({ label: `Jar: ${SESSION}`, value: `${bytesText(keptBytes)}: stored`, tone: 'good' });
              } else {
                facts.push({
                  label: `Jar: ${SESSION}`,
                  value: `${keptBytes === null ? 'none' : bytesText(keptBytes)}: the browser refused the new cookie and kept the old one`,
                  tone: 'bad',
                });
                if (sigAfter !== undefined && sigAfter !== sigBefore) {
                  facts.push({
                    label: `Jar: ${SIGNATURE}`,
                    value: 'updated: the small .sig of the refused cookie was stored, so it no longer matches the old value',
                    tone: 'bad',
                  });
                }
                facts.push({ label: 'The page saw', value: `HTTP ${answer.status} and no error: nobody is told that a Set-Cookie was dropped`, tone: 'bad' });
              }
              facts.push(warningsFact(answer.data.state));
              return facts;
            },
          },
        ],
      },
      {
        title: 'Send a request',
        text: 'Ask the server what it received now.',
        actions: [
          {
            label: 'Ask the server',
            run: async () => {
              const verdict = await verdictFact(lab);
              const { result: answer, wire } = await ctx.observe(() => through(ctx, labApi.report, reportState));
              const sent = sentCookieBytes(wire[0]?.cookieSent ?? null, SESSION);
              const received = answer.data.paddingBytes;
              const stored = serverPadding.current;
              const lost = stored !== null && received < stored;
              return [
                { label: 'Cookie sent', value: sent === null ? `no ${SESSION}` : `${SESSION}: ${bytesText(sent)}` },
                { ...verdict, label: 'Main’s verdict on what was sent' },
                answerFact({ ...answer, data: answer.data.state }),
                {
                  label: 'The server received',
                  value: lost
                    ? `${bytesText(received)} of padding, not the ${bytesText(stored!)} it stored: it never knew`
                    : `${bytesText(received)} of padding`,
                  tone: lost ? 'bad' : 'neutral',
                },
              ];
            },
          },
        ],
      },
      {
        title: 'Start over',
        text: 'Take the padding out (the login and count stay, if the session survived), or clear the session: the server deletes both cookies.',
        actions: [
          {
            label: 'Unstuff',
            run: async () => {
              const answer = await through(ctx, labApi.unstuff, reportState);
              serverPadding.current = 0;
              await showBudget();
              return [
                answerFact({ ...answer, data: answer.data.state }),
                { label: 'Padding', value: bytesText(answer.data.paddingBytes) },
                warningsFact(answer.data.state),
              ];
            },
          },
          {
            label: 'Clear the session',
            run: async () => {
              const result = await ctx.session(api.clearSession);
              serverPadding.current = null;
              await showBudget();
              return [answerFact({ data: result, status: 200, instance: null, expired: null }), warningsFact(result)];
            },
          },
        ],
      },
    ],
    why: [
      'cookie-session has no size check: it writes whatever the session holds. Chromium refuses a cookie whose name and value pass 4,096 bytes, and a refused Set-Cookie is simply not stored: no error reaches the page, the server or its logs. The jar keeps the old cookie and sends it on, so the session quietly goes back in time.',
      'Here it is worse: the .sig cookie of the refused session is small, so the browser stored it. The old value and the new signature no longer match, and on the next request the server sees a bad signature and starts an empty session: the visitor is logged out, with nothing in any log to say why.',
      'The server can only guess, which is why it warns from three quarters of the budget. Keep sessions to an id and a few small values; put anything big on the server, keyed by the user (as the to-do list does).',
    ],
  };
  return <ExperimentCard {...spec} hidden={hidden} />;
}
