import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../shared/cli/run-cli';
import { parseDivisionGeoJson } from '../../../shared/formats/geojson';
import type { ImportReadOptions } from '../../../shared/formats/import-files';
import { convertImport, inspectImport, readImport } from '../../../shared/formats/import-files';
import { lonLatLookSwapped } from '../../../shared/formats/swapped-coordinates';
import type { TextFileEncodingChoice } from '../../../shared/formats/text-encoding';
import { decodeTextFile } from '../../../shared/formats/text-encoding';
import { readXlsx } from '../../../shared/formats/xlsx';
import type { Layer, Problem, Result } from '../../../shared/model';
import { countByLayer } from '../../../shared/model';
import type { HostileCase } from '../../../scripts/make-hostile-corpus';
import { HOSTILE_CORPUS_ROOT, makeHostileCorpus } from '../../../scripts/make-hostile-corpus';
import { nodeCliHost } from '../../../scripts/gridplan-node-host';
import { expectedOutput } from '../expected-output';

// The hostile corpus of issue 9 (test/fixtures/hostile/<class>/, made by scripts/make-hostile-corpus.ts):
// every file through the real `gridplan` (the command core with the Node host, in-process) in Chinese and
// English, and through the app's import functions (what the import worker runs). Each outcome is compared
// with `<case>.expected.json`; a missing one fails (REGEN=1 writes them: review the diff). Whatever a file
// holds: an answer in bounded time, never exit 3 (a bug), never U+FFFD, never a stack trace, and a refusal
// leaves the --out/--into target byte for byte as it was, with no temporary file left beside it.

/** Wall-clock bound of one run, generous for a loaded 2-core machine: a hang or a quadratic parse is minutes. */
const RUN_LIMIT_MS = 20_000;

