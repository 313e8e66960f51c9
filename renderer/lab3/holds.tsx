// Lab III, experiment 1: the same login on both sides; the cookie holds the payload on one, an opaque ID on the other.
import { ExperimentCard, type CardSpec, type Fact } from '../experiment-card';
import { jarFacts, on, sideFact, stateOfSession, storeFacts, type Lab3Context } from './context';
import { clientSide, serverSide } from './lab3-api';

export function HoldsCard({ ctx, hidden }: { ctx: Lab3Context; hidden: boolean }) {
  const logInBoth = async (): Promise<Fact[]> => {
    const facts: Fact[] = [];
    for (const api of [clientSide, serverSide]) {
      await on(ctx, api, (a) => a.login('ivy'), stateOfSession);
      facts.push(sideFact(api, await on(ctx, api, (a) => a.countVisit(), stateOfSession)));
    }
    return facts;
  };
  const spec: CardSpec = {
    id: 'exp3-holds',
    number: 1,
    title: 'What each side holds',
    lead: 'The same login and visit on both sides. Client-side, the cookie is the session; server-side, the cookie holds only an ID and the session stays in the store.',
    steps: [
      {
        title: 'Log in on both sides',
        text: 'Log in as ivy and count a visit, client-side and server-side.',
        actions: [{ label: 'Log in as ivy on both', primary: true, run: logInBoth }],
      },
      {
        title: 'Look inside',
        text: 'What the browser holds for each side, and what the server-side store holds, read from the store itself by the main process.',
        actions: [{ label: 'Show the cookies and the store', run: async () => [...(await jarFacts(ctx.lab)), ...(await storeFacts(ctx.lab))] }],
      },
    ],
    why: [
      'Client-side (cookie-session, like Flask): lab_session is base64 of the session’s JSON. Anyone holding the cookie can read it; only the key holder can change it (the .sig).',
      'Server-side (express-session): lab_sid is `s:` + a random ID + its HMAC, URL-encoded. It says nothing about you; the username and the count are in the store, where the browser cannot read them. The signature only stops a guessed ID from being tried; the ID itself is the secret.',
    ],
  };
  return <ExperimentCard {...spec} hidden={hidden} />;
}
