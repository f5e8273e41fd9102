import type { LocalText, Result } from '../model';
import { fail, ok, text } from '../model';

/** How an option is written: `flag` alone, `value` once (`--out P` or `--out=P`), `values` repeatable. */
export type OptionKind = 'flag' | 'value' | 'values';

/** The arguments of one command, read against its options. */
export interface ParsedOptions {
  readonly positional: readonly string[];
  /** Every value given, in order, per option name (with its dashes: `--community`). */
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly flags: ReadonlySet<string>;
}

/** The one value of an option, if given. */
export function optionValue(parsed: ParsedOptions, name: string): string | undefined {
  return parsed.values.get(name)?.at(-1);
}

function usageProblem(message: LocalText) {
  return { kind: 'usage', message };
}

/**
 * Reads a command's arguments: options in any position, as `--name value` or `--name=value`; `--lang`
 * (read before, by run-cli) and `--debug` are accepted everywhere. An unknown option, a missing value or
 * a value given twice to a single-value option is a usage error naming the option (the command says
 * where its usage is: usageResult).
 */
export function parseOptions(
  args: readonly string[],
  options: Readonly<Record<string, OptionKind>>,
): Result<ParsedOptions> {
  const known: Readonly<Record<string, OptionKind>> = { '--lang': 'value', '--debug': 'flag', ...options };
  const positional: string[] = [];
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const kind = known[name];
    if (kind === undefined) {
      return fail(
        usageProblem(
          // The command adds where to read its usage (usageResult), as for every usage error.
          text(`无法识别的选项 ${name}。`, `Unknown option ${name}.`),
        ),
      );
    }
    if (kind === 'flag') {
      if (eq >= 0) {
        return fail(usageProblem(text(`选项 ${name} 不带值。`, `Option ${name} takes no value.`)));
      }
      flags.add(name);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    // `--out --lang en`: the next option is not this one's value.
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
      return fail(usageProblem(text(`选项 ${name} 需要一个值。`, `Option ${name} needs a value.`)));
    }
    if (name === '--lang' && value !== 'zh' && value !== 'en') {
      return fail(
        usageProblem(
          text(`--lang 只能是 zh 或 en，而不是 ${value}。`, `--lang must be zh or en, not ${value}.`),
        ),
      );
    }
    const list = values.get(name) ?? [];
    if (kind === 'value' && list.length > 0 && name !== '--lang') {
      return fail(usageProblem(text(`选项 ${name} 只能给一次。`, `Option ${name} may be given only once.`)));
    }
    list.push(value);
    values.set(name, list);
  }
  return ok({ positional, values, flags });
}

/**
 * The one division file of a command written `COMMAND FILE …` (divide, package, notice, report): a usage
 * problem when it is missing (`missing` says which file) or more than one is given.
 */
export function oneFile(
  parsed: ParsedOptions,
  missing: LocalText = text('缺少划分文件。', 'The division file is missing.'),
): Result<string> {
  const count = parsed.positional.length;
  if (count === 0) return fail(usageProblem(missing));
  if (count > 1) {
    return fail(
      usageProblem(text(`只能给一个划分文件，收到 ${count} 个。`, `Give one division file, not ${count}.`)),
    );
  }
  return ok(parsed.positional[0]!);
}

/** {@link oneFile} and the `--out` path it is written to, which such commands require. */
export function oneFileAndOut(
  parsed: ParsedOptions,
  missing?: LocalText,
): Result<{ readonly file: string; readonly out: string }> {
  const file = oneFile(parsed, missing);
  if (!file.ok) return file;
  const out = optionValue(parsed, '--out');
  if (out === undefined) {
    return fail(usageProblem(text('缺少 --out 输出文件。', 'The --out file is missing.')));
  }
  return ok({ file: file.value, out });
}
