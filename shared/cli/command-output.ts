import { encodeText } from '../formats/text-encoding';
import type { Language, LocalText } from '../model';
import { text } from '../model';
import type { CliHost } from './cli-host';
import type { CommandResult, ExitCode } from './command-result';
import { unreadableResult } from './read-division-file';

/**
 * How a command answers around its own work: a wrong command line, and its output printed or written
 * to --out. One place, so that every command says these things in the same words.
 */

/** A wrong command line (exit 2): what is wrong, then where the usage is. */
export function usageResult(command: string, message: LocalText, lang: Language): CommandResult {
  const more = text(
    `运行 gridplan ${command} --help 查看用法。`,
    `Run gridplan ${command} --help for usage.`,
  );
  // Chinese sentences follow each other without a space.
  const between = lang === 'zh' ? '' : ' ';
  return { stdout: '', stderr: `${message[lang]}${between}${more[lang]}\n`, exitCode: 2 };
}

/** --out given to a host that cannot write files (exit 2). */
export function cannotWriteOut(lang: Language): CommandResult {
  const message = text(
    '此环境不能写文件，无法使用 --out。',
    'This host cannot write files: --out is unavailable.',
  );
  return { stdout: '', stderr: `${message[lang]}\n`, exitCode: 2 };
}

/** Writes text (as UTF-8) or bytes to `out`: null when written, else the answer naming the file (exit 2). */
export function writeOutFile(
  writeBytes: NonNullable<CliHost['writeBytes']>,
  out: string,
  contents: string | Uint8Array,
  lang: Language,
): CommandResult | null {
  const bytes = typeof contents === 'string' ? encodeText(contents, 'utf-8').bytes : contents;
  const written = writeBytes(out, bytes);
  if (written.ok) return null;
  return unreadableResult(text(`无法写入 ${out}：`, `Cannot write ${out}:`), written.problems, lang);
}

/**
 * Prints the output, or, with --out, writes it and says `done` and the file. The exit code stays what
 * the command found (validate: 1 when there are errors). A host without files prints.
 */
export function writeOrPrint(
  output: string,
  out: string | undefined,
  exitCode: ExitCode,
  done: LocalText,
  host: CliHost,
  lang: Language,
): CommandResult {
  if (out === undefined || !host.writeBytes) return { stdout: output, stderr: '', exitCode };
  const failure = writeOutFile(host.writeBytes, out, output, lang);
  return failure ?? { stdout: `${done[lang]} ${out}\n`, stderr: '', exitCode };
}
