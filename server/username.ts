// Validates the username a person types into the login form.

export const MAX_USERNAME_LENGTH = 64;

export type UsernameCheck = { ok: true; username: string } | { ok: false; error: string };

// Control characters, lone surrogates and unassigned code points cannot be
// shown faithfully; format characters (emoji joiners) are fine.
const UNPRINTABLE = /[\p{Cc}\p{Cs}\p{Cn}\p{Zl}\p{Zp}]/u;

export function checkUsername(raw: unknown): UsernameCheck {
  if (raw === undefined || raw === null) return { ok: false, error: 'Username is required.' };
  if (typeof raw !== 'string') return { ok: false, error: 'Username must be text.' };
  const username = raw.trim();
  if (username === '') return { ok: false, error: 'Username is required.' };
  if ([...username].length > MAX_USERNAME_LENGTH) {
    return { ok: false, error: `Username must be at most ${MAX_USERNAME_LENGTH} characters.` };
  }
  if (UNPRINTABLE.test(username) || !username.isWellFormed()) {
    return { ok: false, error: 'Username may only contain printable characters.' };
  }
  return { ok: true, username };
}
