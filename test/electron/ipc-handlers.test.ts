import { access, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerIpcHandlers } from '../../electron/ipc-handlers';
import { setShellLanguage } from '../../electron/shell-language';
import { TileAllowList } from '../../electron/tile-allow-list';
import type { IpcOperation } from '../../shared/ipc';
import { IPC_CHANNELS, IPC_OPERATIONS, MAX_PROJECT_FILE_BYTES } from '../../shared/ipc';
import type { Problem, Result } from '../../shared/model';
import { fakeElectron, invokeEvent } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const fake = fakeElectron();
const { dialog } = fake.module;
const onLanguageChanged = vi.fn();
const APP_PAGE = 'app://gridplan/index.html';
const VALID_REQUESTS: Record<IpcOperation, unknown> = {
  openProjectFile: undefined,
  saveProjectFile: { suggestedName: '城关镇.geojson', text: '{}', kind: 'geojson' },
  getAppInfo: undefined,
  setMenuLanguage: 'zh',
  allowTileOrigin: 'https://tiles.example.cn',
  cityDatabaseStatus: undefined,
  setCityDatabase: null,
  fileToCity: { packageBytes: new Uint8Array([1]), packageName: '报审包.zip', author: '' },
  pullFromCity: '510302001000',
};
let stored: string | undefined;
const allowList = new TileAllowList([], {
  read: () => stored,
  write: (contents) => {
    stored = contents;
  },
});

