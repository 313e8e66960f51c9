// What a server that must not go on answers instead of the app: a 503 page with no scripts.
//
// When a lab restart fails, the old app (old keys, old settings) must not keep
// serving as if nothing happened, and the window must not keep a live page.
// Every request gets this: the reason in plain text, a CSP that lets nothing
// run or load, and no cookie is read or set.
import type http from 'node:http';
import escapeHtml from 'escape-html';

const INERT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function inertPage(reason: string): http.RequestListener {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Session Lab stopped</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}</style></head>
<body><h1>The lab server stopped</h1><p>${escapeHtml(reason)}</p></body>
</html>
`;
  const json = JSON.stringify({ error: reason });
  return (req, res) => {
    // The body is not wanted: drain it so the connection can be reused or closed cleanly.
    req.resume();
    const wantsJson = (req.url ?? '').startsWith('/api/');
    res.writeHead(503, {
      'Content-Type': wantsJson ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
      'Content-Security-Policy': INERT_CSP,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(wantsJson ? json : html);
  };
}
