// What counts as printable text in names and titles people type.

// Control characters, lone surrogates and unassigned code points cannot be
// shown faithfully; format characters (emoji joiners) are fine.
const UNPRINTABLE = /[\p{Cc}\p{Cs}\p{Cn}\p{Zl}\p{Zp}]/u;

export function isPrintable(text: string): boolean {
  return text.isWellFormed() && !UNPRINTABLE.test(text);
}
