import { spawn, execFileSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeCliHost } from '../../../scripts/gridplan-node-host';
import { runCli } from '../../../shared/cli/run-cli';

// The Node host's reads and writes against what an audit tried: an --out naming the command's own input,
// a symbolic link or a file with its own permissions as --out, a pipe read twice, a huge file or a
// stream without end read whole.

const DEMO = readFileSync(path.resolve(import.meta.dirname, '../../../resources/demo/demo-township.geojson'));

let folder: string | undefined;
afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

function freshFolder(): string {
  folder = mkdtempSync(path.join(tmpdir(), 'gridplan-io-'));
  return folder;
}

/** A FIFO at `at` fed `bytes` by another process (a pipe can only be read once). */
function fifoOf(at: string, bytes: Uint8Array): void {
  const source = `${at}.source`;
  writeFileSync(source, bytes);
  execFileSync('mkfifo', [at]);
  spawn('sh', ['-c', 'cat "$0" > "$1"', source, at], { stdio: 'ignore' }).unref();
}

describe('--out never replaces the input it reads', () => {
  it('refuses validate F --out F and export F --out F, leaving F as it was', async () => {
    const file = path.join(freshFolder(), 'division.geojson');
    writeFileSync(file, DEMO);
    for (const args of [
      ['validate', file, '--out', file],
      ['stats', file, '--out', file],
      ['export', file, '--to', 'csv', '--out', file],
    ]) {
      const result = await runCli(args, nodeCliHost);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('正是本命令读取的输入文件');
      expect(readFileSync(file).equals(DEMO)).toBe(true);
    }
    const english = await runCli(['validate', file, '--out', file, '--lang', 'en'], nodeCliHost);
    expect(english.stderr).toContain('is a file this command reads');
  });

  it('lets import --into F --out F add a layer to F, and a later command write what an earlier one read', async () => {
    const dir = freshFolder();
    const file = path.join(dir, 'division.geojson');
    writeFileSync(file, DEMO);
    const csv = path.join(dir, 'census.csv');
    writeFileSync(csv, 'longitude,latitude,households\n104.76,29.36,3\n');
    const imported = await runCli(
      ['import', csv, '--as', 'census', '--into', file, '--out', file],
      nodeCliHost,
    );
    expect(imported.exitCode).toBe(0);
    expect(readFileSync(file).equals(DEMO)).toBe(false);
    // Each command starts afresh: the CSV the import read is any other file now.
    const report = await runCli(['validate', file, '--out', csv], nodeCliHost);
    expect([0, 1]).toContain(report.exitCode);
    expect(readFileSync(csv, 'utf8')).toContain('校验');
  });

  it('writes through a symbolic link and keeps the target file permissions', async () => {
    const dir = freshFolder();
    const file = path.join(dir, 'division.geojson');
    writeFileSync(file, DEMO);
    const target = path.join(dir, 'report.txt');
    writeFileSync(target, 'old');
    chmodSync(target, 0o640);
    const link = path.join(dir, 'latest.txt');
    symlinkSync(target, link);
    const result = await runCli(['validate', file, '--out', link], nodeCliHost);
    expect([0, 1]).toContain(result.exitCode);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toContain('校验');
    expect(statSync(target).mode & 0o777).toBe(0o640);
  });
});

describe('inputs that are not regular files', () => {
  it('reads a pipe once: the whole division, not what a second read would find', async () => {
    const dir = freshFolder();
    const fifo = path.join(dir, 'in.fifo');
    fifoOf(fifo, DEMO);
    const piped = await runCli(['stats', fifo, '--format', 'json'], nodeCliHost);
    const file = path.join(dir, 'division.geojson');
    writeFileSync(file, DEMO);
    const direct = await runCli(['stats', file, '--format', 'json'], nodeCliHost);
    expect(piped.exitCode).toBe(0);
    expect(piped.stdout).toBe(direct.stdout);
  });

  it('refuses junk followed by a division in a pipe instead of reading the division at its end', async () => {
    const fifo = path.join(freshFolder(), 'in.fifo');
    const junk = new TextEncoder().encode('NOT GEOJSON '.repeat(800_000));
    fifoOf(fifo, new Uint8Array([...junk, ...DEMO]));
    const result = await runCli(['validate', fifo], nodeCliHost);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('不是有效的 JSON');
  });

  it('says a folder given to import is a folder, a missing file is missing and a pipe is no file', async () => {
    const dir = freshFolder();
    const out = path.join(dir, 'out.geojson');
    const fromFolder = await runCli(['import', dir, '--as', 'census', '--out', out], nodeCliHost);
    expect(fromFolder.exitCode).toBe(2);
    expect(fromFolder.stderr).toContain('这是一个文件夹，不是文件');
    const missing = await runCli(
      ['import', path.join(dir, 'none.csv'), '--as', 'census', '--out', out],
      nodeCliHost,
    );
    expect(missing.stderr).toContain('文件不存在');
    const pipe = path.join(dir, 'rows.csv');
    fifoOf(pipe, new TextEncoder().encode('经度,纬度\n104.7,29.3\n'));
    const fromPipe = await runCli(
      ['import', pipe, '--as', 'census', '--out', out, '--lang', 'en'],
      nodeCliHost,
    );
    expect(fromPipe.exitCode).toBe(2);
    expect(fromPipe.stderr).toContain('This is not a regular file (a pipe or a device?)');
  });

  it('refuses a file larger than any input at once, without reading it', async () => {
    const file = path.join(freshFolder(), 'huge.geojson');
    writeFileSync(file, '');
    truncateSync(file, 300 * 1024 * 1024);
    const started = performance.now();
    const result = await runCli(['package', file, '--out', path.join(folder!, 'p.zip')], nodeCliHost);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('文件过大');
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
