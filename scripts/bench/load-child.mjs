// Drives load with autocannon from its own process, so the load generator and
// the server are separate processes (and can be pinned to separate CPUs).
// Options arrive as one JSON argument; the summary goes back over IPC.
import autocannon from 'autocannon';

if (!process.send) throw new Error('load-child: start me with an IPC channel.');
const options = JSON.parse(process.argv[2] ?? '{}');
const cpuUs = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const result = await autocannon({ ...options, renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
process.send({
  type: 'result',
  requestsPerSecond: { mean: result.requests.average, stddev: result.requests.stddev, min: result.requests.min, max: result.requests.max },
  latencyMs: { mean: result.latency.average, p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  bytesPerSecond: result.throughput.average,
  requests: result.requests.total,
  durationS: result.duration,
  ok: result['2xx'],
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  // The load generator's own CPU time (µs): on a shared machine it is taken from the server.
  cpuUs: cpuUs(),
});
process.disconnect();
