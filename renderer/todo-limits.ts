// The to-do title limit as the window shows it. The server enforces its own copy
// (server/todo-input.ts); test/renderer/todo-limits.test.ts keeps the two equal,
// so the renderer need not import server internals.

export const MAX_TITLE_LENGTH = 200;

/** Characters as a person counts them (code points), the way the server counts. */
export function characterCount(text: string): number {
  return [...text].length;
}
