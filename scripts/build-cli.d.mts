/** Builds the CLI bundle into `outfile` (default dist-cli/gridplan.js) and returns its path. */
export function buildCli(options?: { outfile?: string; quiet?: boolean }): Promise<string>;
