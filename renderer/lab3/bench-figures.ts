// The /counter throughput `npm run bench -- --only sessions` measured (scripts/bench/sessions.ts), quoted by Lab III's cost card.
// These are the README's figures (Performance, "Sessions: client-side and server-side"); a new bench run updates both.

export interface BenchFigure {
  requestsPerSecond: number;
  p99Ms: number;
}

export const SESSION_BENCH = {
  /** When and where, as the README's table says. */
  measured: '1 Dec 2026, 2 vCPUs (AMD EPYC), Node 24.21, 32 connections, median of 6 runs of 10 s each',
  client: { requestsPerSecond: 9464, p99Ms: 15 } as BenchFigure,
  sqlite: { requestsPerSecond: 7654, p99Ms: 15 } as BenchFigure,
  redis: { requestsPerSecond: 10700, p99Ms: 18 } as BenchFigure,
};
