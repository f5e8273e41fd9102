import type { CommandModule } from './command-module';
import { cityCommand } from './commands/city';
import { diffCommand } from './commands/diff';
import { noticeCommand } from './commands/notice';
import { packageCommand } from './commands/package';
import { reportCommand } from './commands/report';
import { filingPdfMakers } from './filing-pdf-makers';

/**
 * The commands defined as modules (shared/cli/commands/). validate, stats, import and export are still
 * parsed by parse-cli-args.ts; run-cli.ts looks here first.
 */
export const COMMAND_MODULES: readonly CommandModule[] = [
  noticeCommand,
  reportCommand,
  diffCommand,
  packageCommand(filingPdfMakers),
  cityCommand,
];

/** The command module of that name, if any. */
export function commandModule(name: string | undefined): CommandModule | undefined {
  return COMMAND_MODULES.find((module) => module.name === name);
}
