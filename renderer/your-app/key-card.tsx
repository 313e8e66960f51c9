// The Your app tab's signing-key card: the shared key card (renderer/audit/key-card.tsx)
// on the tab's verbs, cracking with the built-in list only.
import { useMemo } from 'preact/hooks';
import type { DecoderCrackProgress, TargetCrackProgress, TargetInspection } from '../../contract';
import { KeyCard as SharedKeyCard, type FoundKeyItem, type KeyCardActions, type KeyCardText } from '../audit/key-card';
import { useStore } from '../store';
import { cookieKey } from './target-cookies';
import type { TargetModel } from './target-model';

const TEXT: KeyCardText = {
  keyLabel: 'Your app’s secret key',
  keyHint:
    'It goes to the main process and stays in its memory until you forget it or quit: never written to disk, never sent back to any page, never in an export.',
  listsHint:
    'Tries the built-in list (tutorial and framework example keys, the Flask-Unsign list, common passwords) against every signed cookie, offline, on worker threads.',
  nothingToCrack: 'No cookie here carries a signature a key could be tried against. Log in to your app first.',
};

/** The tab's crack is the built-in list's: its progress in the card's terms. */
const asListProgress = (p: TargetCrackProgress | null): DecoderCrackProgress | null =>
  p === null ? null : { ...p, list: 'built-in', bytesRead: 0, bytesTotal: null };

export function KeyCard({ model }: { model: TargetModel }) {
  const { lab } = model;
  const inspection = useStore(model.inspection);
  const progress = useStore(model.progress);
  const actions = useMemo<KeyCardActions<TargetInspection>>(
    () => ({
      setKey: (key, encoding) => lab.setTargetKey(key, encoding),
      forgetKey: () => lab.forgetTargetKey(),
      show: (answer) => model.inspection.set(answer),
      crack: async () => {
        model.progress.set(null);
        return { ...(await lab.crackTargetKeys()), list: 'built-in', fileName: null, overlong: 0 };
      },
      stop: () => lab.stopTargetCrack(),
      afterCrack: () => model.refresh(),
    }),
    [model],
  );
  const found = (inspection?.cookies ?? []).flatMap((c): FoundKeyItem[] =>
    c.weakKey === null ? [] : [{ id: cookieKey(c), cookie: c.cookie.name, where: c.cookie.domain.replace(/^\./, ''), key: c.weakKey }],
  );
  return (
    <SharedKeyCard
      idPrefix="target"
      text={TEXT}
      keyStatus={inspection?.key ?? { set: false, encoding: null, bytes: 0 }}
      found={found}
      progress={asListProgress(progress)}
      lists={['built-in']}
      actions={actions}
    />
  );
}
