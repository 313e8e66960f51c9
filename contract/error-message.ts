// The sentence of anything thrown, for a person to read: an Error's message, or the value as text.
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
