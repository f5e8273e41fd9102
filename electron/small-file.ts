import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * A small UTF-8 file the main process keeps in the user's data folder (the tile allow-list, the city
 * database's encrypted URL). Stores take this shape so that tests can hand them a file in memory.
 */
export interface SmallFile {
  /** The contents, or undefined when the file is missing or cannot be read. */
  read(): string | undefined;
  /** Replaces the whole file. */
  write(contents: string): void;
  /** Deletes the file; nothing happens when it is missing. */
  remove(): void;
}

/** Options of a small file on disk. */
export interface SmallFileOptions {
  /** File mode of a new file, e.g. 0o600 for a secret only its owner may read (default: the umask's). */
  readonly mode?: number;
}

/** A small file on disk, written to a temporary name and renamed so a crash never leaves half of it. */
export function smallFile(filePath: string, options: SmallFileOptions = {}): SmallFile {
  const temporary = `${filePath}.tmp`;
  return {
    read: () => {
      try {
        return readFileSync(filePath, 'utf8');
      } catch {
        return undefined;
      }
    },
    write: (contents) => {
      writeFileSync(temporary, contents, {
        encoding: 'utf8',
        ...(options.mode === undefined ? {} : { mode: options.mode }),
      });
      renameSync(temporary, filePath);
    },
    remove: () => rmSync(filePath, { force: true }),
  };
}
