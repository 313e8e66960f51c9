// Real web apps for the Your app tab's end-to-end tests, each on a free port of
// 127.0.0.1, started and stopped by the test: the Flask sessions tutorial (run by
// Debian's python3, which has python3-flask) and an express-session app.
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import express from 'express';
import session from 'express-session';

export interface TargetApp {
  url: string;
  close(): Promise<void>;
}

/** Debian's python3: python3-flask is installed for it (.ci/run does), not for a pyenv python3 on PATH. */
export const DEBIAN_PYTHON = '/usr/bin/python3';
const FLASK_APP = path.join(__dirname, 'apps', 'flask_tutorial.py');

/** The Flask tutorial's app with its weak `secret_key = 'your_very_secret_key'`. */
export function startFlaskTutorial(): Promise<TargetApp> {
  const child = spawn(DEBIAN_PYTHON, [FLASK_APP], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = `${stderr}${chunk.toString()}`.slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise<TargetApp>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`The Flask tutorial app did not start in 15 s: ${stderr.trim() || 'no output'}`));
    }, 15_000);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`Cannot run ${DEBIAN_PYTHON} (${err.message}): apt-get install python3-flask; .ci/run does.`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The Flask tutorial app exited (${code}) before listening: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
    });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const url = /^Listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
      if (url === undefined) {
        void close();
        reject(new Error(`The Flask tutorial app said "${line}" instead of its address.`));
        return;
      }
      resolve({ url, close });
    });
  });
}

/** express-session's README secret, "keyboard cat": on every list of known weak keys. */
export const EXPRESS_SESSION_SECRET = 'keyboard cat';

/** The tutorial's flow on Express with express-session: the data in a server-side store, only its ID in connect.sid. */
export async function startExpressSessionApp(): Promise<TargetApp> {
  const app = express();
  app.set('x-powered-by', false);
  app.use(session({ secret: EXPRESS_SESSION_SECRET, resave: false, saveUninitialized: false }));
  // cookie-session's typings own req.session in this project; express-session's is this shape.
  const sessionOf = (req: express.Request) => req.session as unknown as { username?: string; destroy(done: () => void): void };
  app.get('/', (req, res) => {
    const username = sessionOf(req).username;
    res.type('text/plain').send(username === undefined ? 'You are not logged in' : `Logged in as ${username}`);
  });
  app.get('/login', (_req, res) => {
    res
      .type('text/html')
      .send(
        '<!doctype html><title>Log in</title><form method="post"><p><input type=text name=username aria-label=Username><p><input type=submit value=Login></form>',
      );
  });
  app.post('/login', express.urlencoded({ extended: false }), (req, res) => {
    sessionOf(req).username = String((req.body as { username?: unknown }).username ?? '');
    res.redirect('/');
  });
  app.get('/logout', (req, res) => sessionOf(req).destroy(() => res.redirect('/')));
  // A page that tries what a hostile app would: find a bridge, open windows, download, go to the lab.
  app.get('/hostile', (req, res) => {
    const lab = String(req.query.lab ?? '');
    const attr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    res.type('text/html').send(`<!doctype html><title>Hostile page</title>
<p id="seen"></p>
<button id="popup" onclick="window.open('https://example.com/phish')">Open a window</button>
<a id="download" href="/download">Download</a>
<a id="to-lab" href="${attr(lab)}/lab/">The lab</a>
<script>
  document.getElementById('seen').textContent = JSON.stringify({
    sessionLab: typeof window.sessionLab,
    binding: typeof window.__sessionLabCall,
    require: typeof window.require,
    process: typeof window.process,
    keptBefore: localStorage.getItem('kept'),
  });
  localStorage.setItem('kept', 'yes');
</script>`);
  });
  app.get('/download', (_req, res) => {
    res.attachment('report.csv').type('text/csv').send('a,b\n1,2\n');
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
