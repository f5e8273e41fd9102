import { writeSync } from 'node:fs';
import { runCli } from '../shared/cli/run-cli';
import { nodeCliHost } from './gridplan-node-host';

// The Node entry of `gridplan` (bundled into dist-cli/gridplan.js by `npm run build:cli`): it only reads
// files and writes the output (gridplan-node-host.ts); everything else is the pure core in shared/cli.

// `gridplan … | head` closes the pipe early: that is the reader's choice, not an error to report. Any
// other failure to write the answer (a full disk, /dev/full) is said in both languages, without a stack
// trace, with exit status 2: the answer was not delivered, so it is not 0 or 1 either.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    const detail = error.code ?? error.message;
    const which = stream === process.stdout ? '标准输出' : '标准错误输出';
    const whichEn = stream === process.stdout ? 'standard output' : 'standard error';
    try {
      writeSync(
        2,
        `无法写出结果到${which}（${detail}）。\nCould not write the answer to ${whichEn} (${detail}).\n`,
      );
    } catch {
      // standard error itself cannot be written: the exit status is all that is left
    }
    process.exit(2);
  });
}

const result = await runCli(process.argv.slice(2), nodeCliHost);
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
