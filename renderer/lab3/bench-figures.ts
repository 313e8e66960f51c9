// The /counter throughput `npm run bench -- --only sessions` measured (scripts/bench/sessions.ts), quoted by Lab III's cost card.
// These are the README's figures (Lab III, "The two kinds, measured"); a new bench run updates both.

export interface BenchFigure {
  requestsPerSecond: number;
  p99Ms: number;
}

export const SESSION_BENCH = {
  /** When and where, as the README's table says. */
  measured: '1 Dec 2026, 2 vCPUs (AMD EPYC), Node 24.21, 32 connections, median of 6 runs of 10 s each',
  client: { requestsPerSecond: 9744, p99Ms: 14 } as BenchFigure,
  sqlite: { requestsPerSecond: 7841, p99Ms: 16 } as BenchFigure,
  redis: { requestsPerSecond: 10625, p99Ms: 18 } as BenchFigure,
};
