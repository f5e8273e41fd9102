import { buildFilingPackage } from '../../shared/cli/build-filing-package';
import { readFilingPackage } from '../../shared/formats/filing-package';
import type { CityPullAnswer } from '../../shared/ipc';
import type { Division, LocalText } from '../../shared/model';
import { text } from '../../shared/model';
import { downloadBytes } from '../platform/download-bytes';
import type { VersionRow } from '../storage/version-rows';
import { pickFileBytes } from './pick-file-bytes';
import { pickThenRead } from './pick-then-read';
import type { ReviewRun } from './review-run';
import type { PackageInfo } from './review-settings';
import { PACKAGE_SETTING } from './review-settings';
import type { ReviewDeps } from './review-types';
import { parseFrozen } from './use-versions';
import { cityPackageVersion, filedBaseOf } from './city-filed-base';

/** The refusal title of a filing package that cannot be read or fails its manifest. */
export const packageRefused = (fileName: string): LocalText =>
  text(`报审包“${fileName}”被拒绝`, `The filing package “${fileName}” was refused`);

/** What {@link useFilingPackages} needs besides the review's deps. */
export interface FilingPackagesDeps extends Pick<
  ReviewDeps,
  'store' | 'ruleSet' | 'language' | 'openProject' | 'notify' | 'pdfs'
> {
  readonly projectId: string | null;
  readonly run: ReviewRun;
  readonly versions: readonly VersionRow[];
  readonly versionDivision: (number: number) => Promise<Division>;
}

/** 导出报审包 (and the package 报送市级库 sends) and 打开报审包 (a new read-only project). */
export function useFilingPackages(deps: FilingPackagesDeps) {
  const { store, ruleSet, language, openProject, notify, pdfs, projectId, run, versions, versionDivision } =
    deps;

  /**
   * The filing package of a version: against the previous version as its base, or against the version
   * whose SHA-256 is `baseSha256` (报送市级库: the township's version the city office holds), or none
   * when `baseSha256` is null. Undefined after telling the planner why it could not be made.
   */
  const makePackage = async (
    number: number,
    baseSha256?: string | null,
    cityHead: CityPullAnswer | null = null,
  ): Promise<{ readonly name: string; readonly bytes: Uint8Array } | undefined> => {
    if (!projectId) return undefined;
    const row = versions.find((v) => v.number === number);
    if (!row) return undefined;
    const frozen = await store.versions.body(projectId, number);
    const division = parseFrozen(frozen);
    const previous =
      baseSha256 === undefined
        ? [...versions].reverse().find((v) => v.number < number)
        : versions.find((v) => baseSha256 !== null && v.divisionSha256 === baseSha256 && v.number !== number);
    const base = previous
      ? {
          division: await versionDivision(previous.number),
          sha256: previous.divisionSha256,
          name: `版本${previous.number}.geojson`,
        }
      : baseSha256 && cityHead
        ? filedBaseOf(division, cityHead)
        : undefined;
    const made = await buildFilingPackage(division, {
      version: cityPackageVersion(number, cityHead),
      note: row.note,
      createdAt: new Date().toISOString(),
      ruleSet,
      lang: language,
      pdfs,
      // Stored byte for byte, so the package's divisionSha256 is the version's and its reply finds it.
      divisionText: frozen,
      ...(base ? { base } : {}),
    });
    if (!made.ok) {
      notify(
        'error',
        text('导出报审包失败', 'Exporting the package failed'),
        made.problems.map((p) => p.message),
      );
      return undefined;
    }
    if (made.value.manifest.divisionSha256 !== row.divisionSha256) {
      // The package must hold exactly the frozen text, or the reviewer's reply would not find this version.
      throw new Error('package division differs from the frozen version');
    }
    const township = made.value.manifest.township.name || division.meta.name || 'gridplan';
    const name =
      language === 'zh'
        ? `报审包-${township}-版本${number}.zip`
        : `filing-package-${township}-version-${number}.zip`;
    return { name, bytes: made.value.bytes };
  };

  const exportPackage = (number: number) =>
    run(
      text('正在生成报审包…', 'Making the filing package…'),
      text('导出报审包失败', 'Exporting the package failed'),
      async () => {
        const made = await makePackage(number);
        if (!made) return;
        downloadBytes(made.name, made.bytes, 'application/zip');
        notify('info', text(`已导出报审包：${made.name}`, `Filing package exported: ${made.name}`));
      },
    );

  const openPackage = () =>
    run(
      text('正在打开报审包…', 'Opening the package…'),
      text('打开报审包失败', 'Opening the package failed'),
      async () => {
        const read = await pickThenRead(
          () => pickFileBytes('.zip,application/zip'),
          (picked) => readFilingPackage(picked.bytes, picked.fileName),
          (picked) => packageRefused(picked.fileName),
          notify,
        );
        if (!read) return;
        const { manifest, division, files } = read.value;
        const baseBytes = files.get('base.geojson');
        const info: PackageInfo = {
          fileName: read.picked.fileName,
          manifest: {
            township: manifest.township,
            version: manifest.version,
            createdAt: manifest.createdAt,
            divisionSha256: manifest.divisionSha256,
            ruleSet: manifest.ruleSet,
            ...(manifest.note !== undefined ? { note: manifest.note } : {}),
            ...(manifest.baseSha256 !== undefined ? { baseSha256: manifest.baseSha256 } : {}),
          },
          ...(baseBytes ? { baseText: new TextDecoder().decode(baseBytes) } : {}),
        };
        const township = manifest.township.name || division.meta.name;
        const name =
          language === 'zh'
            ? `审核 ${township} 版本${manifest.version}`
            : `Review of ${township}, version ${manifest.version}`;
        const summary = await store.createProject({
          ...division,
          meta: { ...division.meta, name, ruleSetId: manifest.ruleSet || division.meta.ruleSetId },
        });
        try {
          await store.setSetting(summary.id, PACKAGE_SETTING, info);
        } catch (error) {
          // Without its package marker the project would open as an ordinary, editable working copy.
          await store.deleteProject(summary.id).catch(() => undefined);
          throw error;
        }
        await openProject(summary.id);
      },
    );

  return { makePackage, exportPackage, openPackage };
}
