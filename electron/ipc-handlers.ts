import type { IpcMainInvokeEvent, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { access } from 'node:fs/promises';
import path from 'node:path';
import type {
  AppPlatform,
  IpcOperation,
  IpcReply,
  IpcRequests,
  IpcResponses,
  PayloadValidator,
  ProjectFileKind,
} from '../shared/ipc';
import { IPC_CHANNELS, IPC_REQUEST_VALIDATORS, PROJECT_FILE_KIND_EXTENSIONS } from '../shared/ipc';
import type { Language, LocalText, Result } from '../shared/model';
import { fail, ok, text } from '../shared/model';
import { isAppUrl } from './app-origin';
import type { CityOffice } from './city-office';
import { fileToCity, pullFromCity } from './city-office';
import { canonicalTileOrigin } from './content-security-policy';
import { readProjectFile, shellProblem, writeProjectFile } from './project-file-io';
import { localize, setShellLanguage } from './shell-language';

/**
 * True when an IPC message comes from our own page: the top frame of a window showing `app://gridplan/`.
 * Anything else (a frame that navigated away, a sub-frame, a page from another origin that somehow got
 * loaded) must not reach the file system, whatever it sends.
 */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (frame === null) return false; // the frame navigated or was destroyed since it sent the message
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

const PROJECT_FILE_KIND_LABELS: Readonly<Record<ProjectFileKind, LocalText>> = {
  geojson: text('GeoJSON 项目文件', 'GeoJSON project file'),
  json: text('JSON 文件', 'JSON file'),
  csv: text('CSV 表格', 'CSV table'),
  txt: text('文本文件', 'Text file'),
};

/** The words of the dialogs, in both languages. */
export const DIALOG_TEXT = {
  openTitle: text('打开文件', 'Open file'),
  openFilter: text('GeoJSON 文件', 'GeoJSON files'),
  allFiles: text('所有文件', 'All files'),
  saveTitle: text('保存项目', 'Save project'),
} as const;

/** The options of the open dialog: GeoJSON first, everything else on request. */
export function openDialogOptions(defaultPath: string): OpenDialogOptions {
  return {
    title: localize(DIALOG_TEXT.openTitle),
    defaultPath,
    properties: ['openFile', 'dontAddToRecent'],
    filters: [
      { name: localize(DIALOG_TEXT.openFilter), extensions: ['geojson', 'json'] },
      { name: localize(DIALOG_TEXT.allFiles), extensions: ['*'] },
    ],
  };
}

/** The options of the save dialog for a file of the given kind. */
export function saveDialogOptions(defaultPath: string, kind: ProjectFileKind): SaveDialogOptions {
  return {
    title: localize(DIALOG_TEXT.saveTitle),
    defaultPath,
    properties: ['showOverwriteConfirmation', 'createDirectory'],
    filters: [
      { name: localize(PROJECT_FILE_KIND_LABELS[kind]), extensions: [...PROJECT_FILE_KIND_EXTENSIONS[kind]] },
    ],
  };
}

/** The platform as the contract names it. */
export function appPlatformOf(platform: string): AppPlatform {
  return platform === 'win32' || platform === 'darwin' || platform === 'linux' ? platform : 'other';
}

/** What the handlers need from main.ts. */
export interface IpcHandlerOptions {
  /** GridPlan's version (from package.json at build time). */
  readonly version: string;
  /** Called after the shell language changed, to rebuild the menu. */
  readonly onLanguageChanged: (language: Language) => void;
  /** The tile servers the app may reach (docs/adr/0007); without it, allowTileOrigin is refused. */
  readonly allowList?: { add(origin: string): Result<string>; has(origin: string): boolean };
  /** The city office's database (报送市级库, 从市级库拉取); without it those operations are refused. */
  readonly city?: CityOffice;
}

const NO_CITY = text('此窗口不能连接市级库。', 'This window cannot connect to a city database.');

/** The words of the question before a tile server is allowed. */
export const ALLOW_TILE_TEXT = {
  title: text('允许底图服务器', 'Allow a basemap server'),
  message: (origin: string) =>
    text(
      `允许 GridPlan 从“${origin}”加载底图瓦片吗？`,
      `Allow GridPlan to load basemap tiles from “${origin}”?`,
    ),
  detail: text(
    '该服务器会知道您查看的地区，地址中的密钥也会发给它；项目数据不会发送。允许后窗口将重新加载，此设置保存在本机。',
    'The server will learn which area you view, and receives the key in the address; project data is not sent. The window reloads to apply it; the choice is kept on this computer.',
  ),
  allow: text('允许', 'Allow'),
  cancel: text('取消', 'Cancel'),
} as const;

type Action<K extends IpcOperation> = (
  request: IpcRequests[K],
  event: IpcMainInvokeEvent,
) => Promise<IpcReply<IpcResponses[K]>>;

/**
 * Registers one handler: sender check, then payload validation, then the action. Failures come back
 * as problems; nothing is thrown across IPC.
 */
function handle<K extends IpcOperation>(operation: K, action: Action<K>): void {
  const validate = IPC_REQUEST_VALIDATORS[operation] as PayloadValidator<IpcRequests[K]>;
  ipcMain.handle(
    IPC_CHANNELS[operation],
    async (event, ...args: unknown[]): Promise<IpcReply<IpcResponses[K]>> => {
      if (!isTrustedSender(event)) {
        console.warn(
          `[gridplan] refused ${operation} from untrusted sender ${event.senderFrame?.url ?? '(gone)'}`,
        );
        return fail(
          shellProblem(
            'untrusted-sender',
            text(
              '请求来自不受信任的页面，已拒绝。',
              'The request came from an untrusted page and was refused.',
            ),
          ),
        );
      }
      const checked =
        args.length > 1
          ? { valid: false as const, reason: 'expected at most one argument' }
          : validate(args[0]);
      if (!checked.valid) {
        return fail(
          shellProblem(
            'invalid-request',
            text(`请求无效：${checked.reason}`, `Invalid request: ${checked.reason}`),
          ),
        );
      }
      try {
        return await action(checked.value, event);
      } catch (error) {
        console.error(`[gridplan] ${operation} failed`, error);
        return fail(
          shellProblem(
            'unexpected',
            text(
              '发生了意外错误，操作未完成。',
              'Something unexpected went wrong; the operation did not complete.',
            ),
          ),
        );
      }
    },
  );
}

// The folder the next dialog starts in: where the person last opened or saved a file.
let lastFolder: string | undefined;

function startFolder(): string {
  return lastFolder ?? app.getPath('documents');
}

async function exists(filePath: string): Promise<boolean> {
  return access(filePath).then(
    () => true,
    () => false,
  );
}

/**
 * Adds the kind's extension when the person typed a name without one (GTK's dialog does not), unless a
 * file with that name already exists: the overwrite question was asked for the name they typed, not it.
 */
async function withExtension(filePath: string, kind: ProjectFileKind): Promise<string> {
  if (path.extname(filePath) !== '') return filePath;
  const extended = `${filePath}.${PROJECT_FILE_KIND_EXTENSIONS[kind][0] ?? kind}`;
  return (await exists(extended)) ? filePath : extended;
}

/** Registers every handler of the contract. Call once, after the app is ready. */
export function registerIpcHandlers(options: IpcHandlerOptions): void {
  handle('openProjectFile', async (_request, event) => {
    const parent = BrowserWindow.fromWebContents(event.sender);
    const dialogOptions = openDialogOptions(startFolder());
    const choice = parent
      ? await dialog.showOpenDialog(parent, dialogOptions)
      : await dialog.showOpenDialog(dialogOptions);
    const filePath = choice.filePaths[0];
    if (choice.canceled || filePath === undefined) return ok(null);
    lastFolder = path.dirname(filePath);
    return readProjectFile(filePath);
  });

  handle('saveProjectFile', async (request, event) => {
    const parent = BrowserWindow.fromWebContents(event.sender);
    const dialogOptions = saveDialogOptions(path.join(startFolder(), request.suggestedName), request.kind);
    const choice = parent
      ? await dialog.showSaveDialog(parent, dialogOptions)
      : await dialog.showSaveDialog(dialogOptions);
    if (choice.canceled || !choice.filePath) return ok(null);
    const filePath = await withExtension(choice.filePath, request.kind);
    lastFolder = path.dirname(filePath);
    return writeProjectFile(filePath, request.text);
  });

  handle('getAppInfo', () =>
    Promise.resolve(ok({ version: options.version, platform: appPlatformOf(process.platform) })),
  );

  handle('setMenuLanguage', (language) => {
    setShellLanguage(language);
    options.onLanguageChanged(language);
    return Promise.resolve(ok(null));
  });

  // The page may only ask: the native dialog is the main process's, and only its answer adds the server.
  handle('allowTileOrigin', async (origin, event) => {
    const list = options.allowList;
    const canonical = canonicalTileOrigin(origin);
    if (!list || canonical === null) {
      return fail(
        shellProblem(
          'invalid-request',
          text(
            `“${origin}”不能作为瓦片服务器：只允许 https 源，或本机的 http。`,
            `“${origin}” cannot be a tile server: only https origins, or http on this machine.`,
          ),
        ),
      );
    }
    if (list.has(canonical)) return ok(canonical);
    const parent = BrowserWindow.fromWebContents(event.sender);
    const question = {
      type: 'question' as const,
      title: localize(ALLOW_TILE_TEXT.title),
      message: localize(ALLOW_TILE_TEXT.message(canonical)),
      detail: localize(ALLOW_TILE_TEXT.detail),
      buttons: [localize(ALLOW_TILE_TEXT.cancel), localize(ALLOW_TILE_TEXT.allow)],
      defaultId: 0,
      cancelId: 0,
    };
    const answer = parent
      ? await dialog.showMessageBox(parent, question)
      : await dialog.showMessageBox(question);
    if (answer.response !== 1) return ok(null);
    const added = list.add(canonical);
    if (!added.ok) return added;
    // The document's CSP is fixed when it loads: reload so the new policy applies (not a restart).
    setTimeout(() => event.sender.reload(), 0);
    return ok(added.value);
  });

  // The city office: the password goes in once and never comes back out (only the redacted URL does).
  const city = options.city;
  const noCity = <T>(): Promise<Result<T>> =>
    Promise.resolve(fail(shellProblem('city-not-configured', NO_CITY)));
  handle('cityDatabaseStatus', () => (city ? Promise.resolve(ok(city.store.status())) : noCity()));
  handle('setCityDatabase', (request) => (city ? Promise.resolve(city.store.set(request)) : noCity()));
  handle('fileToCity', (request) => (city ? fileToCity(city, request) : noCity()));
  handle('pullFromCity', (township) => (city ? pullFromCity(city, township) : noCity()));
}
