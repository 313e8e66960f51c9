// The /counter throughput `npm run bench --only sessions` measured (scripts/bench/sessions.ts), quoted by Lab III's cost card.
// These are the README's figures (Performance, "Sessions: client-side and server-side"); a new bench run updates both.

export interface BenchFigure {
  requestsPerSecond: number;
  p99Ms: number;
}

export const SESSION_BENCH = {
  /** When and where, as the README's table says. */
  measured: 'PENDING',
  client: { requestsPerSecond: 0, p99Ms: 0 } as BenchFigure,
  sqlite: { requestsPerSecond: 0, p99Ms: 0 } as BenchFigure,
  redis: { requestsPerSecond: 0, p99Ms: 0 } as BenchFigure,
};
