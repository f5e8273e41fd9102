import { describe, expect, it } from 'vitest';
import { oneFile, oneFileAndOut, parseOptions } from '../../../shared/cli/parse-options';
import { text } from '../../../shared/model';

const OPTIONS = { '--out': 'value', '--community': 'values', '--force': 'flag' } as const;

function parsed(...args: string[]) {
  const result = parseOptions(args, OPTIONS);
  if (!result.ok) throw new Error(result.problems[0]!.message.en);
  return result.value;
}

function message(result: { ok: false; problems: readonly { message: { en: string } }[] } | { ok: true }) {
  return result.ok ? 'accepted' : result.problems[0]!.message.en;
}

describe('parseOptions', () => {
  it('reads options in any position, as --name value or --name=value', () => {
    const options = parsed('--out=o.geojson', 'in.geojson', '--community', 'a', '--force', '--community=b');
    expect(options.positional).toEqual(['in.geojson']);
    expect(options.values.get('--community')).toEqual(['a', 'b']);
    expect(options.flags.has('--force')).toBe(true);
  });

  it('refuses an unknown option, a missing value and a single value given twice', () => {
    const problem = (...args: string[]) => message(parseOptions(args, OPTIONS));
    expect(problem('--colour', 'red')).toBe('Unknown option --colour.');
    expect(problem('--out')).toBe('Option --out needs a value.');
    expect(problem('--out', 'a', '--out', 'b')).toBe('Option --out may be given only once.');
    expect(problem('--force=yes')).toBe('Option --force takes no value.');
    // The next option is not a value; a language is zh or en.
    expect(problem('--out', '--lang', 'en')).toBe('Option --out needs a value.');
    expect(problem('--out=--odd', 'in.geojson')).toBe('accepted');
    expect(problem('--lang', 'fr')).toBe('--lang must be zh or en, not fr.');
    expect(problem('--lang=en')).toBe('accepted');
  });
});

describe('oneFile and oneFileAndOut (COMMAND FILE --out OUT)', () => {
  it('gives the one file and the --out path', () => {
    expect(oneFileAndOut(parsed('in.geojson', '--out', 'o.geojson'))).toEqual({
      ok: true,
      value: { file: 'in.geojson', out: 'o.geojson' },
    });
    expect(oneFile(parsed('in.geojson'))).toEqual({ ok: true, value: 'in.geojson' });
  });

  it('names what is wrong: no file (in the command’s words), two files, no --out', () => {
    expect(message(oneFileAndOut(parsed('--out', 'o')))).toBe('The division file is missing.');
    expect(
      message(oneFileAndOut(parsed('--out', 'o'), text('缺少要划分的文件。', 'Nothing to divide.'))),
    ).toBe('Nothing to divide.');
    expect(message(oneFileAndOut(parsed('a', 'b', '--out', 'o')))).toBe('Give one division file, not 2.');
    expect(message(oneFile(parsed('a', 'b', 'c')))).toBe('Give one division file, not 3.');
    expect(message(oneFileAndOut(parsed('a')))).toBe('The --out file is missing.');
    const zh = oneFileAndOut(parsed('a'));
    expect(!zh.ok && zh.problems[0]!.message.zh).toBe('缺少 --out 输出文件。');
  });
});
