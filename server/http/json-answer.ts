// Sends a JSON API answer typed by the contract's route map, so the server and the window agree on its shape.
import type { Response } from 'express';
import type { ErrorBody, ResponseBody, Route } from '../../contract';

/** Answers `route` with `body` (a 2xx status, 200 by default). The route names which answer type applies. */
export function answer<R extends Route>(res: Response, _route: R, body: ResponseBody<R>, status = 200): void {
  if (body === null) res.status(status).end();
  else res.status(status).json(body);
}

/** The body every refusal carries. */
export function errorBody(message: string): ErrorBody {
  return { error: message };
}
