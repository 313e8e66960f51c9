// Lab III, experiment 2: a copied cookie after logout, on both sides; and "log out everywhere".
import { useRef } from 'preact/hooks';
import { SESSION_COOKIE_NAME, SIGNATURE_COOKIE_NAME, type CookieRow } from '../../contract';
import { truncateMiddle } from '../cookie-format';
import { ExperimentCard, type CardSpec, type Fact } from '../experiment-card';
import { findRow } from '../experiments/facts';
import { on, refusalFact, replayOnBoth, SID, sideFact, stateOfSession, type Lab3Context } from './context';
import { clientSide, serverSide } from './lab3-api';

type Copies = Record<string, string>;

function copyOf(rows: readonly CookieRow[], names: readonly string[]): Copies {
  const copies: Copies = {};
  for (const name of names) {
    const row = findRow(rows, name);
    if (row === undefined) throw new Error(`There is no ${name} cookie in the jar to copy: log in first (step 1).`);
    copies[name] = row.value;
  }
  return copies;
}

export function RevocationCard({ ctx, hidden }: { ctx: Lab3Context; hidden: boolean }) {
  const { lab } = ctx;
  const copies = useRef<Copies | null>(null);
  const device1 = useRef<string | null>(null);

  const spec: CardSpec = {
    id: 'exp3-revoke',
    number: 2,
    title: 'Revocation: logging out for real',
    lead: 'Copy the cookies, log out, put the copies back. Which side still lets the copy in? And can you log a user out on every device?',
    steps: [
      {
        title: 'Log in and copy',
        text: 'Log in as judy on both sides and count a visit; then copy every session cookie from the jar, as malware or a shared computer would.',
        actions: [
          {
            label: 'Log in as judy and copy',
            primary: true,
            run: async () => {
              const facts: Fact[] = [];
              for (const api of [clientSide, serverSide]) {
                await on(ctx, api, (a) => a.login('judy'), stateOfSession);
                facts.push(sideFact(api, await on(ctx, api, (a) => a.countVisit(), stateOfSession)));
              }
              copies.current = copyOf(await lab.listCookies(), [SESSION_COOKIE_NAME, SIGNATURE_COOKIE_NAME, SID]);
              facts.push({ label: 'Copies taken', value: Object.keys(copies.current).join(', ') });
              return facts;
            },
          },
        ],
      },
      {
        title: 'Log out on both',
        text: 'Client-side, a logout writes a new cookie; server-side, it also destroys the record.',
        actions: [
          {
            label: 'Log out on both',
            run: async () => [
              sideFact(clientSide, await on(ctx, clientSide, (a) => a.logout(), stateOfSession)),
              sideFact(serverSide, await on(ctx, serverSide, (a) => a.logout(), stateOfSession)),
            ],
          },
        ],
      },
      {
        title: 'Put the copies back',
        text: 'Write the copies into the jar and ask each side who you are.',
        actions: [
          {
            label: 'Replay the copies',
            primary: true,
            run: async () => {
              if (copies.current === null) throw new Error('There are no copies yet: take them first (step 1).');
              return replayOnBoth(ctx, copies.current, ' copy', [clientSide, serverSide]);
            },
          },
        ],
      },
      {
        title: 'Two devices',
        text: 'Server-side: log in as judy, keep that cookie (device 1), then log in again from a clean jar (device 2). The store now holds two sessions of judy.',
        actions: [
          {
            label: 'Log in on two devices',
            run: async () => {
              await on(ctx, serverSide, (a) => a.login('judy'), stateOfSession);
              device1.current = copyOf(await lab.listCookies(), [SID])[SID]!;
              await lab.deleteCookie(SID);
              const second = await on(ctx, serverSide, (a) => a.login('judy'), stateOfSession);
              const device2 = copyOf(await lab.listCookies(), [SID])[SID]!;
              return [
                { label: 'Device 1', value: truncateMiddle(decodeURIComponent(device1.current), 44), code: true },
                { label: 'Device 2', value: truncateMiddle(decodeURIComponent(device2), 44), code: true },
                sideFact(serverSide, second, ' on device 2'),
              ];
            },
          },
        ],
      },
      {
        title: 'Log out everywhere',
        text: 'From device 2, end every session of judy; then device 1 comes back with its cookie. Client-side, try the same.',
        actions: [
          {
            label: 'Log out everywhere',
            danger: true,
            run: async () => {
              if (device1.current === null) throw new Error('Log in on two devices first (step 4).');
              const ended = await serverSide.logoutEverywhere();
              await ctx.refresh();
              await lab.putCookieBack(SID, device1.current);
              const back = await on(ctx, serverSide, (a) => a.session(), stateOfSession);
              let client: Fact;
              try {
                await clientSide.logoutEverywhere();
                client = { label: 'Client-side', value: 'ended every session', tone: 'good' };
              } catch (err) {
                client = refusalFact('Client-side', err, 'bad');
              }
              return [
                { label: 'Server-side', value: `ended ${ended.data.ended} session${ended.data.ended === 1 ? '' : 's'} of judy`, tone: 'good' },
                { ...sideFact(serverSide, back, ': device 1 comes back'), tone: back.data.loggedIn ? 'bad' : 'good' },
                client,
              ];
            },
          },
        ],
      },
    ],
    why: [
      'Client-side, there is nothing on the server to delete: the copy carries the whole session and a valid signature, so it is still logged in (Lab II showed expiry can only bound how long). Only a new key ends every session at once.',
      'Server-side, a logout destroys the record: the copied ID now points at nothing, and the server treats it as no session. The store also knows every session of a user, so “log out everywhere” is one delete: a stolen cookie, a lost phone, a changed password.',
    ],
  };
  return <ExperimentCard {...spec} hidden={hidden} />;
}
