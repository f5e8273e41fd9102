import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { redactDatabaseUrl } from '../shared/city';
import type { CityDatabaseStatus, SetCityDatabaseRequest } from '../shared/ipc';
import type { Result } from '../shared/model';
import { fail, ok, text } from '../shared/model';

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
}

/** Where the encrypted URL lives (a file in production, memory in tests). */
export interface SecretFile {
  read(): string | undefined;
  write(contents: string): void;
  remove(): void;
}

/** A small file, written to a temporary name and renamed so a crash never leaves half of it. */
export function secretFile(filePath: string): SecretFile {
  return {
    read: () => {
      try {
        return readFileSync(filePath, 'utf8');
      } catch {
        return undefined;
      }
    },
    write: (contents) => {
      writeFileSync(`${filePath}.tmp`, contents, { encoding: 'utf8', mode: 0o600 });
      renameSync(`${filePath}.tmp`, filePath);
    },
    remove: () => rmSync(filePath, { force: true }),
  };
}

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
  #url: string | undefined;
  #remembered = false;

  constructor(box: SecretBox, file: SecretFile) {
    this.#box = box;
    this.#file = file;
    const stored = file.read();
    if (stored === undefined || !box.isEncryptionAvailable()) return;
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
    if (this.#box.isEncryptionAvailable()) {
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
