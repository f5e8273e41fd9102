import type { CommandModule } from './command-module';
import { diffCommand } from './commands/diff';
import { packageCommand } from './commands/package';
import { FILING_PDF_MAKERS } from './filing-pdf-makers';

/**
 * The commands defined as modules (shared/cli/commands/). validate, stats, import and export are still
 * parsed by parse-cli-args.ts; run-cli.ts looks here first.
 */
export const COMMAND_MODULES: readonly CommandModule[] = [diffCommand, packageCommand(FILING_PDF_MAKERS)];

/** The command module of that name, if any. */
export function commandModule(name: string | undefined): CommandModule | undefined {
  return COMMAND_MODULES.find((module) => module.name === name);
}
