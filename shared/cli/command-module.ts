import type { Language, LocalText } from '../model';
import type { CliHost } from './cli-host';
import type { CommandResult } from './command-result';

/**
 * One `gridplan` command as a module (Excalidraw's `register({name, perform})`): its name, its help and
 * what it does. A new command is one new file under shared/cli/commands/ and one line in
 * command-registry.ts. `args` are the arguments after the command name; `--lang` has been read already.
 */
export interface CommandModule {
  readonly name: string;
  /** One line for `gridplan --help`. */
  readonly summary: LocalText;
  /** The whole help of `gridplan NAME --help`: usage, options, exit status. */
  readonly help: LocalText;
  run(args: readonly string[], host: CliHost, lang: Language): Promise<CommandResult>;
}
