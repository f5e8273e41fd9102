import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildFilingPackage } from '../../../shared/cli/build-filing-package';
import { builtinRuleSet } from '../../../shared/model';
import { StorageError } from '../../../renderer/storage/storage-error';
import type { ProjectStore } from '../../../renderer/storage/project-store';
import { PACKAGE_SETTING } from '../../../renderer/review/review-settings';
import { useFilingPackages } from '../../../renderer/review/use-filing-packages';
import { demoDivision, TEST_PDF_MAKERS } from '../../shared/cli/filing-package-fixtures';
import { freshStore } from '../storage/storage-fixtures';

// The file the reviewer picks: a real package, built here (the dialog is the only stand-in).
const picked = vi.hoisted((): { bytes: Uint8Array } => ({ bytes: new Uint8Array(0) }));
vi.mock('../../../renderer/review/pick-file-bytes', () => ({
  pickFileBytes: () => Promise.resolve({ fileName: '报审包.zip', bytes: picked.bytes }),
}));

/** 打开报审包 in a window on `store`: whether it went through, what was notified, what was opened. */
async function openPackage(store: ProjectStore) {
  const built = await buildFilingPackage(demoDivision(), {
    version: 3,
    createdAt: '2026-12-01T08:00:00.000Z',
    ruleSet: builtinRuleSet('zigong')!,
    pdfs: TEST_PDF_MAKERS,
  });
  if (!built.ok) throw new Error('the package was not built');
  picked.bytes = built.value.bytes;
  const opened: string[] = [];
  const failures: unknown[] = [];
  const { openPackage: open } = useFilingPackages({
    store,
    ruleSet: builtinRuleSet('zigong')!,
    language: 'zh',
    openProject: (id: string) => {
      opened.push(id);
      return Promise.resolve();
    },
    notify: () => undefined,
    pdfs: TEST_PDF_MAKERS,
    projectId: null,
    versions: [],
    versionDivision: () => Promise.resolve(demoDivision()),
    run: async (_label, _title, task) => {
      try {
        await task();
        return true;
      } catch (error) {
        failures.push(error);
        return false;
      }
    },
  });
  return { done: await open(), opened, failures };
}

describe('打开报审包', () => {
  afterEach(() => vi.restoreAllMocks());

  it('opens the package as a new project marked as a package under review', async () => {
    const store = await freshStore('open-package');
    const { done, opened } = await openPackage(store);
    expect(done).toBe(true);
    const [project] = await store.listProjects();
    expect(project?.name).toMatch(/^审核 .+ 版本3$/);
    expect(opened).toEqual([project!.id]);
    expect(await store.getSetting(project!.id, PACKAGE_SETTING)).toMatchObject({ fileName: '报审包.zip' });
    store.close();
  });

  it('leaves no project behind when the package marker cannot be stored (disk full)', async () => {
    const store = await freshStore('open-package-full');
    vi.spyOn(store, 'setSetting').mockRejectedValue(new StorageError('quota', 'save'));
    const { done, opened, failures } = await openPackage(store);
    expect(done).toBe(false);
    expect(failures[0]).toBeInstanceOf(StorageError);
    expect(opened).toEqual([]);
    // Without the marker it would have opened later as an ordinary, editable working copy.
    expect(await store.listProjects()).toEqual([]);
    store.close();
  });
});
