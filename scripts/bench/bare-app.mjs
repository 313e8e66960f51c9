// The floor Session Lab stands on: bare Express 5 + cookie-session with the same
// GET /counter logic and the same page bytes, and none of the project's own layers
// (host and cross-site guards, helmet headers, no-store, cookie-size check, key
// rotation, body parsers, the other routers, 404 and error pages). And a second
// floor, the bare app behind the hardening the design requires (createHardenedApp).
import { createRequire } from 'node:module';
import path from 'node:path';
import express from 'express';
import cookieSession from 'cookie-session';
import escapeHtml from 'escape-html';

// Same cookie attributes as server/session-cookie.ts, so Set-Cookie is byte-identical in shape.
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

// server/pages.ts's layout, inlined so the two apps send the same body.
const NAV = [
  ['/', 'Home'],
  ['/login', 'Log in'],
  ['/logout', 'Log out'],
  ['/counter', 'Counter'],
  ['/lab/', 'Open the lab'],
]
  .map(([href, label]) => `<a href="${href}">${label}</a>`)
  .join(' · ');

function counterPage(visits) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml('Counter')} · Session Lab</title>
</head>
<body>
<main>
<p>${escapeHtml(`Number of visits: ${visits}`)}</p>
</main>
<nav aria-label="Tutorial pages">${NAV}</nav>
</body>
</html>
`;
}

/** The same cookie-session and GET /counter in both floors. @param {import('express').Express} app @param {string[]} keys */
/**
 * @param {import('express').Express} app
 * @param {string[]} keys
 * @param {import('express').RequestHandler[]} guards route-level middleware before the handler
 */
function addCounter(app, keys, guards = []) {
  app.use(cookieSession({ name: 'lab_session', keys, httpOnly: true, sameSite: 'lax', maxAge: MAX_AGE_MS }));
  app.get('/counter', ...guards, (req, res) => {
    const visits = Number.isSafeInteger(req.session.visits) && req.session.visits >= 0 ? req.session.visits + 1 : 1;
    req.session.visits = visits;
    res.type('html').send(counterPage(visits));
  });
  return app;
}

/** @param {string[]} keys */
export function createBareApp(keys) {
  return addCounter(express(), keys);
}

/**
 * The floor with the hardening DESIGN.md's security rules require of every
 * response to GET /counter, taken from the built server so it costs exactly
 * what ours pays: x-powered-by off, the Host check (DNS rebinding), the
 * cross-site check (GET /counter changes state), helmet's headers with the
 * strict CSP, and Cache-Control: no-store. Ours minus this floor is what the
 * lab's own layers cost (warning log, cookie-size check, routers, lab page, 404).
 * One app, not the bare app mounted inside: a sub-app adds a dispatch and its own X-Powered-By.
 * @param {string[]} keys
 */
export function createHardenedApp(keys) {
  const dist = (file) => createRequire(import.meta.url)(path.resolve(import.meta.dirname, '../../dist/server', file));
  const { hostGuard } = dist('http/host-guard.js');
  const { noStore, securityHeaders } = dist('http/security-headers.js');
  const { crossSiteGuard, sameSiteOnly } = dist('http/cross-site-guard.js');
  const app = express();
  app.disable('x-powered-by');
  app.use(hostGuard(), securityHeaders(), crossSiteGuard(), noStore);
  // As ours: GET /counter changes the session, so its route carries the same-site check.
  return addCounter(app, keys, [sameSiteOnly()]);
}
