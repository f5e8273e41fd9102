import type { Stats } from 'node:fs';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { Result } from '../shared/model';
import { fail, ok, text } from '../shared/model';

// How the command line reads its input files: whole, with a bound whatever the file is (a 1 GB file, a
// pipe, /dev/zero), and each stream once. A pipe or a FIFO can only be read once: a second read (the
// whole-file reader after the streaming one, the package's hash after its parse) would get the rest or
// nothing and take it for the file, or wait for ever for a writer that has gone. So a file that is not
// a regular file is read whole at its first read and kept for the later ones.

/** No input GridPlan reads whole is larger (a GeoJSON division is at most 200 MB, an import 150 MB). */
export const MAX_WHOLE_READ_BYTES = 256 * 1024 * 1024;

/** Files this process has read, by device and inode: an `--out` must not name one of them. */
const readIdentities = new Set<string>();

/** What a stream (pipe, FIFO, device) gave at its first read, by path. */
const streamed = new Map<string, Uint8Array>();

export function identityKey(stat: Pick<Stats, 'dev' | 'ino'>): string {
  return `${stat.dev}:${stat.ino}`;
}

/** True when this process has read the file with that identity. */
export function wasRead(stat: Pick<Stats, 'dev' | 'ino'>): boolean {
  return readIdentities.has(identityKey(stat));
}

/** Records a file opened for reading as `fd`; its stat. */
export function noteRead(fd: number): Stats {
  const stat = fstatSync(fd);
  readIdentities.add(identityKey(stat));
  return stat;
}

function tooLarge(size: number | undefined): Result<never> {
  const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
  const what = size === undefined ? `超过 ${mb(MAX_WHOLE_READ_BYTES)}` : mb(size);
  const whatEn = size === undefined ? `over ${mb(MAX_WHOLE_READ_BYTES)}` : mb(size);
  return fail({
    kind: 'too-large',
    message: text(
      `文件过大（${what}，上限 ${mb(MAX_WHOLE_READ_BYTES)}），未读取：GridPlan 读取的划分、表格和报审包都远小于此，请检查选择的文件。`,
      `The file is too large (${whatEn}; the limit is ${mb(MAX_WHOLE_READ_BYTES)}) and was not read: divisions, tables and packages GridPlan reads are far smaller. Check the file chosen.`,
    ),
  });
}

/** Reads `fd` to its end, refusing it past the limit (never holding more than the limit and a chunk). */
function readToEnd(fd: number): Result<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const chunk = new Uint8Array(1024 * 1024);
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    total += read;
    if (total > MAX_WHOLE_READ_BYTES) return tooLarge(undefined);
    chunks.push(chunk.subarray(0, read));
  }
  const whole = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.length;
  }
  return ok(whole);
}

/**
 * The bytes of the file `path`, read whole: refused without reading when a regular file is larger than
 * the limit; a stream read once, bounded, and kept. Errors of opening and reading are thrown (the host
 * says them in words).
 */
export function readWhole(path: string): Result<Uint8Array> {
  const kept = streamed.get(path);
  if (kept) return ok(kept);
  const fd = openSync(path, 'r');
  try {
    const stat = noteRead(fd);
    if (stat.isFile()) {
      if (stat.size > MAX_WHOLE_READ_BYTES) return tooLarge(stat.size);
      // Read into one buffer of the file's size, not in chunks joined afterwards (a copy of up to 200 MB).
      const buffer = readFileSync(fd);
      if (buffer.byteLength > MAX_WHOLE_READ_BYTES) return tooLarge(buffer.byteLength);
      return ok(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
    }
    const read = readToEnd(fd);
    if (read.ok) streamed.set(path, read.value);
    return read;
  } finally {
    closeSync(fd);
  }
}

/** Forgets what was read: a new command starts (see CliHost.beginCommand). */
export function forgetReads(): void {
  readIdentities.clear();
  streamed.clear();
}

/** True when `path` is a stream that has been read already (its bytes are kept, not the stream). */
export function wasStreamed(path: string): boolean {
  return streamed.has(path);
}
