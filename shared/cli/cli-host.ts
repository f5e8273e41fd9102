import type { CityDatabase } from '../city/city-database';
import type { CityRequest, CityResponse } from '../city/city-server';
import type { Result } from '../model';
import type { InflateRaw } from '../formats/zip-entries';

/**
 * What a write may replace. A host refuses to write over a file the command has read (`validate F --out
 * F` would put the report in place of the division), except the one input named here: import's
 * `--into F --out F` adds a layer to F.
 */
export interface WriteOptions {
  readonly mayReplace?: string;
}

/**
 * What the command core needs from its host (scripts/gridplan.ts in Node, tests in memory). The core is
 * pure: it never touches the file system itself, so every command can be tested without a process.
 */
export interface CliHost {
  /**
   * Called as a command starts: the host forgets what earlier commands read (tests run many commands
   * in one process; which files a command read decides what its `--out` may replace).
   */
  readonly beginCommand?: () => void;
  /** Reads a text file as UTF-8. */
  readText(path: string): Result<string>;
  /** Binary reads, writes and sizes; hosts without them cannot run the commands that need them. */
  readBytes?: (path: string) => Result<Uint8Array>;
  /**
   * Reads a file piece by piece: `read` is called with the bytes read in turn (a window of a few MB, so
   * a 180 MB division is never held whole) and its answer is returned. Errors of opening or reading are
   * a failed Result. Hosts without it read whole files with `readBytes`.
   */
  readPieces?: <T>(path: string, read: (readInto: (into: Uint8Array) => number) => T) => Result<T>;
  /**
   * Raw DEFLATE (RFC 1951) in native code, for the zips the command line writes (Node's zlib); hosts
   * without it zip with fflate, in JavaScript.
   */
  deflateRaw?: (bytes: Uint8Array) => Uint8Array;
  /**
   * Raw INFLATE in native code producing at most `maxLength` bytes (Node's zlib), for the workbooks the
   * command line reads; hosts without it inflate with fflate, in JavaScript.
   */
  inflateRaw?: InflateRaw;
  /**
   * Writes a file atomically: a temporary file beside the target, renamed over it; removed on failure, so
   * an `--out` target is either the new file or exactly what it was.
   */
  writeBytes?: (path: string, bytes: Uint8Array, options?: WriteOptions) => Result<true>;
  /**
   * {@link CliHost.writeBytes} of bytes made piece by piece: `write` is called with `put`, which writes
   * the bytes it is given after those before (and may reuse them once it returns). The file is written
   * atomically, as by writeBytes; a failure of `put` fails the whole write. Hosts without it get the
   * pieces joined.
   */
  writePieces?: (
    path: string,
    write: (put: (bytes: Uint8Array) => void) => void,
    options?: WriteOptions,
  ) => Result<true>;
  /** Size in bytes, or undefined when there is no such file. Lets huge files be refused unread. */
  fileSize?: (path: string) => number | undefined;
  /**
   * A file shipped with the program, by name (the PDF fonts: `NotoSansSC-Regular.ttf`,
   * `NotoSansSC-Bold.ttf`); hosts without it cannot make PDFs.
   */
  readAsset?: (name: string) => Result<Uint8Array>;
  /**
   * Connects to the city office's PostgreSQL + PostGIS database (scripts/city-host.ts); hosts without it
   * cannot run `gridplan city`. A failure's message never contains the URL's password.
   */
  openCityDatabase?: (url: string) => Promise<Result<CityDatabase>>;
  /**
   * Serves HTTP on `host:port` with the handler made for the server's base URL, until the process is
   * told to stop (SIGINT/SIGTERM); resolves then. Used by `city serve`.
   */
  serveHttp?: (
    options: { readonly port: number; readonly host: string },
    makeHandler: (baseUrl: string) => (request: CityRequest) => Promise<CityResponse>,
  ) => Promise<Result<true>>;
  /** Version of the package, for `--version`. */
  readonly version?: string;
}
