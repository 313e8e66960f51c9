// The seed's nine-step tutorial flow as a table, run against every kind of session and store.
import { expect } from 'vitest';
import { paragraphs, type BrowserClient, type Reply } from './browser-client';

export interface FlowStep {
  what: string;
  send: (c: BrowserClient) => Promise<Reply>;
  status: number;
  /** The page's paragraphs. */
  says?: string[];
  /** The redirect's target. */
  location?: string;
}

/** Home, login form, login, home, counter ×2, logout, home, counter. */
export const NINE_STEPS: readonly FlowStep[] = [
  { what: 'home', send: (c) => c.get('/'), status: 200, says: ['You are not logged in'] },
  { what: 'login form', send: (c) => c.get('/login'), status: 200 },
  { what: 'login', send: (c) => c.postForm('/login', { username: 'alice' }), status: 302, location: '/' },
  { what: 'home', send: (c) => c.get('/'), status: 200, says: ['Logged in as alice'] },
  { what: 'counter', send: (c) => c.get('/counter'), status: 200, says: ['Number of visits: 1'] },
  { what: 'counter', send: (c) => c.get('/counter'), status: 200, says: ['Number of visits: 2'] },
  { what: 'logout', send: (c) => c.get('/logout'), status: 302, location: '/' },
  { what: 'home', send: (c) => c.get('/'), status: 200, says: ['You are not logged in'] },
  // Like Flask's session.pop('username'): the count survives the logout.
  { what: 'counter', send: (c) => c.get('/counter'), status: 200, says: ['Number of visits: 3'] },
];

/** Runs the steps in order, each checked as the person would read it. */
export async function runFlow(c: BrowserClient, steps: readonly FlowStep[] = NINE_STEPS): Promise<void> {
  for (const [i, step] of steps.entries()) {
    const res = await step.send(c);
    const where = `step ${i + 1} (${step.what})`;
    expect(res.status, where).toBe(step.status);
    expect(res.text.includes('<form method="post" action="/login">'), where).toBe(step.what === 'login form');
    if (step.says) expect(paragraphs(res.text), where).toEqual(step.says);
    if (step.location) expect(res.headers.get('location'), where).toBe(step.location);
  }
}
