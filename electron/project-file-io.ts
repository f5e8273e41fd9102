import { open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { IpcProblemKind, OpenedProjectFile } from '../shared/ipc';
import { MAX_PROJECT_FILE_BYTES } from '../shared/ipc';
import type { LocalText, Problem, Result } from '../shared/model';
import { fail, ok, text } from '../shared/model';

/** A problem of one of the kinds the shell reports. */
export function shellProblem(kind: IpcProblemKind, message: LocalText): Problem {
  return { kind, message };
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/**
 * Decodes a text file. UTF-8 first (with or without BOM); files that are not valid UTF-8 are read as
 * GB18030, a superset of GBK, which is what Chinese GIS tools and Excel write by default.
 */
export function decodeProjectText(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // not UTF-8: try the Chinese legacy encoding below
  }
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch {
    return undefined; // Node without full ICU, or bytes that are not text at all
  }
}

/**
 * Reads a project file the person chose, refusing files over {@link MAX_PROJECT_FILE_BYTES} before
 * reading a byte of them (the size is taken from the open handle, so the file cannot grow in between).
 */
export async function readProjectFile(filePath: string): Promise<Result<OpenedProjectFile>> {
  const fileName = path.basename(filePath);
  let bytes: Uint8Array;
  try {
    const handle = await open(filePath, 'r');
    try {
      const info = await handle.stat();
      if (!info.isFile()) {
        return fail(
          shellProblem('file-unreadable', text(`“${fileName}”不是文件。`, `“${fileName}” is not a file.`)),
        );
      }
      if (info.size > MAX_PROJECT_FILE_BYTES) {
        const size = megabytes(info.size);
        const limit = megabytes(MAX_PROJECT_FILE_BYTES);
        return fail(
          shellProblem(
            'file-too-large',
            text(
              `文件“${fileName}”太大（${size} MB），GridPlan 最多打开 ${limit} MB 的文件。请确认选对了文件，或先把数据拆分。`,
              `The file “${fileName}” is too large (${size} MB); GridPlan opens files up to ${limit} MB. Check that it is the right file, or split the data first.`,
            ),
          ),
        );
      }
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    return fail(unreadable(fileName, error));
  }
  const decoded = decodeProjectText(bytes);
  if (decoded === undefined) {
    return fail(
      shellProblem(
        'file-not-text',
        text(
          `文件“${fileName}”不是 UTF-8 或 GBK 编码的文本文件。`,
          `The file “${fileName}” is not a text file in UTF-8 or GBK.`,
        ),
      ),
    );
  }
  return ok({ fileName, text: decoded });
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

function unreadable(fileName: string, error: unknown): Problem {
  const code = errorCode(error);
  if (code === 'ENOENT') {
    return shellProblem(
      'file-unreadable',
      text(`找不到文件“${fileName}”。`, `The file “${fileName}” does not exist.`),
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return shellProblem(
      'file-unreadable',
      text(`没有权限读取文件“${fileName}”。`, `You do not have permission to read “${fileName}”.`),
    );
  }
  return shellProblem(
    'file-unreadable',
    text(
      `无法读取文件“${fileName}”${code ? `（${code}）` : ''}。`,
      `Could not read “${fileName}”${code ? ` (${code})` : ''}.`,
    ),
  );
}

/**
 * Writes a file through a temporary sibling and a rename, so a crash or a full disk in the middle never
 * leaves a half-written project where the good one was.
 */
export async function writeProjectFile(filePath: string, content: string): Promise<Result<string>> {
  const fileName = path.basename(filePath);
  const temporary = path.join(path.dirname(filePath), `.${fileName}.${process.pid}.gridplan-saving`);
  try {
    await writeFile(temporary, content, { encoding: 'utf8', flag: 'w' });
    await rename(temporary, filePath);
    return ok(filePath);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    const code = errorCode(error);
    const detail =
      code === 'EACCES' || code === 'EPERM' ? '没有写入权限' : code === 'ENOSPC' ? '磁盘已满' : code;
    const detailEn =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ENOSPC'
          ? 'the disk is full'
          : code;
    return fail(
      shellProblem(
        'file-unwritable',
        text(
          `无法保存“${fileName}”${detail ? `（${detail}）` : ''}。原文件（如有）未被改动。`,
          `Could not save “${fileName}”${detailEn ? ` (${detailEn})` : ''}. The existing file, if any, is unchanged.`,
        ),
      ),
    );
  }
}
