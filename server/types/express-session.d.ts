// The part of express-session's API the server-side engine uses, typed here
// rather than by @types/express-session, whose global augmentation retypes
// Express's `req.session` for every request: this app runs cookie-session's
// engine too, and its routes see one plain session object whichever runs
// (server/session/session-engine.ts).
declare module 'express-session' {
  import type { EventEmitter } from 'node:events';
  import type { IncomingMessage } from 'node:http';
  import type { RequestHandler } from 'express';

  namespace session {
    /** The cookie's options as express-session keeps them in each record. */
    interface CookieOptions {
      maxAge?: number | null;
      expires?: Date | null;
      httpOnly?: boolean;
      path?: string;
      domain?: string;
      secure?: boolean | 'auto';
      sameSite?: boolean | 'lax' | 'strict' | 'none';
    }

    class Cookie implements CookieOptions {
      constructor(options?: CookieOptions);
      maxAge: number | null;
      originalMaxAge: number | null;
      expires: Date | null;
      httpOnly: boolean;
      path: string;
      secure?: boolean | 'auto';
      sameSite?: boolean | 'lax' | 'strict' | 'none';
      /** The options cookie.serialize is given. */
      readonly data: CookieOptions;
    }

    /** What a store keeps: the cookie's options, and whatever the app put in. */
    interface SessionData {
      cookie: Cookie;
      [key: string]: unknown;
    }

    type StoreCallback<T = void> = (err?: unknown, value?: T) => void;

    class Session {
      constructor(req: IncomingMessage, data?: object);
      readonly id: string;
      cookie: Cookie;
      [key: string]: unknown;
      regenerate(callback: (err?: unknown) => void): this;
      destroy(callback: (err?: unknown) => void): this;
      reload(callback: (err?: unknown) => void): this;
      save(callback?: (err?: unknown) => void): this;
      touch(): this;
      resetMaxAge(): this;
    }

    /** A connect-style store: every method takes a callback. */
    abstract class Store extends EventEmitter {
      abstract get(sid: string, callback: StoreCallback<SessionData | null>): void;
      abstract set(sid: string, session: SessionData, callback?: StoreCallback): void;
      abstract destroy(sid: string, callback?: StoreCallback): void;
      all?(callback: StoreCallback<SessionData[] | Record<string, SessionData> | null>): void;
      length?(callback: StoreCallback<number>): void;
      clear?(callback?: StoreCallback): void;
      touch?(sid: string, session: SessionData, callback?: StoreCallback): void;
      regenerate(req: IncomingMessage, callback: (err?: unknown) => void): void;
      load(sid: string, callback: StoreCallback<Session>): void;
      createSession(req: IncomingMessage, session: SessionData): Session;
      /** Put on the store by the middleware: a new ID and an empty session on `req`. */
      generate?(req: IncomingMessage): void;
    }

    class MemoryStore extends Store {
      /** Each session's JSON, by ID. */
      sessions: Record<string, string>;
      get(sid: string, callback: StoreCallback<SessionData | null>): void;
      set(sid: string, session: SessionData, callback?: StoreCallback): void;
      destroy(sid: string, callback?: StoreCallback): void;
      all(callback: StoreCallback<Record<string, SessionData> | null>): void;
      length(callback: StoreCallback<number>): void;
      clear(callback?: StoreCallback): void;
      touch(sid: string, session: SessionData, callback?: StoreCallback): void;
    }

    interface SessionOptions {
      secret: string | string[];
      name?: string;
      store?: Store;
      cookie?: CookieOptions;
      genid?(req: IncomingMessage): string;
      resave?: boolean;
      saveUninitialized?: boolean;
      rolling?: boolean;
      unset?: 'destroy' | 'keep';
      proxy?: boolean;
    }
  }

  function session(options: session.SessionOptions): RequestHandler;
  export = session;
}
