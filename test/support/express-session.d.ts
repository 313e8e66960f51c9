// express-session's own types (@types/express-session) re-type every Express
// request's `session`, which is cookie-session's in this project; the auditor's
// tests need only the middleware factory, declared here.
declare module 'express-session' {
  import type { RequestHandler } from 'express';
  interface Options {
    secret: string;
    resave: boolean;
    saveUninitialized: boolean;
  }
  function session(options: Options): RequestHandler;
  export default session;
}
