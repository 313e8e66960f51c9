// Errors that carry their HTTP status and a message safe to show the client.

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface StatusLike {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  expose?: unknown;
  message?: unknown;
  limit?: unknown;
}

/**
 * Maps anything thrown in a request to a status and a message for the client.
 * Only errors meant for the client (4xx from our code or body-parser) keep their
 * words; everything else becomes a plain 500 sentence, never a stack.
 */
export function publicError(err: unknown): { status: number; message: string } {
  if (err instanceof HttpError) return { status: err.status, message: err.message };
  const e = (typeof err === 'object' && err !== null ? err : {}) as StatusLike;
  const status = Number(e.status ?? e.statusCode);
  switch (e.type) {
    case 'entity.too.large':
      return { status: 413, message: `The request body is too large (the limit is ${formatBytes(e.limit)}).` };
    case 'entity.parse.failed':
      return { status: 400, message: 'The request body is malformed: it could not be parsed.' };
    case 'entity.verify.failed':
    case 'request.aborted':
    case 'request.size.invalid':
      return { status: 400, message: 'The request body is malformed.' };
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return { status: 415, message: 'The request body uses an unsupported character set or encoding.' };
    case 'parameters.too.many':
      return { status: 413, message: 'The request body has too many fields.' };
  }
  if (Number.isInteger(status) && status >= 400 && status < 500) {
    const message = e.expose === true && typeof e.message === 'string' ? e.message : 'Bad request.';
    return { status, message };
  }
  return { status: 500, message: 'Something went wrong in the server. The error was logged.' };
}

function formatBytes(limit: unknown): string {
  return typeof limit === 'number' ? `${limit} bytes` : 'the configured size';
}
