// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  openProjectFile,
  ProjectFileError,
  safeFileName,
  saveProjectFile,
} from '../../../renderer/platform/project-files';
import type { GridPlanBridge } from '../../../shared/ipc';
import { MAX_PROJECT_FILE_BYTES } from '../../../shared/ipc';

function fakeBridge(overrides: Partial<GridPlanBridge> = {}): GridPlanBridge {
  return {
    openProjectFile: vi.fn(() => Promise.resolve({ ok: true as const, value: null })),
    saveProjectFile: vi.fn(() => Promise.resolve({ ok: true as const, value: '/home/planner/a.geojson' })),
    getAppInfo: vi.fn(() =>
      Promise.resolve({ ok: true as const, value: { version: '0.1.0', platform: 'linux' as const } }),
    ),
    setMenuLanguage: vi.fn(() => Promise.resolve({ ok: true as const, value: null })),
    allowTileOrigin: vi.fn(() => Promise.resolve({ ok: true as const, value: null })),
    onMenuCommand: vi.fn(() => () => undefined),
    cityDatabaseStatus: vi.fn(() =>
      Promise.resolve({ ok: true as const, value: { shownUrl: null, remembered: false } }),
    ),
    setCityDatabase: vi.fn(() =>
      Promise.resolve({ ok: true as const, value: { shownUrl: null, remembered: false } }),
    ),
    fileToCity: vi.fn(() => Promise.reject(new Error('not used by this test'))),
    pullFromCity: vi.fn(() => Promise.reject(new Error('not used by this test'))),
    ...overrides,
  };
}

afterEach(() => {
  delete window.gridplan;
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('on the desktop (window.gridplan present)', () => {
  it('opens through the bridge', async () => {
    window.gridplan = fakeBridge({
      openProjectFile: () => Promise.resolve({ ok: true, value: { fileName: '城关镇.geojson', text: '{}' } }),
    });
    expect(await openProjectFile()).toEqual({ fileName: '城关镇.geojson', text: '{}' });
  });

  it('passes null through when the person cancels', async () => {
    window.gridplan = fakeBridge();
    expect(await openProjectFile()).toBeNull();
  });

  it('turns a problem into a ProjectFileError carrying the bilingual message', async () => {
    const problem = { kind: 'file-too-large', message: { zh: '文件太大', en: 'The file is too large' } };
    window.gridplan = fakeBridge({
      openProjectFile: () => Promise.resolve({ ok: false, problems: [problem] }),
    });
    const error: unknown = await openProjectFile().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProjectFileError);
    expect((error as ProjectFileError).problem).toEqual(problem);
    expect((error as ProjectFileError).message).toBe('The file is too large');
  });

  it('saves through the bridge with the kind taken from the name', async () => {
    const bridge = fakeBridge();
    window.gridplan = bridge;
    expect(await saveProjectFile('城关镇.geojson', '{}')).toBe('/home/planner/a.geojson');
    await saveProjectFile('报告.csv', 'a,b');
    await saveProjectFile('A/B 村', '{}');
    expect(vi.mocked(bridge.saveProjectFile).mock.calls).toEqual([
      [{ suggestedName: '城关镇.geojson', text: '{}', kind: 'geojson' }],
      [{ suggestedName: '报告.csv', text: '\ufeffa,b', kind: 'csv' }],
      [{ suggestedName: 'A_B 村.geojson', text: '{}', kind: 'geojson' }],
    ]);
  });
});

describe('in the browser (no bridge)', () => {
  /** Makes the next file input "choose" a file (or cancel) when clicked. */
  function pickOnClick(file: File | null): void {
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      if (file === null) {
        this.dispatchEvent(new Event('cancel'));
        return;
      }
      Object.defineProperty(this, 'files', { value: [file], configurable: true });
      this.dispatchEvent(new Event('change'));
    });
  }

  it('opens through a hidden file input and cleans it up', async () => {
    pickOnClick(new File(['\ufeff{"type":"FeatureCollection"}'], '城关镇.geojson'));
    expect(await openProjectFile()).toEqual({
      fileName: '城关镇.geojson',
      text: '{"type":"FeatureCollection"}',
    });
    expect(document.querySelector('input')).toBeNull();
  });

  it('returns null when the picker is cancelled', async () => {
    pickOnClick(null);
    expect(await openProjectFile()).toBeNull();
  });

  it('refuses a file over the size cap', async () => {
    const file = new File(['{}'], 'huge.geojson');
    Object.defineProperty(file, 'size', { value: MAX_PROJECT_FILE_BYTES + 1 });
    pickOnClick(file);
    const error: unknown = await openProjectFile().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProjectFileError);
    expect((error as ProjectFileError).problem.kind).toBe('file-too-large');
    expect((error as ProjectFileError).problem.message.zh).toContain('huge.geojson');
  });

  it('saves by downloading a blob under the suggested name', async () => {
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:gridplan/1');
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    expect(await saveProjectFile('城关镇.geojson', '{"a":1}')).toBe('城关镇.geojson');
    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.download).toBe('城关镇.geojson');
    expect(clicked[0]?.href).toBe('blob:gridplan/1');
    const blob = createObjectURL.mock.calls[0]?.[0] as Blob | undefined;
    expect(blob?.type).toBe('application/geo+json;charset=utf-8');
    expect(await blob?.text()).toBe('{"a":1}');
    expect(document.querySelector('a')).toBeNull();
  });
});

describe('safeFileName', () => {
  it('replaces what the desktop shell would refuse', () => {
    expect(safeFileName('城关镇/东区:2026?.geojson')).toBe('城关镇_东区_2026_.geojson');
    expect(safeFileName('..')).toBe('gridplan.geojson');
    expect(safeFileName('   ')).toBe('gridplan.geojson');
    expect(safeFileName('a\nb.csv')).toBe('a_b.csv');
  });
});
