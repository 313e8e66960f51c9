// The Flask tutorial's routes, same paths and same sentences.
import { Router } from 'express';
import { checkUsername } from '../session/username';
import { loginMessage, nextVisits, usernameOf, visitsMessage } from '../session/session-state';
import { sameSiteOnly } from '../http/cross-site-guard';
import { loginFormPage, textPage } from '../http/pages';

export function tutorialRoutes(): Router {
  const router = Router();
  // These two GETs change the session, so another site may not start them (cross-site-guard.ts).
  const changesSession = sameSiteOnly();

  router.get('/', (req, res) => {
    res.type('html').send(textPage({ title: 'Home', lines: [loginMessage(usernameOf(req.session))] }));
  });

  router.get('/login', (_req, res) => {
    res.type('html').send(loginFormPage());
  });

  router.post('/login', (req, res) => {
    const body: unknown = req.body;
    const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).username : undefined;
    const check = checkUsername(raw);
    if (!check.ok) {
      res.status(400).type('html').send(loginFormPage(check.error));
      return;
    }
    req.session!.username = check.username;
    res.redirect(302, '/');
  });

  router.get('/logout', changesSession, (req, res) => {
    // Like Flask's session.pop('username', None): the visit count stays.
    if (req.session && 'username' in req.session) delete req.session.username;
    res.redirect(302, '/');
  });

  router.get('/counter', changesSession, (req, res) => {
    const visits = nextVisits(req.session);
    req.session!.visits = visits;
    res.type('html').send(textPage({ title: 'Counter', lines: [visitsMessage(visits)] }));
  });

  return router;
}
