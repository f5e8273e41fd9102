import type { FileOutcome } from '../city/file-city-package';
import type { Language, Result } from '../model';

/**
 * The one IPC contract between the Electron main process and the sandboxed preload. Both sides import
 * these names and types, so a channel cannot be renamed on one side only. The renderer never sees the
 * channels: it talks to the {@link GridPlanBridge} the preload exposes as `window.gridplan`.
 */

/** Channels the renderer invokes (`ipcRenderer.invoke` → `ipcMain.handle`), by operation. */
export const IPC_CHANNELS = {
  openProjectFile: 'gridplan:open-project-file',
  saveProjectFile: 'gridplan:save-project-file',
  getAppInfo: 'gridplan:get-app-info',
  setMenuLanguage: 'gridplan:set-menu-language',
  allowTileOrigin: 'gridplan:allow-tile-origin',
  cityDatabaseStatus: 'gridplan:city-database-status',
  setCityDatabase: 'gridplan:set-city-database',
  fileToCity: 'gridplan:file-to-city',
  pullFromCity: 'gridplan:pull-from-city',
} as const;

/** An operation the renderer may ask the main process for. */
export type IpcOperation = keyof typeof IPC_CHANNELS;

/** Every {@link IpcOperation}, in a fixed order (handy for registering and for tests). */
export const IPC_OPERATIONS = Object.keys(IPC_CHANNELS) as readonly IpcOperation[];

/** Channels the main process sends on (`webContents.send` → `ipcRenderer.on`). */
export const IPC_EVENTS = {
  /** A menu item the renderer must act on, because only it holds the project. */
  menuCommand: 'gridplan:menu-command',
} as const;

/** Kinds of text file the shell opens and saves. */
export const PROJECT_FILE_KINDS = ['geojson', 'json', 'csv', 'txt'] as const;
export type ProjectFileKind = (typeof PROJECT_FILE_KINDS)[number];

/** File name extensions of each kind, without the dot, the preferred one first. */
export const PROJECT_FILE_KIND_EXTENSIONS: Readonly<Record<ProjectFileKind, readonly string[]>> = {
  geojson: ['geojson'],
  json: ['json'],
  csv: ['csv'],
  txt: ['txt'],
};

/**
 * The largest project file the shell reads or writes, in bytes (200 MiB). A township with a million
 * census points stays well below it; anything larger is almost certainly the wrong file and would
 * freeze the window while it is parsed.
 */
export const MAX_PROJECT_FILE_BYTES = 200 * 1024 * 1024;

/** The longest file name the renderer may suggest, in UTF-16 code units. */
export const MAX_FILE_NAME_LENGTH = 200;

/** A text file the person picked in the open dialog. */
export interface OpenedProjectFile {
  /** The base name only (`城关镇.geojson`): the renderer never learns full paths it did not need. */
  readonly fileName: string;
  /** The whole file, decoded (UTF-8, or GB18030 when the bytes are not valid UTF-8). */
  readonly text: string;
}

/** What the renderer asks the save dialog to write. */
export interface SaveProjectFileRequest {
  /** A base name without folders (`城关镇网格.geojson`); the dialog starts with it. */
  readonly suggestedName: string;
  readonly text: string;
  readonly kind: ProjectFileKind;
}

/** Platforms the shell reports; anything unusual is `other`. */
export type AppPlatform = 'win32' | 'darwin' | 'linux' | 'other';

/** What the renderer may know about the desktop shell. */
export interface AppInfo {
  /** GridPlan's version (`0.1.0`), not Electron's. */
  readonly version: string;
  readonly platform: AppPlatform;
}

/**
 * The city office's database as the renderer may see it (docs/city-office.md): never the password, only
 * the URL with `***` in its place (`postgres://planner:***@10.0.0.5/city`).
 */
export interface CityDatabaseStatus {
  /** The redacted URL, or null when no city database is configured. */
  readonly shownUrl: string | null;
  /** Whether the connection (with its password) is kept on this computer, encrypted by the OS. */
  readonly remembered: boolean;
}

/** A new city database: the URL (with or without a password) and, separately, the password typed. */
export interface SetCityDatabaseRequest {
  readonly url: string;
  /** '' keeps the password of the URL (or none). */
  readonly password: string;
}

/** The largest filing package the shell files (bytes, 200 MiB like a project file). */
export const MAX_CITY_PACKAGE_BYTES = 200 * 1024 * 1024;

/** A filing package (报审包) the renderer built, to file to the configured city database. */
export interface FileToCityRequest {
  readonly packageBytes: Uint8Array;
  /** A bare file name, for messages. */
  readonly packageName: string;
  /** Who files (recorded with the filing). */
  readonly author: string;
}

/** The office's answer to a filing: filed, or refused (stale base, overlaps, bad township code). */
export type CityFilingAnswer = FileOutcome;

