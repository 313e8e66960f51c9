// Logs the session warnings whenever a response writes the session cookie.
import type { RequestHandler } from 'express';
import onHeaders from 'on-headers';
import { sessionWarnings } from './session-warnings';

export function logSessionWarnings(cookieName: string, warn: (message: string) => void): RequestHandler {
  return (req, res, next) => {
    onHeaders(res, () => {
      const setCookie = res.getHeader('Set-Cookie');
      const cookies = Array.isArray(setCookie) ? setCookie : typeof setCookie === 'string' ? [setCookie] : [];
      // originalUrl: inside a mounted router req.path has lost its prefix.
      // Only when the session is (re)written: reading a big session is not news.
      if (!req.session || !cookies.some((c) => c.startsWith(`${cookieName}=`) && !c.startsWith(`${cookieName}=;`))) return;
      for (const w of sessionWarnings(cookieName, req.session)) warn(`Session Lab: ${req.method} ${req.originalUrl.split('?')[0] ?? ''}: ${w.message}`);
    });
    next();
  };
}
