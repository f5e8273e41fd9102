// A stand-in for the 'electron' module. The real one downloads its binary on first require, which fails
// on machines without network access, and its APIs only work inside Electron anyway. Each test file
// mocks 'electron' with this module:
//   vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());
// The fakes record what the shell did and enforce the ordering rules Electron enforces (schemes are
// privileged before ready; sessions, protocols and windows only after).
import { EventEmitter } from 'node:events';
import type { Mock } from 'vitest';
import { vi } from 'vitest';

/** The event object Electron passes to navigation listeners (`details` in the newer signatures). */
export interface FakeNavigationEvent {
  readonly url: string;
  readonly preventDefault: Mock<() => void>;
  readonly defaultPrevented: () => boolean;
}

/** An event for a navigation to `url`, recording whether a listener prevented it. */
export function navigationEvent(url: string): FakeNavigationEvent {
  let prevented = false;
  return {
    url,
    preventDefault: vi.fn(() => {
      prevented = true;
    }),
    defaultPrevented: () => prevented,
  };
}

export type WindowOpenHandler = (details: { url: string }) => { action: string };

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | undefined;
  readonly setWindowOpenHandler = vi.fn((handler: WindowOpenHandler) => {
    this.windowOpenHandler = handler;
  });
  readonly send = vi.fn();
  readonly reload = vi.fn();

  /** Emits an event the way Electron does and tells whether any listener prevented it. */
  navigate(eventName: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string): boolean {
    const event = navigationEvent(url);
    this.emit(eventName, event, url);
    return event.defaultPrevented();
  }
}

/** A web frame as `event.senderFrame` exposes it. */
export interface FakeFrame {
  readonly url: string;
  readonly parent: FakeFrame | null;
}

/** The IPC event of a message from a top frame showing `url` (or from a frame that is gone: null). */
export function invokeEvent(
  url: string | null,
  options: { subFrame?: boolean } = {},
): {
  senderFrame: FakeFrame | null;
  sender: FakeWebContents;
} {
  const top: FakeFrame = { url: 'app://gridplan/index.html', parent: null };
  const senderFrame = url === null ? null : options.subFrame ? { url, parent: top } : { url, parent: null };
  return { senderFrame, sender: new FakeWebContents() };
}

export type IpcHandler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

// One fake per test file: vitest isolates files, so module-level state is per file.
let ready = false;
let resolveReady: () => void = () => undefined;
const readyPromise = new Promise<void>((resolve) => {
  resolveReady = resolve;
});
/** What the shell did, in order, for the calls whose order matters. */
const calls: string[] = [];
const windows: FakeBrowserWindow[] = [];
const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
const ipcHandlers = new Map<string, IpcHandler>();

function requireReady(what: string): void {
  if (!ready) throw new Error(`${what} used before the app is ready`);
}

const appEvents = new EventEmitter();
const app = {
  isPackaged: false,
  on: vi.fn((name: string, listener: (...args: unknown[]) => void): unknown => {
    appEvents.on(name, listener);
    return app;
  }),
  emit: (name: string, ...args: unknown[]): boolean => appEvents.emit(name, ...args),
  whenReady: vi.fn(() => readyPromise),
  isReady: (): boolean => ready,
  setName: vi.fn((name: string) => calls.push(`setName ${name}`)),
  setPath: vi.fn((name: string, value: string) => calls.push(`setPath ${name} ${value}`)),
  getPath: vi.fn((name: string) => `/fake/${name}`),
  getVersion: vi.fn(() => '45.4.1'),
  enableSandbox: vi.fn(() => {
    if (ready) throw new Error('enableSandbox after ready');
    calls.push('enableSandbox');
  }),
  requestSingleInstanceLock: vi.fn(() => true),
  quit: vi.fn(),
};

const protocol = {
  registerSchemesAsPrivileged: vi.fn((_schemes: unknown) => {
    if (ready) throw new Error('registerSchemesAsPrivileged after ready');
    calls.push('registerSchemesAsPrivileged');
  }),
  handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => {
    requireReady('protocol.handle');
    calls.push(`protocol.handle ${scheme}`);
    protocolHandlers.set(scheme, handler);
  }),
};

