// What counts as printable text in names and titles people type, and what could disguise a name.

// Control characters, lone surrogates and unassigned code points cannot be
// shown faithfully; format characters (emoji joiners) are fine in a title.
const UNPRINTABLE = /[\p{Cc}\p{Cs}\p{Cn}\p{Zl}\p{Zp}]/u;

export function isPrintable(text: string): boolean {
  return text.isWellFormed() && !UNPRINTABLE.test(text);
}

// Format characters (Cf) draw nothing themselves: bidi overrides and isolates
// (U+202A-202E, U+2066-2069) reorder what follows, so "alice\u202Eecila" reads
// as another name; zero-width spaces and joiners (U+200B-200D, U+2060, U+FEFF)
// make two different names look the same. A zero-width joiner inside an emoji
// sequence (👩‍💻) is what it is for, so it alone is allowed, between pictographs.
const FORMAT = /\p{Cf}/gu;
const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}\uFE0F?)\u200D(?=\p{Extended_Pictographic})/gu;

/** The first invisible or text-direction character in `text` that could disguise it, as "U+XXXX", or null. */
export function disguisingCharacter(text: string): string | null {
  const found = text.replace(EMOJI_JOINER, '').match(FORMAT);
  if (found === null) return null;
  return `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
