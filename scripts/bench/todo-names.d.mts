// Types for todo-names.mjs, plain JavaScript so the bench's Node children can import it without a build step.

export function benchUser(u: number): string;
export function benchTitle(u: number, i: number): string;
