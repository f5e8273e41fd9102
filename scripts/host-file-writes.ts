import type { Stats } from 'node:fs';
import {
  chmodSync,
  closeSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import type { WriteOptions } from '../shared/cli/cli-host';
import type { Result } from '../shared/model';
import { errorDetail, fail, ok, text } from '../shared/model';
import { identityKey, wasRead } from './host-file-reads';

// How the command line writes `--out`: a regular file is written beside its target and renamed over it,
// so a failed command leaves the target exactly as it was. The target is the file a symbolic link
// points to (the link stays a link), keeps its permissions, and is never a file the command has read:
// `gridplan validate F --out F` would put the report in place of the division. A target that is not a
// regular file (/dev/stdout, a FIFO) is written straight into: it cannot be renamed over.

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function failed(error: unknown): Result<never> {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') {
    return fail({
      kind: 'unwritable',
      message: text(
        '没有写入权限：请换一个可写的文件夹或文件。',
        'Permission denied: choose a folder or file you can write to.',
      ),
    });
  }
  if (code === 'EISDIR') {
    return fail({
      kind: 'unwritable',
      message: text('这是一个文件夹：请给出文件名。', 'This is a folder: give a file name.'),
    });
  }
  if (code === 'ENOENT') {
    return fail({
      kind: 'unwritable',
      message: text('所在文件夹不存在。', 'The folder does not exist.'),
    });
  }
  if (code === 'ENOSPC') {
    return fail({
      kind: 'unwritable',
      message: text('磁盘已满：文件未写入。', 'The disk is full: the file was not written.'),
    });
  }
  const detail = errorDetail(error);
  return fail({
    kind: 'unwritable',
    message: text(`写入失败（${detail}）。`, `Writing failed (${detail}).`),
  });
}

function putAll(fd: number): (bytes: Uint8Array) => void {
  return (bytes) => {
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
  };
}

/**
 * Writes the file `path` from the bytes `write` puts, in order, as described above; a failure says why
 * in both languages and leaves the target as it was.
 */
export function writeAtomically(
  path: string,
  write: (put: (bytes: Uint8Array) => void) => void,
  options: WriteOptions = {},
): Result<true> {
  const existing = statOrUndefined(path);
  if (existing && wasRead(existing)) {
    const allowed = options.mayReplace === undefined ? undefined : statOrUndefined(options.mayReplace);
    if (!allowed || identityKey(allowed) !== identityKey(existing)) {
      return fail({
        kind: 'out-is-input',
        message: text(
          `输出文件 ${path} 正是本命令读取的输入文件：写入会毁掉输入，因此未写。请换一个输出路径。`,
          `The output ${path} is a file this command reads: writing it would destroy the input, so nothing was written. Choose another output path.`,
        ),
      });
    }
  }
  if (existing && !existing.isFile() && !existing.isDirectory()) return writeStraight(path, write);
  let target = path;
  try {
    if (existing) target = realpathSync(path);
  } catch (error) {
    return failed(error);
  }
  const temporary = `${target}.${process.pid}.partial`;
  let fd: number | undefined;
  try {
    const descriptor = openSync(temporary, 'w');
    fd = descriptor;
    write(putAll(descriptor));
    fd = undefined;
    closeSync(descriptor);
    if (existing?.isFile()) chmodSync(temporary, existing.mode & 0o7777);
    renameSync(temporary, target);
    return ok(true);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    return failed(error);
  }
}

/** Writes into a device or FIFO as it is (no temporary file can be renamed over it). */
function writeStraight(path: string, write: (put: (bytes: Uint8Array) => void) => void): Result<true> {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'w');
    write(putAll(fd));
    return ok(true);
  } catch (error) {
    return failed(error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
