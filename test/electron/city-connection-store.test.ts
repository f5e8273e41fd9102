import { describe, expect, it } from 'vitest';
import type { SecretBox, SecretFile } from '../../electron/city-connection-store';
import { CityConnectionStore, osEncrypts } from '../../electron/city-connection-store';

/** A keyring stand-in that scrambles reversibly, reporting the given Linux backend. */
function box(backend: string | undefined, available = true): SecretBox {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((byte) => byte ^ 0x5a)),
    decryptString: (encrypted) => Buffer.from(encrypted.map((byte) => byte ^ 0x5a)).toString('utf8'),
    ...(backend === undefined ? {} : { getSelectedStorageBackend: () => backend }),
  };
}

function memoryFile(): SecretFile & { contents: string | undefined } {
  const file = {
    contents: undefined as string | undefined,
    read: () => file.contents,
    write: (contents: string) => {
      file.contents = contents;
    },
    remove: () => {
      file.contents = undefined;
    },
  };
  return file;
}

const URL = 'postgres://office@db.example:5432/city';

describe('city database URL store: only a real keyring keeps the password on disk', () => {
  it('trusts a keyring, and not Linux basic_text (a fixed key) or a backend not chosen yet', () => {
    expect(osEncrypts(box('gnome_libsecret'), 'linux')).toBe(true);
    expect(osEncrypts(box('kwallet6'), 'linux')).toBe(true);
    expect(osEncrypts(box('basic_text'), 'linux')).toBe(false);
    expect(osEncrypts(box('unknown'), 'linux')).toBe(false);
    expect(osEncrypts(box(undefined), 'darwin')).toBe(true);
    expect(osEncrypts(box(undefined, false), 'win32')).toBe(false);
  });

  it('keeps the URL in memory only, and removes an old file, when Linux falls back to basic_text', () => {
    const file = memoryFile();
    file.contents = '{"encryptedUrl":"stale"}';
    const store = new CityConnectionStore(box('basic_text'), file, 'linux');
    const set = store.set({ url: URL, password: 's3cret' });
    expect(set.ok && set.value.remembered).toBe(false);
    expect(store.url()).toContain('s3cret');
    expect(file.contents).toBeUndefined();
  });

  it('remembers the URL encrypted with a keyring, and reads it back in the next session', () => {
    const file = memoryFile();
    const store = new CityConnectionStore(box('gnome_libsecret'), file, 'linux');
    const set = store.set({ url: URL, password: 's3cret' });
    expect(set.ok && set.value.remembered).toBe(true);
    expect(file.contents).not.toContain('s3cret');
    expect(new CityConnectionStore(box('gnome_libsecret'), file, 'linux').url()).toBe(store.url());
    // The same file is not read back once only basic_text is left.
    expect(new CityConnectionStore(box('basic_text'), file, 'linux').url()).toBeUndefined();
  });
});
