// Validates the username a person types into the login form.
import { characterCount, MAX_USERNAME_LENGTH } from '../../contract';
import { disguisingCharacter, isPrintable } from '../printable-text';

export type UsernameCheck = { ok: true; username: string } | { ok: false; error: string };

export function checkUsername(raw: unknown): UsernameCheck {
  if (raw === undefined || raw === null) return { ok: false, error: 'Username is required.' };
  if (typeof raw !== 'string') return { ok: false, error: 'Username must be text.' };
  const username = raw.trim();
  if (username === '') return { ok: false, error: 'Username is required.' };
  if (characterCount(username) > MAX_USERNAME_LENGTH) {
    return { ok: false, error: `Username must be at most ${MAX_USERNAME_LENGTH} characters.` };
  }
  if (!isPrintable(username)) {
    return { ok: false, error: 'Username may only contain printable characters.' };
  }
  const disguise = disguisingCharacter(username);
  if (disguise !== null) {
    return {
      ok: false,
      error: `Username may not contain invisible or text-direction characters (it has ${disguise}): they can make one name look like another.`,
    };
  }
  return { ok: true, username };
}
