import { MIN_PIECE_AREA_M2 } from '../model';
import type { Language, LocalText } from '../model';
import { text } from '../model';
import type { ExportCommand, ImportCommand } from './parse-transfer-args';
import { encodingChoiceOf, parseTransferArgs, transferCommandOf } from './parse-transfer-args';
import type { TextFileEncodingChoice } from '../formats/text-encoding';
import { TEXT_FILE_ENCODINGS } from '../formats/text-encoding';
import type { BuiltinCommand } from './builtin-command-help';
import { isBuiltinCommand } from './builtin-command-help';

export const REPORT_FORMATS = ['text', 'json', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A parsed command line. */
export type CliCommand =
  | {
      readonly command: 'validate';
      readonly file: string;
      /** A built-in rule set id or a path to a custom rule-set JSON; undefined: the file's own. */
      readonly rules: string | undefined;
      readonly minAreaM2: number;
      readonly format: ReportFormat;
      /** Write the report here (atomically, through the host) instead of standard output. */
      readonly out?: string;
      /** `--encoding`: how to read the file's text; absent: detected (and said when not UTF-8). */
      readonly encoding?: TextFileEncodingChoice;
      readonly lang: Language;
    }
  | {
      readonly command: 'stats';
      readonly file: string;
      readonly format: 'text' | 'json';
      /** Write the summary here (atomically, through the host) instead of standard output. */
      readonly out?: string;
      /** `--encoding`: how to read the file's text; absent: detected. */
      readonly encoding?: TextFileEncodingChoice;
      readonly lang: Language;
    }
  | ExportCommand
  | ImportCommand
  | {
      readonly command: 'help';
      readonly lang: Language;
      /** `gridplan validate --help`: the help of that one command; absent: the general help. */
      readonly topic?: BuiltinCommand;
    }
  | { readonly command: 'version'; readonly lang: Language };

/** A command line that could not be understood, with the language to say so in. */
export interface CliUsageError {
  readonly command: 'usage-error';
  readonly lang: Language;
  readonly message: LocalText;
}

const OPTIONS_WITH_VALUE = new Set(['--rules', '--min-area', '--format', '--lang', '--out', '--encoding']);

/**
 * Parses `gridplan validate FILE [--rules R] [--min-area M2] [--format text|json|html] [--lang zh|en]`,
 * `gridplan stats FILE [--format text|json] [--lang zh|en]`, `--help` and `--version`. Options may come
 * before or after the file and as `--name=value`.
 */
export function parseCliArgs(args: readonly string[]): CliCommand | CliUsageError {
  const positional: string[] = [];
  const options = new Map<string, string>();
  let help = false;
  let version = false;
  // The language is read first so that every later error is in the language asked for.
  let lang: Language = 'zh';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--lang' && (args[i + 1] === 'en' || args[i + 1] === 'zh')) lang = args[i + 1] as Language;
    if (arg === '--lang=en' || arg === '--lang=zh') lang = arg.slice(7) as Language;
  }
  // `gridplan COMMAND --help` answers before the options are checked, so it works on any half-typed line.
  if (args.includes('--help') || args.includes('-h')) {
    const topic = args.find((arg) => !arg.startsWith('-'));
    return isBuiltinCommand(topic) ? { command: 'help', lang, topic } : { command: 'help', lang };
  }
  // import/export have options of their own (parse-transfer-args.ts).
  if (transferCommandOf(args)) {
    return parseTransferArgs(args, lang);
  }
  const error = (zh: string, en: string): CliUsageError => ({
    command: 'usage-error',
    lang,
    message: text(zh, en),
  });

  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (arg === '--version' || arg === '-v') {
      version = true;
      continue;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(0, eq) : arg;
      if (!OPTIONS_WITH_VALUE.has(name)) {
        return error(
          `无法识别的选项 ${name}。运行 gridplan --help 查看用法。`,
          `Unknown option ${name}. Run gridplan --help for usage.`,
        );
      }
      const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
      // `--encoding --lang en`: the next option is not this one's value.
      if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
        return error(`选项 ${name} 需要一个值。`, `Option ${name} needs a value.`);
      }
      if (options.has(name) && name !== '--lang') {
        return error(`选项 ${name} 只能给一次。`, `Option ${name} may be given only once.`);
      }
      options.set(name, value);
      continue;
    }
    positional.push(arg);
  }

  const langOption = options.get('--lang');
  if (langOption !== undefined && langOption !== 'zh' && langOption !== 'en') {
    return error(
      `--lang 只能是 zh 或 en，而不是 ${langOption}。`,
      `--lang must be zh or en, not ${langOption}.`,
    );
  }
  if (help || positional[0] === 'help') return { command: 'help', lang };
  if (version) return { command: 'version', lang };

  const [command, file, ...rest] = positional;
  if (command === undefined) return { command: 'help', lang };
  if (command !== 'validate' && command !== 'stats') {
    return error(
      `无法识别的命令 ${command}：可用 validate（校验）、stats（统计）、import（导入）和 export（导出）。`,
      `Unknown command ${command}: use validate, stats, import or export.`,
    );
  }
  if (file === undefined) {
    return error(
      `缺少文件：gridplan ${command} 文件.geojson`,
      `Missing file: gridplan ${command} FILE.geojson`,
    );
  }
  if (rest.length > 0) {
    return error(`多余的参数：${rest.join(' ')}`, `Unexpected arguments: ${rest.join(' ')}`);
  }

  const format = options.get('--format') ?? 'text';
  const out = options.get('--out');
  const encoding = encodingChoiceOf(options.get('--encoding'));
  if (encoding !== undefined && !(TEXT_FILE_ENCODINGS as readonly string[]).includes(encoding)) {
    return error(
      `--encoding 只能是 utf-8、gbk 或 utf-16，而不是 ${encoding}。`,
      `--encoding must be utf-8, gbk or utf-16, not ${encoding}.`,
    );
  }
  const outOption = {
    ...(out === undefined ? {} : { out }),
    ...(encoding === undefined ? {} : { encoding: encoding as TextFileEncodingChoice }),
  };
  if (command === 'stats') {
    for (const name of ['--rules', '--min-area']) {
      if (options.has(name)) return error(`stats 不使用 ${name}。`, `stats does not take ${name}.`);
    }
    if (format !== 'text' && format !== 'json') {
      return error(`stats 的 --format 只能是 text 或 json。`, `--format for stats must be text or json.`);
    }
    return { command, file, format, ...outOption, lang };
  }

  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    return error(
      `--format 只能是 text、json 或 html，而不是 ${format}。`,
      `--format must be text, json or html, not ${format}.`,
    );
  }
  const minAreaText = options.get('--min-area');
  const minAreaM2 = minAreaText === undefined ? MIN_PIECE_AREA_M2 : Number(minAreaText);
  if (!Number.isFinite(minAreaM2) || minAreaM2 < 0 || minAreaText?.trim() === '') {
    return error(
      `--min-area 应为不小于 0 的平方米数，而不是 ${minAreaText}。`,
      `--min-area must be a number of square metres not below 0, not ${minAreaText}.`,
    );
  }
  return {
    command,
    file,
    rules: options.get('--rules'),
    minAreaM2,
    format: format as ReportFormat,
    ...outOption,
    lang,
  };
}
