import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_COMMANDS } from '../../../shared/cli/builtin-command-help';
import { parseCliArgs } from '../../../shared/cli/parse-cli-args';
import { runCli } from '../../../shared/cli/run-cli';
import type { CliHost } from '../../../shared/cli/run-cli';
import { fail, text } from '../../../shared/model';
import { memoryHost } from './memory-host';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/validate');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(fixtures, name)));

/** A memory host holding two fixtures and an existing report that a failed write must leave alone. */
function files(): Map<string, Uint8Array> {
  return new Map([
    ['clean.geojson', fixture('clean/in.geojson')],
    ['overlap.geojson', fixture('overlap/in.geojson')],
    ['old.html', new TextEncoder().encode('old report')],
  ]);
}

const decode = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

describe('validate --out (issue 11 item 9)', () => {
  it('writes the same report it would print, in each format, and keeps the exit status', async () => {
    for (const format of ['text', 'json', 'html'] as const) {
      for (const [file, exit] of [
        ['clean.geojson', 0],
        ['overlap.geojson', 1],
      ] as const) {
        const store = files();
        const printed = await runCli(['validate', file, '--format', format], memoryHost(store));
        const written = await runCli(
          ['validate', file, '--format', format, '--out', `r.${format}`],
          memoryHost(store),
        );
        expect(written.exitCode).toBe(exit);
        expect(printed.exitCode).toBe(exit);
        expect(decode(store.get(`r.${format}`))).toBe(printed.stdout);
        expect(written.stdout).toContain(`r.${format}`);
        expect(written.stdout).toContain('已写入');
        expect(written.stdout).not.toBe(printed.stdout);
      }
    }
    const store = files();
    const html = await runCli(
      ['validate', 'overlap.geojson', '--format=html', '--out=o.html'],
      memoryHost(store),
    );
    expect(decode(store.get('o.html'))).toMatch(/^<!doctype html/i);
    expect(html.stdout).toMatch(/^校验报告（[1-9]\d* 个错误/);
  });

  it('writes the stats summary with --out', async () => {
    const store = files();
    const printed = await runCli(['stats', 'clean.geojson', '--format', 'json'], memoryHost(store));
    const written = await runCli(
      ['stats', 'clean.geojson', '--format', 'json', '--out', 's.json', '--lang', 'en'],
      memoryHost(store),
    );
    expect(written.exitCode).toBe(0);
    expect(written.stdout).toBe('Summary written to s.json\n');
    expect(decode(store.get('s.json'))).toBe(printed.stdout);
  });

  it('leaves the target as it was when the write fails, and says why with exit 2', async () => {
    const store = files();
    const host: CliHost = {
      ...memoryHost(store),
      writeBytes: () => fail({ kind: 'io', message: text('磁盘已满。', 'The disk is full.') }),
    };
    const result = await runCli(
      ['validate', 'overlap.geojson', '--format', 'html', '--out', 'old.html'],
      host,
    );
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('old.html');
    expect(result.stderr).toContain('磁盘已满');
    expect(decode(store.get('old.html'))).toBe('old report');
  });

  it('refuses --out on a host that cannot write, and on an unreadable input writes nothing', async () => {
    const store = files();
    const { readText } = memoryHost(store);
    const readOnly = await runCli(['validate', 'clean.geojson', '--out', 'x.txt'], { readText });
    expect(readOnly.exitCode).toBe(2);
    expect(readOnly.stderr).toContain('--out');
    const missing = await runCli(['validate', 'nope.geojson', '--out', 'x.txt'], memoryHost(store));
    expect(missing.exitCode).toBe(2);
    expect(store.has('x.txt')).toBe(false);
    expect(parseCliArgs(['validate', 'a.geojson', '--out'])).toMatchObject({ command: 'usage-error' });
  });
});

describe('gridplan COMMAND --help', () => {
  it('explains each built-in command on its own, in Chinese by default and in English', async () => {
    const store = files();
    const general = (await runCli(['--help'], memoryHost(store))).stdout;
    for (const command of BUILTIN_COMMANDS) {
      const zh = await runCli([command, '--help'], memoryHost(store));
      const en = await runCli([command, '-h', '--lang', 'en'], memoryHost(store));
      expect(zh.exitCode).toBe(0);
      expect(en.exitCode).toBe(0);
      expect(zh.stdout).toContain(`gridplan ${command}：`);
      expect(zh.stdout).toContain('退出码');
      expect(en.stdout).toContain(`gridplan ${command}:`);
      expect(en.stdout).toContain('Exit status');
      expect(en.stdout).not.toMatch(/[\u4e00-\u9fff]/);
      expect(zh.stdout).not.toBe(general);
      // Every other built-in command's usage line is absent: this is the help of one command.
      for (const other of BUILTIN_COMMANDS.filter((c) => c !== command)) {
        expect(en.stdout).not.toContain(`gridplan ${other} `);
      }
    }
  });

  it('answers --help even on a line whose options are incomplete or wrong', async () => {
    const store = files();
    const result = await runCli(['import', 'x.zip', '--as', '--help'], memoryHost(store));
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('--shapefile-layer');
    expect((await runCli(['export', '--bogus', '--help'], memoryHost(store))).stdout).toContain(
      '--include-personal',
    );
    expect((await runCli(['validate', '--help'], memoryHost(store))).stdout).toContain('--out');
  });

  it('prints the version', async () => {
    const result = await runCli(['--version'], { ...memoryHost(files()), version: '1.2.3' });
    expect(result).toEqual({ stdout: '1.2.3\n', stderr: '', exitCode: 0 });
  });
});