let folder = '';
beforeAll(async () => {
  registerIpcHandlers({ version: '0.1.0', onLanguageChanged, allowList });
  folder = await mkdtemp(path.join(tmpdir(), 'gridplan-ipc-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));
beforeEach(() => {
  vi.clearAllMocks();
  setShellLanguage('zh');
  // Refusals are logged for whoever debugs a packaged app; here they would only bury the report.
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

/** Calls the registered handler of an operation as Electron would. */
async function invoke(operation: IpcOperation, event: unknown, ...args: unknown[]): Promise<Result<unknown>> {
  const handler = fake.ipcHandlers.get(IPC_CHANNELS[operation]);
  if (!handler) throw new Error(`no handler for ${operation}`);
  return (await handler(event, ...args)) as Result<unknown>;
}

const fromApp = (...args: unknown[]): [unknown, ...unknown[]] => [invokeEvent(APP_PAGE), ...args];

function problemOf(result: Result<unknown>): Problem {
  if (result.ok) throw new Error(`expected a problem, got ${JSON.stringify(result.value)}`);
  const [problem] = result.problems;
  if (!problem) throw new Error('a failed result without problems');
  return problem;
}

function valueOf(result: Result<unknown>): unknown {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.problems)}`);
  return result.value;
}

describe('registration', () => {
  it('registers exactly one handler per operation of the contract', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
  });
});

describe('sender check', () => {
  const FOREIGN_SENDERS: [string, unknown][] = [
    ['a remote page', invokeEvent('https://evil.example/')],
    ['a local web server', invokeEvent('http://127.0.0.1:5174/index.html')],
    ['a file page', invokeEvent('file:///tmp/index.html')],
    ['a look-alike host', invokeEvent('app://gridplan.evil/index.html')],
    ['a frame that is gone', invokeEvent(null)],
    ['a sub-frame of our page', invokeEvent(APP_PAGE, { subFrame: true })],
  ];

  it.each(IPC_OPERATIONS)(
    '%s refuses every foreign sender before looking at the payload or opening a dialog',
    async (operation) => {
      for (const [who, event] of FOREIGN_SENDERS) {
        const problem = problemOf(await invoke(operation, event, VALID_REQUESTS[operation]));
        expect(problem.kind, who).toBe('untrusted-sender');
        expect(problem.message.zh).toMatch(/不受信任/);
        expect(problem.message.en).toMatch(/untrusted/);
      }
      expect(dialog.showOpenDialog).not.toHaveBeenCalled();
      expect(dialog.showSaveDialog).not.toHaveBeenCalled();
      expect(onLanguageChanged).not.toHaveBeenCalled();
    },
  );

  it.each(IPC_OPERATIONS)('%s accepts our own page', async (operation) => {
    const result = await invoke(operation, ...fromApp(VALID_REQUESTS[operation]));
    // The city operations get past the checks and then say no city database is configured here
    // (test/electron/city-office.test.ts files for real).
    if (operation in { cityDatabaseStatus: 1, setCityDatabase: 1, fileToCity: 1, pullFromCity: 1 }) {
      expect(problemOf(result).kind).toBe('city-not-configured');
    } else expect(result.ok).toBe(true);
  });
});

describe('payload validation', () => {
  const INVALID: [IpcOperation, unknown[]][] = [
    ['openProjectFile', [{ path: '/etc/passwd' }]],
    ['getAppInfo', ['please']],
    ['setMenuLanguage', ['fr']],
    ['setMenuLanguage', []],
    ['saveProjectFile', []],
    ['saveProjectFile', [{ suggestedName: '../../.bashrc', text: 'rm -rf ~', kind: 'txt' }]],
    ['saveProjectFile', [{ suggestedName: 'a.geojson', text: '{}', kind: 'geojson', path: '/etc' }]],
    ['saveProjectFile', [{ suggestedName: 'a.exe', text: 'MZ', kind: 'exe' }]],
    ['saveProjectFile', [VALID_REQUESTS.saveProjectFile, 'extra']],
  ];

  it.each(INVALID)('%s refuses %j without acting', async (operation, args) => {
    const problem = problemOf(await invoke(operation, ...fromApp(...args)));
    expect(problem.kind).toBe('invalid-request');
    expect(problem.message.zh).toMatch(/^请求无效/);
    expect(problem.message.en).toMatch(/^Invalid request/);
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(onLanguageChanged).not.toHaveBeenCalled();
  });
});

describe('open project file', () => {
  const choose = (filePath: string): void => {
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [filePath] });
  };

  it('returns null when the dialog is cancelled', async () => {
    expect(valueOf(await invoke('openProjectFile', ...fromApp()))).toBeNull();
    expect(dialog.showOpenDialog).toHaveBeenCalledTimes(1);
  });

  it('shows a GeoJSON dialog in the shell language', async () => {
    await invoke('openProjectFile', ...fromApp());
    const options = dialog.showOpenDialog.mock.calls[0]?.at(-1) as {
      title: string;
      properties: string[];
      filters: { name: string; extensions: string[] }[];
    };
    expect(options.title).toBe('打开文件');
    expect(options.properties).toContain('openFile');
    expect(options.properties).not.toContain('multiSelections');
    expect(options.filters[0]).toEqual({ name: 'GeoJSON 文件', extensions: ['geojson', 'json'] });
  });

  it('reads the chosen file and returns its base name and text (UTF-8 with BOM)', async () => {
    const filePath = path.join(folder, '城关镇.geojson');
    await writeFile(filePath, '\ufeff{"type":"FeatureCollection","features":[]}');
    choose(filePath);
    expect(valueOf(await invoke('openProjectFile', ...fromApp()))).toEqual({
      fileName: '城关镇.geojson',
      text: '{"type":"FeatureCollection","features":[]}',
    });
  });

  it('decodes GBK files written by Chinese GIS tools', async () => {
    const filePath = path.join(folder, 'gbk.geojson');
    await writeFile(filePath, Buffer.from([0x7b, 0x22, 0xb3, 0xc7, 0xb9, 0xd8, 0x22, 0x7d])); // {"城关"}
    choose(filePath);
    expect(valueOf(await invoke('openProjectFile', ...fromApp()))).toEqual({
      fileName: 'gbk.geojson',
      text: '{"城关"}',
    });
  });

  it('refuses a file over the size cap with a clear message, without reading it', async () => {
    const filePath = path.join(folder, 'huge.geojson');
    await writeFile(filePath, '');
    await truncate(filePath, MAX_PROJECT_FILE_BYTES + 1); // sparse: costs no disk
    choose(filePath);
    const problem = problemOf(await invoke('openProjectFile', ...fromApp()));
    expect(problem.kind).toBe('file-too-large');
    expect(problem.message.zh).toContain('huge.geojson');
    expect(problem.message.zh).toContain('200.0 MB');
    expect(problem.message.en).toContain('too large');
    expect(problem.message.en).toContain('200.0 MB');
  });

  it('opens .json files as well', async () => {
    const filePath = path.join(folder, 'small.json');
    await writeFile(filePath, '[]');
    choose(filePath);
    expect(valueOf(await invoke('openProjectFile', ...fromApp()))).toEqual({
      fileName: 'small.json',
      text: '[]',
    });
  });

  it('reports a missing file as a problem, not a crash', async () => {
    choose(path.join(folder, 'gone.geojson'));
    const problem = problemOf(await invoke('openProjectFile', ...fromApp()));
    expect(problem.kind).toBe('file-unreadable');
    expect(problem.message.en).toContain('gone.geojson');
  });

  it('reports an unexpected failure as a problem', async () => {
    dialog.showOpenDialog.mockRejectedValueOnce(new Error('dialog exploded'));
    vi.spyOn(console, 'error').mockImplementationOnce(() => undefined);
    const problem = problemOf(await invoke('openProjectFile', ...fromApp()));
    expect(problem.kind).toBe('unexpected');
    expect(JSON.stringify(problem)).not.toContain('exploded');
  });
});

describe('save project file', () => {
  const request = {
    suggestedName: '城关镇网格.geojson',
    text: '{"type":"FeatureCollection","features":[]}',
    kind: 'geojson',
  };
  const choose = (filePath: string): void => {
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath });
  };

  it('returns null when the dialog is cancelled and writes nothing', async () => {
    expect(valueOf(await invoke('saveProjectFile', ...fromApp(request)))).toBeNull();
    expect(dialog.showSaveDialog).toHaveBeenCalledTimes(1);
  });

  it('suggests the name and filters by kind, asking before overwriting', async () => {
    await invoke('saveProjectFile', ...fromApp({ ...request, suggestedName: 'report.csv', kind: 'csv' }));
    const options = dialog.showSaveDialog.mock.calls[0]?.at(-1) as {
      title: string;
      defaultPath: string;
      properties: string[];
      filters: { name: string; extensions: string[] }[];
    };
    expect(options.title).toBe('保存项目');
    expect(path.basename(options.defaultPath)).toBe('report.csv');
    expect(options.properties).toContain('showOverwriteConfirmation');
    expect(options.filters).toEqual([{ name: 'CSV 表格', extensions: ['csv'] }]);
  });

  it('writes the text to the chosen path and returns it', async () => {
    const filePath = path.join(folder, 'saved.geojson');
    choose(filePath);
    expect(valueOf(await invoke('saveProjectFile', ...fromApp(request)))).toBe(filePath);
    expect(await readFile(filePath, 'utf8')).toBe(request.text);
  });

  it('adds the extension when the person typed a bare name', async () => {
    const bare = path.join(folder, 'bare');
    choose(bare);
    expect(valueOf(await invoke('saveProjectFile', ...fromApp(request)))).toBe(`${bare}.geojson`);
    await expect(access(`${bare}.geojson`)).resolves.toBeUndefined();
  });

  it('replaces an existing file whole', async () => {
    const filePath = path.join(folder, 'replace.geojson');
    await writeFile(filePath, 'x'.repeat(10_000));
    choose(filePath);
    await invoke('saveProjectFile', ...fromApp(request));
    expect(await readFile(filePath, 'utf8')).toBe(request.text);
  });

  it('reports a folder it cannot write to as a problem', async () => {
    choose(path.join(folder, 'no-such-folder', 'x.geojson'));
    const problem = problemOf(await invoke('saveProjectFile', ...fromApp(request)));
    expect(problem.kind).toBe('file-unwritable');
    expect(problem.message.zh).toContain('x.geojson');
    expect(problem.message.en).toContain('unchanged');
  });
});

describe('app info and menu language', () => {
  it('reports our version and the platform', async () => {
    const info = valueOf(await invoke('getAppInfo', ...fromApp())) as { version: string; platform: string };
    expect(info.version).toBe('0.1.0');
    expect(['win32', 'darwin', 'linux', 'other']).toContain(info.platform);
  });

  it('switches the shell language and dialogs follow', async () => {
    expect(valueOf(await invoke('setMenuLanguage', ...fromApp('en')))).toBeNull();
    expect(onLanguageChanged).toHaveBeenCalledWith('en');
    await invoke('openProjectFile', ...fromApp());
    const options = dialog.showOpenDialog.mock.calls[0]?.at(-1) as { title: string };
    expect(options.title).toBe('Open file');
  });
});

describe('allowing a tile server at run time (docs/adr/0007)', () => {
  it('asks in a native dialog; declined, nothing is allowed and the window stays', async () => {
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0 });
    const event = invokeEvent(APP_PAGE);
    const handler = fake.ipcHandlers.get(IPC_CHANNELS.allowTileOrigin)!;
    expect(valueOf((await handler(event, 'https://declined.example.cn')) as Result<unknown>)).toBeNull();
    expect(allowList.has('https://declined.example.cn')).toBe(false);
    expect(event.sender.reload).not.toHaveBeenCalled();
  });

  it('allowed, the canonical origin is stored and the window reloads to apply the new policy', async () => {
    dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
    const event = invokeEvent(APP_PAGE);
    const handler = fake.ipcHandlers.get(IPC_CHANNELS.allowTileOrigin)!;
    const result = (await handler(event, 'https://T0.Tianditu.gov.cn:443')) as Result<unknown>;
    expect(valueOf(result)).toBe('https://t0.tianditu.gov.cn');
    const question = dialog.showMessageBox.mock.calls.at(-1)?.at(-1) as { message: string; detail: string };
    expect(question.message).toContain('https://t0.tianditu.gov.cn');
    expect(allowList.has('https://t0.tianditu.gov.cn')).toBe(true);
    expect(JSON.parse(stored!)).toEqual({ origins: ['https://t0.tianditu.gov.cn'] });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(event.sender.reload).toHaveBeenCalled();
  });

  it('refuses what is not an allowed kind of origin without asking', async () => {
    const before = dialog.showMessageBox.mock.calls.length;
    const handler = fake.ipcHandlers.get(IPC_CHANNELS.allowTileOrigin)!;
    for (const origin of ['http://tiles.example.cn', 'https://*.example.cn', 'https://a.cn/tiles']) {
      const problem = problemOf((await handler(invokeEvent(APP_PAGE), origin)) as Result<unknown>);
      expect(problem.kind).toBe('invalid-request');
      expect(problem.message.zh).toContain('不能作为瓦片服务器');
    }
    expect(dialog.showMessageBox.mock.calls.length).toBe(before);
  });
});
