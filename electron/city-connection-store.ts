import { redactDatabaseUrl } from '../shared/city';
import type { CityDatabaseStatus, SetCityDatabaseRequest } from '../shared/ipc';
import type { Result } from '../shared/model';
import { fail, ok, text } from '../shared/model';
import type { SmallFile } from './small-file';

/**
 * The city office's database URL, password included, kept by the main process only (docs/city-office.md).
 * On disk it is encrypted by the operating system (Electron's safeStorage: Keychain, DPAPI, libsecret/
 * kwallet); where no OS encryption is available it is kept in memory for this session only and never
 * written in plain text. The renderer only ever sees the redacted URL.
 */

/** What the store needs of Electron's safeStorage. */
export interface SecretBox {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which keyring safeStorage uses ('basic_text' is a key written in Electron itself). */
  getSelectedStorageBackend?(): string;
}

/** Linux backends that do not protect a secret: a fixed key in Electron's source, or not chosen yet. */
const WEAK_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

/**
 * True when the OS really encrypts: on Linux without a keyring, safeStorage falls back to `basic_text`
 * and still says encryption is available, which would put a readable password on disk.
 */
export function osEncrypts(box: SecretBox, platform: NodeJS.Platform = process.platform): boolean {
  if (!box.isEncryptionAvailable()) return false;
  if (platform !== 'linux' || !box.getSelectedStorageBackend) return true;
  return !WEAK_LINUX_BACKENDS.has(box.getSelectedStorageBackend());
}

/** Where the encrypted URL lives: `smallFile(path, { mode: 0o600 })` in production, memory in tests. */
export type SecretFile = SmallFile;

/** The URL with the typed password put in (URL-encoded); the URL's own password when none was typed. */
export function urlWithPassword(url: string, password: string): Result<string> {
  if (password === '') return ok(url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail({
      kind: 'invalid-request',
      message: text('数据库地址无法解析。', 'The database URL cannot be read.'),
    });
  }
  if (parsed.username === '') {
    return fail({
      kind: 'invalid-request',
      message: text(
        '填写了密码时，地址须含用户名（postgres://用户名@主机/数据库）。',
        'With a password, the URL must name the user (postgres://user@host/database).',
      ),
    });
  }
  parsed.password = password;
  return ok(parsed.toString());
}

/** The configured city database of the desktop app. */
export class CityConnectionStore {
  readonly #box: SecretBox;
  readonly #file: SecretFile;
  readonly #encrypts: boolean;
  #url: string | undefined;
  #remembered = false;

  constructor(box: SecretBox, file: SecretFile, platform: NodeJS.Platform = process.platform) {
    this.#box = box;
    this.#file = file;
    this.#encrypts = osEncrypts(box, platform);
    const stored = file.read();
    if (stored === undefined || !this.#encrypts) return;
    try {
      const value = JSON.parse(stored) as { encryptedUrl?: unknown };
      if (typeof value.encryptedUrl !== 'string') return;
      this.#url = box.decryptString(Buffer.from(value.encryptedUrl, 'base64'));
      this.#remembered = true;
    } catch {
      // Another user's or a damaged file: as if nothing were configured; setting a new one replaces it.
    }
  }

  /** The full URL, for the driver only. */
  url(): string | undefined {
    return this.#url;
  }

  status(): CityDatabaseStatus {
    return {
      shownUrl: this.#url === undefined ? null : redactDatabaseUrl(this.#url),
      remembered: this.#remembered,
    };
  }

  /** Configures the database (null forgets it); kept encrypted on disk when the OS can encrypt. */
  set(request: SetCityDatabaseRequest | null): Result<CityDatabaseStatus> {
    if (request === null) {
      this.#url = undefined;
      this.#remembered = false;
      this.#file.remove();
      return ok(this.status());
    }
    const url = urlWithPassword(request.url, request.password);
    if (!url.ok) return url;
    this.#url = url.value;
    if (this.#encrypts) {
      const encryptedUrl = this.#box.encryptString(url.value).toString('base64');
      this.#file.write(JSON.stringify({ encryptedUrl }));
      this.#remembered = true;
    } else {
      this.#file.remove();
      this.#remembered = false;
    }
    return ok(this.status());
  }
}
