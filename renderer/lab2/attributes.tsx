// Lab II, experiment 3: switch the session cookie's attributes and watch what each one does.
import type { CookieAttributes, ServerLabState } from '../../contract';
import { sessionJson } from '../cookie-format';
import { ExperimentCard, type CardSpec, type Fact } from '../experiment-card';
import { findRow, SESSION } from '../experiments/facts';
import { answerFact, documentCookieFact, jarAttributesFact, sessionOf, setCookieLine, through, type ServerLabContext } from './context';
import { labApi } from './lab-api';

const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;
const DEFAULTS: CookieAttributes = { httpOnly: true, sameSite: 'lax', maxAgeMs: SEVEN_DAYS_MS };

export function AttributesCard({ ctx, hidden }: { ctx: ServerLabContext; hidden: boolean }) {
  const { lab } = ctx;

  /** Restarts the server with `attributes` (or the defaults), then counts a visit so the cookie is written again. */
  const switchTo = async (
    restart: () => Promise<ServerLabState>,
    extra: (before: string | undefined, facts: Fact[]) => Promise<Fact[]> | Fact[] = (_b, f) => f,
  ): Promise<Fact[]> => {
    ctx.showServer(await restart());
    const before = findRow(await lab.listCookies(), SESSION)?.value;
    const { result, wire } = await ctx.observe(() => through(ctx, labApi.countVisit, sessionOf));
    await ctx.refresh();
    const facts: Fact[] = [
      answerFact(result),
      { label: 'Set-Cookie on the wire', value: setCookieLine(wire) ?? '(none)', code: true },
      await jarAttributesFact(lab),
      documentCookieFact(),
    ];
    return extra(before, facts);
  };
  const attrs = (change: Partial<CookieAttributes>) => () => lab.setCookieAttributes({ ...DEFAULTS, ...change });

  const spec: CardSpec = {
    id: 'exp-attrs',
    number: 3,
    title: 'Attribute switches: HttpOnly, SameSite, Max-Age',
    lead: 'The server decides how the browser keeps the cookie. Each switch restarts it with one attribute changed, then counts a visit so the cookie is written again.',
    steps: [
      {
        title: 'Get a session',
        text: 'Log in with the defaults: HttpOnly, SameSite=Lax, seven days.',
        actions: [
          {
            label: 'Log in as grace',
            run: async () => {
              const answer = await through(ctx, () => labApi.login('grace'), sessionOf);
              return [answerFact(answer), await jarAttributesFact(lab), documentCookieFact()];
            },
          },
        ],
      },
      {
        title: 'HttpOnly off',
        text: 'Without HttpOnly, page scripts see the session in document.cookie.',
        actions: [{ label: 'Turn HttpOnly off', danger: true, run: () => switchTo(attrs({ httpOnly: false })) }],
      },
      {
        title: 'SameSite=Strict',
        text: 'HttpOnly back on; Strict: not even a link from another site carries the cookie.',
        actions: [{ label: 'SameSite=Strict', run: () => switchTo(attrs({ sameSite: 'strict' })) }],
      },
      {
        title: 'SameSite=None',
        text: 'None means “send it everywhere”, and browsers demand Secure with it. This server speaks plain HTTP.',
        actions: [
          {
            label: 'SameSite=None, no Secure',
            run: () =>
              switchTo(attrs({ sameSite: 'none' }), async (before, facts) => {
                const after = findRow(await lab.listCookies(), SESSION);
                const refused = after !== undefined && after.value === before;
                return [
                  ...facts,
                  refused
                    ? {
                        label: 'The browser',
                        value: `refused it (SameSite=None without Secure): the jar still holds ${sessionJson(after.value) ?? 'the old value'}, unchanged`,
                        tone: 'bad',
                      }
                    : { label: 'The browser', value: 'stored it', tone: 'neutral' },
                ];
              }),
          },
        ],
      },
      {
        title: 'No Max-Age',
        text: 'Without Max-Age or Expires the cookie is a browser-session cookie.',
        actions: [{ label: 'Session cookie', run: () => switchTo(attrs({ maxAgeMs: null })) }],
      },
      {
        title: 'Back to the defaults',
        text: 'HttpOnly, SameSite=Lax, seven days.',
        actions: [{ label: 'Restore the defaults', run: () => switchTo(() => lab.restoreServerDefaults()) }],
      },
    ],
    why: [
      'HttpOnly: with it off, any script in the page reads the session from document.cookie, so one XSS bug lets an attacker copy it and, as experiment 2 shows, replay it at will. Keep it on.',
      'SameSite: Lax (the default here) keeps the cookie off cross-site requests except top-level links; Strict drops it even then; None sends it everywhere and is only accepted with Secure, so on plain HTTP the browser refuses it without a word and keeps the old cookie.',
      'Max-Age: a persistent cookie outlives the app. Electron writes persistent cookies to disk (the lab flushes the store at quit); a session cookie lives in memory only, so after a restart you are logged out.',
    ],
  };
  return <ExperimentCard {...spec} hidden={hidden} />;
}
