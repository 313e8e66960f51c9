// `node dist/server/audit/cli.js <command>` (or `npm run cli -- <command>`): the
// session-cookie auditor's entry point. The work is in cli/run-cli.ts.
import { runCli } from './cli/run-cli';

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  return Buffer.concat(chunks);
}

// Run when executed directly, not when imported by tests.
if (require.main === module) {
  const controller = new AbortController();
  let interrupted = false;
  process.on('SIGINT', () => {
    // The first Ctrl-C stops the crack and reports; a second one ends at once.
    if (interrupted) process.exit(130);
    interrupted = true;
    controller.abort();
  });
  let stdin: Promise<Buffer> | undefined;
  runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin: () => (stdin ??= readAll(process.stdin)),
    stdinStream: process.stdin,
    env: process.env,
    stderrIsTty: process.stderr.isTTY === true,
    signal: controller.signal,
  })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((e: unknown) => {
      process.stderr.write(`Error: unexpected failure: ${String(e instanceof Error ? e.message : e).split('\n')[0]}\n`);
      process.exitCode = 2;
    });
}
