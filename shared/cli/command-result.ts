/**
 * Exit status of every command (../shared/spec/interchange.md): 0 done or clean, 1 findings or a refusal
 * for content, 2 unreadable or tampered input (or a wrong command line), 3 an internal error (a bug).
 */
export type ExitCode = 0 | 1 | 2 | 3;

/** What a command answers: its output, messages and exit status. The host writes them and exits. */
export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: ExitCode;
}
