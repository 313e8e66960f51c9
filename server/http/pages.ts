// The tutorial's HTML pages. Every value that reaches them is escaped here.
import escapeHtml from 'escape-html';

export interface PageOptions {
  title: string;
  /** Paragraphs of plain text; escaped. */
  lines: string[];
  status?: 'ok' | 'error';
}

const NAV: [string, string][] = [
  ['/', 'Home'],
  ['/login', 'Log in'],
  ['/logout', 'Log out'],
  ['/counter', 'Counter'],
  ['/lab/', 'Open the lab'],
];

function layout(title: string, body: string): string {
  const nav = NAV.map(([href, label]) => `<a href="${href}">${label}</a>`).join(' · ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Session Lab</title>
</head>
<body>
<main>
${body}
</main>
<nav aria-label="Tutorial pages">${nav}</nav>
</body>
</html>
`;
}

export function textPage({ title, lines, status = 'ok' }: PageOptions): string {
  const role = status === 'error' ? ' role="alert"' : '';
  const body = lines.map((line) => `<p${role}>${escapeHtml(line)}</p>`).join('\n');
  return layout(title, body);
}

export function loginFormPage(error?: string): string {
  const alert = error === undefined ? '' : `<p role="alert">${escapeHtml(error)}</p>\n`;
  return layout(
    'Log in',
    `${alert}<form method="post" action="/login">
<p><label for="username">Username</label> <input type="text" id="username" name="username" autocomplete="username" required></p>
<p><input type="submit" value="Login"></p>
</form>`,
  );
}
