import { describe, expect, it } from 'vitest';
import type { CliHost } from '../../../shared/cli/cli-host';
import { cannotWriteOut, usageResult, writeOrPrint, writeOutFile } from '../../../shared/cli/command-output';
import { fail, text } from '../../../shared/model';
import { memoryHost } from './memory-host';

const refusingWrite: NonNullable<CliHost['writeBytes']> = () =>
  fail({ kind: 'io', message: text('磁盘已满。', 'The disk is full.') });

describe('how commands answer around their work', () => {
  it('says what is wrong on the command line and where the usage is, exit 2, in both languages', () => {
    const message = text('缺少文件。', 'The file is missing.');
    expect(usageResult('diff', message, 'zh')).toEqual({
      stdout: '',
      stderr: '缺少文件。运行 gridplan diff --help 查看用法。\n',
      exitCode: 2,
    });
    expect(usageResult('divide', message, 'en').stderr).toBe(
      'The file is missing. Run gridplan divide --help for usage.\n',
    );
    expect(cannotWriteOut('en')).toEqual({
      stdout: '',
      stderr: 'This host cannot write files: --out is unavailable.\n',
      exitCode: 2,
    });
  });

  it('prints without --out, and with it writes UTF-8 and says where, keeping the exit code', () => {
    const files = new Map<string, Uint8Array>();
    const host = memoryHost(files);
    const done = text('对比结果已写入', 'Comparison written to');
    expect(writeOrPrint('新街街道\n', undefined, 1, done, host, 'zh')).toEqual({
      stdout: '新街街道\n',
      stderr: '',
      exitCode: 1,
    });
    expect(files.size).toBe(0);
    expect(writeOrPrint('新街街道\n', 'out.txt', 1, done, host, 'zh')).toEqual({
      stdout: '对比结果已写入 out.txt\n',
      stderr: '',
      exitCode: 1,
    });
    expect(new TextDecoder().decode(files.get('out.txt'))).toBe('新街街道\n');
  });

  it('writes bytes as given, and a failed write is exit 2 naming the file and the reason', () => {
    const files = new Map<string, Uint8Array>();
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04]);
    expect(writeOutFile(memoryHost(files).writeBytes!, 'a.zip', bytes, 'en')).toBeNull();
    expect(files.get('a.zip')).toEqual(bytes);
    expect(writeOutFile(refusingWrite, 'a.zip', bytes, 'en')).toEqual({
      stdout: '',
      stderr: 'Cannot write a.zip:\nThe disk is full.\n',
      exitCode: 2,
    });
    const host = { ...memoryHost(files), writeBytes: refusingWrite };
    expect(writeOrPrint('x', 'b.txt', 0, text('已写入', 'Written to'), host, 'zh')).toEqual({
      stdout: '',
      stderr: '无法写入 b.txt：\n磁盘已满。\n',
      exitCode: 2,
    });
  });
});
