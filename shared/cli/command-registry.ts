import type { CommandModule } from './command-module';
import { divideCommand } from './commands/divide';
import { noticeCommand } from './commands/notice';
import { reportCommand } from './commands/report';

/**
 * The commands defined as modules (shared/cli/commands/). validate, stats, import and export are still
 * parsed by parse-cli-args.ts; run-cli.ts looks here first. A new command is one file and one entry here.
 */
export const COMMAND_MODULES: readonly CommandModule[] = [divideCommand, noticeCommand, reportCommand];

/** The command module of that name, if any. */
export function commandModule(name: string | undefined): CommandModule | undefined {
  return COMMAND_MODULES.find((module) => module.name === name);
}