/** A township's filed division with its neighbours' border grids (`gridplan city pull`'s file). */
export interface CityPullAnswer {
  /** The file `city pull --out` writes, or null when the township has not filed. */
  readonly text: string | null;
  readonly version: number;
  /** SHA-256 of the filed division (the base of the township's next package), null when not filed. */
  readonly filedSha256: string | null;
  readonly neighbourGrids: number;
}

/** Menu items whose work happens in the renderer: 导入… (the import dialog) and 导出 GeoJSON…. */
export const MENU_COMMANDS = ['import', 'export-geojson'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** The payload each operation takes. `undefined`: the operation takes none. */
export interface IpcRequests {
  openProjectFile: undefined;
  saveProjectFile: SaveProjectFileRequest;
  getAppInfo: undefined;
  setMenuLanguage: Language;
  /** A tile server's origin (https://host[:port], or http on loopback); see docs/adr/0007. */
  allowTileOrigin: string;
  cityDatabaseStatus: undefined;
  /** null forgets the configured database. */
  setCityDatabase: SetCityDatabaseRequest | null;
  fileToCity: FileToCityRequest;
  /** A 12-digit township code. */
  pullFromCity: string;
}

/** What each operation answers when it succeeds; `null` from a dialog means the person cancelled. */
export interface IpcResponses {
  openProjectFile: OpenedProjectFile | null;
  /** The full path written. */
  saveProjectFile: string | null;
  getAppInfo: AppInfo;
  setMenuLanguage: null;
  /** The origin as allowed (canonical), or null when the planner declined in the native dialog. */
  allowTileOrigin: string | null;
  cityDatabaseStatus: CityDatabaseStatus;
  setCityDatabase: CityDatabaseStatus;
  fileToCity: CityFilingAnswer;
  pullFromCity: CityPullAnswer;
}

/**
 * Every answer crosses IPC as a value, never as a thrown error: Electron flattens errors thrown in a
 * handler into an English string with a stack-like prefix, and planners must read what went wrong.
 */
export type IpcReply<T> = Result<T>;

/** Kinds of {@link Problem} the shell reports. */
export const IPC_PROBLEM_KINDS = [
  'untrusted-sender',
  'invalid-request',
  'file-too-large',
  'file-unreadable',
  'file-not-text',
  'file-unwritable',
  'city-not-configured',
  'city-unreachable',
  'city-no-schema',
  'city-bad-package',
  'unexpected',
] as const;
export type IpcProblemKind = (typeof IPC_PROBLEM_KINDS)[number];

/**
 * The object the preload exposes to the renderer as `window.gridplan`. It is the only door between
 * the page and the operating system.
 */
export interface GridPlanBridge {
  /** Shows the native open dialog and reads the chosen file (at most {@link MAX_PROJECT_FILE_BYTES}). */
  openProjectFile(): Promise<IpcReply<OpenedProjectFile | null>>;
  /** Shows the native save dialog and writes the text to the chosen path. */
  saveProjectFile(request: SaveProjectFileRequest): Promise<IpcReply<string | null>>;
  getAppInfo(): Promise<IpcReply<AppInfo>>;
  /** Relabels the application menu when the person switches the UI language. */
  setMenuLanguage(language: Language): Promise<IpcReply<null>>;
  /**
   * Asks, in a native dialog of the main process, whether GridPlan may load tiles from this server;
   * when allowed it is remembered on this computer and the window reloads to apply it (docs/adr/0007).
   */
  allowTileOrigin(origin: string): Promise<IpcReply<string | null>>;
  /** The configured city database (redacted), if any. */
  cityDatabaseStatus(): Promise<IpcReply<CityDatabaseStatus>>;
  /** Configures (or with null forgets) the city database; the password stays in the main process. */
  setCityDatabase(request: SetCityDatabaseRequest | null): Promise<IpcReply<CityDatabaseStatus>>;
  /** Files a filing package to the city database (`gridplan city file`'s own function). */
  fileToCity(request: FileToCityRequest): Promise<IpcReply<CityFilingAnswer>>;
  /** Pulls a township's filed division and neighbours' border grids (`gridplan city pull`). */
  pullFromCity(township: string): Promise<IpcReply<CityPullAnswer>>;
  /** Calls the listener for each menu command; returns the function that stops listening. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/** The bridge's members, exactly: the preload must expose these and nothing else. */
export const BRIDGE_MEMBERS = [
  ...IPC_OPERATIONS,
  'onMenuCommand',
] as const satisfies readonly (keyof GridPlanBridge)[];

// Compile-time proof that every operation is a bridge member taking the request and answering the
// response declared above, so the interface and the maps cannot drift apart.
type InvokerOf<K extends IpcOperation> = IpcRequests[K] extends undefined
  ? () => Promise<IpcReply<IpcResponses[K]>>
  : (request: IpcRequests[K]) => Promise<IpcReply<IpcResponses[K]>>;
type BridgeInvokers = { [K in IpcOperation]: InvokerOf<K> };
type AssertExtends<A extends B, B> = A;
type _BridgeMatchesContract = AssertExtends<Pick<GridPlanBridge, IpcOperation>, BridgeInvokers>;
