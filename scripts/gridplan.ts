import { runCli } from '../shared/cli/run-cli';
import { nodeCliHost } from './gridplan-node-host';

// The Node entry of `gridplan` (bundled into dist-cli/gridplan.js by `npm run build:cli`): it only reads
// files and writes the output (gridplan-node-host.ts); everything else is the pure core in shared/cli.

// `gridplan … | head` closes the pipe early: that is the reader's choice, not an error to report.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const result = await runCli(process.argv.slice(2), nodeCliHost);
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
