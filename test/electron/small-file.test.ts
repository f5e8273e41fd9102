import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smallFile } from '../../electron/small-file';

describe('small file of the main process: whole or not at all', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gridplan-small-file-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads nothing before the first write, then what was written last, leaving no temporary file', async () => {
    const file = smallFile(path.join(dir, 'list.json'));
    expect(file.read()).toBeUndefined();
    file.write('{"origins":[]}');
    file.write('{"origins":["https://a.example.cn"]}');
    expect(file.read()).toBe('{"origins":["https://a.example.cn"]}');
    expect(await readdir(dir)).toEqual(['list.json']);
  });

  it('keeps Chinese text as UTF-8 and forgets the file on remove (twice is harmless)', () => {
    const file = smallFile(path.join(dir, 'name.txt'));
    file.write('新街街道');
    expect(smallFile(path.join(dir, 'name.txt')).read()).toBe('新街街道');
    file.remove();
    file.remove();
    expect(file.read()).toBeUndefined();
  });

  it.skipIf(process.platform === 'win32')(
    'writes a secret readable by its owner only when asked',
    async () => {
      const secret = smallFile(path.join(dir, 'city-database.json'), { mode: 0o600 });
      secret.write('{"encryptedUrl":"…"}');
      expect((await stat(path.join(dir, 'city-database.json'))).mode & 0o777).toBe(0o600);
    },
  );
});
