// One thread's cracking: for each candidate and each key form, derive each key
// schedule once, then run every unsolved cookie's checks that share it.
import type { Primitives } from '../crypto/primitives';
import type { AuditTarget, Hypothesis, KeySchedule } from '../formats/format';
import { readTarget } from '../formats/registry';
import { forEachKeyForm, type KeyForm } from './key-forms';

export interface CoreHit {
  target: number;
  /** The candidate as it was in the list. */
  candidate: Uint8Array;
  form: KeyForm;
  /** The key the form gave (the candidate itself for "raw"). */
  key: Uint8Array;
  variant: string;
}

interface Group {
  schedule: KeySchedule;
  checks: Array<{ target: number; hypothesis: Hypothesis }>;
}

export class CrackCore {
  readonly solved: boolean[];
  /** Keys tried: every form of every candidate, the figure guesses per second counts. */
  keys = 0;
  private readonly groups: Group[];
  private unsolved: number;

  constructor(
    targets: readonly AuditTarget[],
    private readonly forms: ReadonlySet<KeyForm>,
    private readonly p: Primitives,
  ) {
    const bySchedule = new Map<string, Group>();
    this.solved = targets.map(() => false);
    targets.forEach((t, target) => {
      const found = readTarget(t);
      const hypotheses = found ? found.format.hypotheses(found.parsed) : [];
      if (hypotheses.length === 0) this.solved[target] = true; // nothing to check: never "found"
      for (const hypothesis of hypotheses) {
        let g = bySchedule.get(hypothesis.schedule.id);
        if (!g) bySchedule.set(hypothesis.schedule.id, (g = { schedule: hypothesis.schedule, checks: [] }));
        g.checks.push({ target, hypothesis });
      }
    });
    this.groups = [...bySchedule.values()];
    this.unsolved = this.solved.filter((s) => !s).length;
  }

  get done(): boolean {
    return this.unsolved === 0;
  }

  markSolved(target: number): void {
    if (this.solved[target] === false) {
      this.solved[target] = true;
      this.unsolved--;
    }
  }

  /** Tries every form of one candidate; returns the hits (each cookie stops at its first). */
  tryCandidate(candidate: Uint8Array): CoreHit[] | null {
    let hits: CoreHit[] | null = null;
    forEachKeyForm(candidate, this.forms, (secret, form) => {
      this.keys++;
      for (const g of this.groups) {
        let derived: Uint8Array | null | undefined;
        for (const { target, hypothesis } of g.checks) {
          if (this.solved[target]) continue;
          if (derived === undefined) derived = g.schedule.derive(secret, this.p);
          if (derived === null) break;
          if (hypothesis.check(derived, this.p)) {
            this.markSolved(target);
            (hits ??= []).push({ target, candidate: Uint8Array.from(candidate), form, key: Uint8Array.from(secret), variant: hypothesis.variant });
          }
        }
      }
      return this.unsolved === 0;
    });
    return hits;
  }
}
