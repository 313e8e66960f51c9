// The 404 and error responses: a clear sentence, never a stack.
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { HttpError, publicError } from './http-error';
import { errorBody } from './json-answer';
import { textPage } from './pages';

function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/');
}

function send(req: Request, res: Response, status: number, message: string): void {
  res.status(status);
  if (wantsJson(req)) res.json(errorBody(message));
  else res.type('html').send(textPage({ title: `Error ${status}`, lines: [message], status: 'error' }));
}

export function notFound(): RequestHandler {
  return (req, res) => {
    send(req, res, 404, `Not found: ${req.method} ${req.path}`);
  };
}

export function errorHandler(log: (message: string) => void = console.error): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const { status, message } = publicError(err);
    // An HttpError is a deliberate answer that already says what happened (a
    // 503 "to-dos unavailable" would otherwise log a stack on every request).
    if (status >= 500 && !(err instanceof HttpError))
      log(`Session Lab: ${req.method} ${req.path} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    send(req, res, status, message);
  };
}