const previous = readFileSync(path.join(HOSTILE_CORPUS_ROOT, 'previous.geojson'));
const classes = readdirSync(HOSTILE_CORPUS_ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function casesOf(folder: string): HostileCase[] {
  return JSON.parse(
    readFileSync(path.join(HOSTILE_CORPUS_ROOT, folder, 'cases.json'), 'utf8'),
  ) as HostileCase[];
}

/** What a run left in the --out target, in a form that reads well in a diff. */
function outcomeOfOut(bytes: Uint8Array, out: string): unknown {
  if (Buffer.from(bytes).equals(previous)) return 'unchanged';
  if (out.endsWith('.xlsx')) {
    const table = readXlsx(bytes, 'out.xlsx');
    return table.ok
      ? { xlsx: [table.value.header, ...table.value.rows.map((r) => r.cells)] }
      : 'unreadable xlsx';
  }
  const decoded = decodeTextFile(bytes, out);
  if (!decoded.ok) return 'not text';
  if (out.endsWith('.csv')) return { csv: decoded.value.text.split('\r\n') };
  const division = parseDivisionGeoJson(decoded.value.text);
  if (!division.ok) return 'unreadable division';
  return {
    counts: countByLayer(division.value),
    grids: [...division.value.grid.values()].map((g) => g.name),
  };
}

interface Run {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function runCase(
  folder: string,
  hostile: HostileCase,
  lang: 'zh' | 'en',
): Promise<{ run: Run; out: unknown; left: string[]; ms: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gridplan-corpus-'));
  try {
    const file = path.join(dir, hostile.file);
    writeFileSync(file, readFileSync(path.join(HOSTILE_CORPUS_ROOT, folder, hostile.file)));
    const to = hostile.args[hostile.args.indexOf('--to') + 1];
    const out = path.join(dir, hostile.args[0] === 'export' ? `out.${to}` : 'out.geojson');
    writeFileSync(out, previous);
    const args = hostile.args.map((arg) => arg.replace('{file}', file).replace('{out}', out));
    const started = performance.now();
    const result = await runCli(lang === 'en' ? [...args, '--lang', 'en'] : args, nodeCliHost);
    const ms = performance.now() - started;
    const hide = (value: string) => value.split(dir).join('<dir>');
    return {
      run: { exitCode: result.exitCode, stdout: hide(result.stdout), stderr: hide(result.stderr) },
      out: outcomeOfOut(readFileSync(out), out),
      left: readdirSync(dir).sort(),
      ms,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function problemsOf(result: Result<unknown>): { kind: string; zh: string; en: string }[] | undefined {
  return result.ok
    ? undefined
    : result.problems.map((p: Problem) => ({ kind: p.kind, zh: p.message.zh, en: p.message.en }));
}

/** The app's import of the same file with the same choices: inspect, then read and convert (the worker). */
function appImport(folder: string, hostile: HostileCase): unknown {
  const option = (name: string) => {
    const at = hostile.args.indexOf(name);
    return at < 0 ? undefined : hostile.args[at + 1];
  };
  const files = [
    {
      name: hostile.file,
      bytes: new Uint8Array(readFileSync(path.join(HOSTILE_CORPUS_ROOT, folder, hostile.file))),
    },
  ];
  const encoding = option('--encoding') as TextFileEncodingChoice | undefined;
  const shapefileLayer = option('--shapefile-layer');
  const choices: ImportReadOptions = {
    ...(encoding ? { encoding } : {}),
    ...(shapefileLayer ? { shapefileLayer } : {}),
  };
  const inspected = inspectImport(files, choices);
  const inspection = inspected.ok
    ? (() => {
        const found = inspected.value;
        return {
          format: found.format,
          records: found.recordCount,
          encoding: found.encoding ?? null,
          encodingSource: found.encodingSource ?? null,
          crs:
            found.crs?.status === 'ok'
              ? { name: found.crs.name, warning: found.crs.warning?.message.en ?? null }
              : (found.crs?.status ?? null),
          preview: found.preview.slice(0, 2),
          ...(found.table
            ? { swappedHint: lonLatLookSwapped(found.fields, found.preview, found.proposals.census) }
            : {}),
        };
      })()
    : { problems: problemsOf(inspected) };
  const read = readImport(files, choices);
  if (!read.ok) return { inspection, read: { problems: problemsOf(read) } };
  if (read.value.kind === 'division') {
    return { inspection, read: { division: countByLayer(read.value.division) } };
  }
  const layer = (hostile.args[hostile.args.indexOf('--as') + 1] === 'census' ? 'census' : 'grid') as Layer;
  const converted = convertImport(read.value, { layer, mapping: read.value.inspection.proposals[layer] });
  return {
    inspection,
    convert: converted.ok
      ? {
          entities: converted.value.entities.length,
          rowErrors: converted.value.errors.map((e) => `${e.line}: ${e.reason.en}`),
        }
      : { problems: problemsOf(converted) },
  };
}

describe.each(classes)('hostile corpus: %s', (folder) => {
  it.each(casesOf(folder).map((c) => [c.file, c] as const))(
    '%s',
    async (_name, hostile) => {
      const transfers = hostile.args[0] === 'import' || hostile.args[0] === 'export';
      const zh = await runCase(folder, hostile, 'zh');
      const en = await runCase(folder, hostile, 'en');
      for (const { run, out, left, ms } of [zh, en]) {
        expect(ms, 'bounded time').toBeLessThan(RUN_LIMIT_MS);
        expect(run.exitCode, `a bug (exit 3): ${run.stderr}`).not.toBe(3);
        expect(run.stdout + run.stderr).not.toContain('\uFFFD');
        expect(run.stdout + run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
        // Names from the file never reach the terminal as escapes, controls or bidi overrides.
        expect(run.stdout + run.stderr).not.toMatch(
          // eslint-disable-next-line no-control-regex
          /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/,
        );
        // Nothing beside the case and its --out: no temporary file left behind.
        expect(left.filter((name) => name !== hostile.file && !name.startsWith('out.'))).toEqual([]);
        // validate's exit 1 is "errors found", a report on stdout; import/export's is a refusal.
        const refused = run.exitCode === 2 || (run.exitCode === 1 && transfers);
        if (refused) {
          expect(out, 'a refusal leaves --out/--into exactly as it was').toBe('unchanged');
          expect(run.stderr.trim().length).toBeGreaterThan(0);
        }
      }
      if (zh.run.stderr !== '')
        expect(zh.run.stderr, 'said in Chinese and in English').not.toBe(en.run.stderr);
      expect(en.run.exitCode).toBe(zh.run.exitCode);
      const readsFile = ['import', 'validate', 'stats'].includes(hostile.args[0]!);
      const actual = {
        why: hostile.why,
        args: hostile.args,
        exitCode: zh.run.exitCode,
        zh: { stdout: zh.run.stdout, stderr: zh.run.stderr },
        en: { stdout: en.run.stdout, stderr: en.run.stderr },
        out: Object.is(JSON.stringify(zh.out), JSON.stringify(en.out)) ? zh.out : { zh: zh.out, en: en.out },
        app: readsFile ? appImport(folder, hostile) : null,
      };
      const expectedPath = path.join(HOSTILE_CORPUS_ROOT, folder, `${hostile.file}.expected.json`);
      expect(actual).toEqual(expectedOutput(expectedPath, actual));
    },
    120_000,
  );
});

describe('the hostile corpus', () => {
  it('is exactly what scripts/make-hostile-corpus.ts makes (reproducible, nothing edited by hand)', () => {
    const corpus = makeHostileCorpus();
    for (const [name, bytes] of corpus.files) {
      expect(
        Buffer.from(readFileSync(path.join(HOSTILE_CORPUS_ROOT, name))).equals(Buffer.from(bytes)),
        name,
      ).toBe(true);
    }
    for (const [folder, cases] of Object.entries(corpus.classes)) {
      expect(casesOf(folder)).toEqual(JSON.parse(JSON.stringify(cases)));
    }
    expect(Object.keys(corpus.classes).sort()).toEqual(classes);
  }, 120_000);

  it('has several cases in every class of issue 9', () => {
    for (const folder of [
      'xlsx',
      'zip',
      'dbf-shapefile',
      'coordinates',
      'coordinate-systems',
      'encodings',
      'csv',
      'terminal',
    ]) {
      expect(casesOf(folder).length, folder).toBeGreaterThanOrEqual(4);
    }
  });
});
