// What a person should read of a refusal: the error's own sentence.

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
