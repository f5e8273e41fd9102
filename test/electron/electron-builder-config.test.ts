import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// Installers cannot be built offline (electron-builder downloads Electron), so this test holds the
// packaging config to what we need and to electron-builder's own schema. js-yaml and the schema
// validator come with electron-builder; they are loaded the way electron-builder itself loads them.
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const yaml = requireFromBuilder('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = requireFromBuilder('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean }): Promise<void>;
};

interface TargetEntry {
  target: string;
  arch?: string[];
}
interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: string[];
  extraMetadata?: { main?: string };
  asar?: boolean;
  electronFuses?: Record<string, boolean>;
  win?: { target?: TargetEntry[] };
  linux?: { target?: TargetEntry[] };
  mac?: { target?: TargetEntry[] };
  nsis?: { deleteAppDataOnUninstall?: boolean };
}

const projectRoot = path.resolve(import.meta.dirname, '../..');
let config: BuilderConfig = {};
beforeAll(async () => {
  config = yaml.load(await readFile(path.join(projectRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
});

const targetsOf = (platform: { target?: TargetEntry[] } | undefined): string[] =>
  (platform?.target ?? []).map((entry) => entry.target);

describe('electron-builder.yml', () => {
  it('is a valid electron-builder configuration', async () => {
    await expect(validateConfiguration(config, { isEnabled: false })).resolves.toBeUndefined();
  });

  it('would be caught by the schema if it had a misspelt option (the check can fail)', async () => {
    await expect(
      validateConfiguration({ ...config, electronFusess: {} }, { isEnabled: false }),
    ).rejects.toThrow(/electronFusess/);
  });

  it('names the app for good: its id and product name fix the user-data folder', () => {
    expect(config.appId).toBe('cn.gridplan.app');
    expect(config.productName).toBe('GridPlan');
  });

  it('ships only the bundles and starts the bundled main process from the asar', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/renderer/**/*', 'dist-electron/**/*']));
    expect(config.files?.filter((pattern) => !pattern.startsWith('!'))).toEqual([
      'dist/renderer/**/*',
      'dist-electron/**/*',
    ]);
    expect(config.extraMetadata?.main).toBe('dist-electron/main.cjs');
    expect(config.asar).toBe(true);
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds an NSIS installer for Windows, AppImage and deb for Linux, a dmg for macOS', () => {
    expect(targetsOf(config.win)).toEqual(['nsis']);
    expect(targetsOf(config.linux).sort()).toEqual(['AppImage', 'deb']);
    expect(targetsOf(config.mac)).toEqual(['dmg']);
    expect(config.nsis?.deleteAppDataOnUninstall).toBe(false);
  });
});
