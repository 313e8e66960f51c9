// Recognises Node's system errors (ENOENT, EEXIST, …) by their code.

export function isErrno(err: unknown, code: string): err is NodeJS.ErrnoException {
  return typeof err === 'object' && err !== null && (err as NodeJS.ErrnoException).code === code;
}