const defaultSession = createFakeSession();
const session = {
  get defaultSession(): FakeSession {
    requireReady('session.defaultSession');
    return defaultSession;
  },
};

const ipcMain = {
  handle: vi.fn((channel: string, handler: IpcHandler) => {
    if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcHandlers.set(channel, handler);
  }),
};

/** Options a window was created with, as far as the tests look at them. */
export interface FakeWindowOptions {
  readonly show?: boolean;
  readonly webPreferences?: Readonly<Record<string, unknown>>;
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly fromWebContents = vi.fn((_contents: unknown): FakeBrowserWindow | null => null);
  static readonly getFocusedWindow = vi.fn((): FakeBrowserWindow | null => null);
  static readonly getAllWindows = vi.fn((): FakeBrowserWindow[] => windows);
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn((_url: string) => Promise.resolve());
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly isMinimized = vi.fn(() => false);
  readonly isDestroyed = vi.fn(() => false);
  constructor(readonly options: FakeWindowOptions) {
    super();
    requireReady('new BrowserWindow');
    calls.push('new BrowserWindow');
    windows.push(this);
  }
}

const dialog = {
  showOpenDialog: vi.fn((..._args: unknown[]) =>
    Promise.resolve({ canceled: true, filePaths: [] as string[] }),
  ),
  showSaveDialog: vi.fn((..._args: unknown[]) => Promise.resolve({ canceled: true, filePath: '' })),
  // Cancel (button 0) unless a test says otherwise.
  showMessageBox: vi.fn((..._args: unknown[]) => Promise.resolve({ response: 0 })),
  showMessageBoxSync: vi.fn((..._args: unknown[]) => 0),
};

const Menu = {
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn((_menu: unknown) => calls.push('setApplicationMenu')),
};

// The OS keychain stand-in: a reversible scrambling (XOR) so that tests can see the stored file never
// holds the URL or password in plain text; `available` switches OS encryption off.
const safeStorage = {
  available: true,
  isEncryptionAvailable: vi.fn((): boolean => safeStorage.available),
  encryptString: vi.fn((plain: string): Buffer =>
    Buffer.from(Buffer.from(plain, 'utf8').map((byte) => byte ^ 0x5a)),
  ),
  decryptString: vi.fn((encrypted: Buffer): string =>
    Buffer.from(encrypted.map((byte) => byte ^ 0x5a)).toString('utf8'),
  ),
};

const contextBridge = { exposeInMainWorld: vi.fn((_name: string, _api: unknown) => undefined) };

class FakeIpcRenderer extends EventEmitter {
  readonly invoke = vi.fn((..._args: unknown[]): Promise<unknown> =>
    Promise.resolve({ ok: true, value: null }),
  );
}
const ipcRenderer = new FakeIpcRenderer();

/** The fake module and handles for the tests. */
export const fake = {
  module: {
    app,
    protocol,
    session,
    ipcMain,
    BrowserWindow: FakeBrowserWindow,
    dialog,
    Menu,
    contextBridge,
    ipcRenderer,
    safeStorage,
  },
  calls,
  windows,
  protocolHandlers,
  ipcHandlers,
  defaultSession,
  /** Fires app readiness and lets everything chained on whenReady() run. */
  becomeReady: async (): Promise<void> => {
    ready = true;
    calls.push('ready');
    resolveReady();
    await new Promise((resolve) => setTimeout(resolve, 0));
  },
};

/** A session as the shell uses it: web request hooks and permission handlers, recorded. */
export function createFakeSession() {
  return {
    webRequest: {
      onHeadersReceived: vi.fn(),
      onBeforeRequest: vi.fn(),
    },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  };
}

export type FakeSession = ReturnType<typeof createFakeSession>;

/** The fake of the current test file. */
export function fakeElectron(): typeof fake {
  return fake;
}

/** What vi.mock('electron') should return. */
export function fakeElectronModule(): (typeof fake)['module'] {
  return fake.module;
}
