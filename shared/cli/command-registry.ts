import type { CommandModule } from './command-module';
import { cityCommand } from './commands/city';
import { diffCommand } from './commands/diff';
import { divideCommand } from './commands/divide';
import { noticeCommand } from './commands/notice';
import { packageCommand } from './commands/package';
import { reportCommand } from './commands/report';
import { filingPdfMakers } from './filing-pdf-makers';

/**
 * The commands defined as modules (shared/cli/commands/). validate, stats, import and export are still
 * parsed by parse-cli-args.ts; run-cli.ts looks here first. A new command is one file and one entry here.
 */
export const COMMAND_MODULES: readonly CommandModule[] = [
  divideCommand,
  diffCommand,
  packageCommand(filingPdfMakers),
  noticeCommand,
  reportCommand,
  cityCommand,
];

/** The command module of that name, if any. */
export function commandModule(name: string | undefined): CommandModule | undefined {
  return COMMAND_MODULES.find((module) => module.name === name);
}
