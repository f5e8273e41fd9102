import { useState } from 'react';
import { diffDivisions } from '../../shared/diff';
import { looksLikeZip, readFilingPackage } from '../../shared/formats/filing-package';
import { parseDivisionGeoJson } from '../../shared/formats/geojson';
import type { Division, LocalText, Result } from '../../shared/model';
import { ok, text } from '../../shared/model';
import type { PickedBytes } from './pick-file-bytes';
import { pickFileBytes } from './pick-file-bytes';
import { pickThenRead } from './pick-then-read';
import type { ReviewRun } from './review-run';
import type { PackageInfo } from './review-settings';
import type { CompareKey, DiffView, ReviewDeps } from './review-types';
import { packageRefused } from './use-filing-packages';
import { parseFrozen } from './use-versions';

/** A file given for 对比: a filing package (checked against its manifest) or a division's GeoJSON. */
function readCompareFile(picked: PickedBytes): Result<Division> {
  if (looksLikeZip(picked.bytes)) {
    const read = readFilingPackage(picked.bytes, picked.fileName);
    return read.ok ? ok(read.value.division) : read;
  }
  return parseDivisionGeoJson(new TextDecoder().decode(picked.bytes));
}

const compareFileRefused = (picked: PickedBytes): LocalText =>
  looksLikeZip(picked.bytes)
    ? packageRefused(picked.fileName)
    : text(`文件“${picked.fileName}”无法读取`, `The file “${picked.fileName}” cannot be read`);

/** What {@link useCompare} needs besides the review's deps. */
export interface CompareDeps extends Pick<ReviewDeps, 'session' | 'notify'> {
  readonly projectId: string | null;
  readonly run: ReviewRun;
  readonly packageInfo: PackageInfo | null;
  readonly versionDivision: (number: number) => Promise<Division>;
}

/** 对比: any two of the versions, the working copy (or the package), the package's base and a file. */
export function useCompare(deps: CompareDeps) {
  const { session, notify, projectId, run, packageInfo, versionDivision } = deps;
  const [taggedDiff, setDiffView] = useState<(DiffView & { projectId: string }) | null>(null);
  // A diff belongs to the project it was made in; another project never shows it.
  const diffView = taggedDiff?.projectId === projectId ? taggedDiff : null;
  const [file, setFile] = useState<{ name: string; division: Division } | null>(null);
  // The sides chosen for 对比, kept here so they survive switching tabs ('' = the default pair).
  const [compareKeys, setCompareKeys] = useState<{ before: CompareKey | ''; after: CompareKey | '' }>({
    before: '',
    after: '',
  });

  const sideDivision = async (key: CompareKey): Promise<{ division: Division; label: LocalText } | null> => {
    if (key === 'working') {
      if (!session) return null;
      return {
        division: session.getState().division,
        label: packageInfo ? text('报审包', 'Package') : text('工作副本', 'Working copy'),
      };
    }
    if (key === 'package')
      return session ? { division: session.getState().division, label: text('报审包', 'Package') } : null;
    if (key === 'base') {
      return packageInfo?.baseText
        ? { division: parseFrozen(packageInfo.baseText), label: text('上一版本', 'Previous version') }
        : null;
    }
    if (key === 'file') return file ? { division: file.division, label: text(file.name, file.name) } : null;
    const number = Number(key.slice(1));
    return { division: await versionDivision(number), label: text(`版本 ${number}`, `Version ${number}`) };
  };

  const compare = (beforeKey: CompareKey, afterKey: CompareKey) =>
    run(text('正在对比…', 'Comparing…'), text('对比失败', 'Comparing failed'), async () => {
      const before = await sideDivision(beforeKey);
      const after = await sideDivision(afterKey);
      if (!before || !after) return;
      if (!projectId) return;
      setDiffView({
        projectId,
        before: before.division,
        after: after.division,
        beforeLabel: before.label,
        afterLabel: after.label,
        diff: diffDivisions(before.division, after.division),
      });
    });

  const loadCompareFile = () =>
    run(
      text('正在读取文件…', 'Reading the file…'),
      text('读取文件失败', 'Reading the file failed'),
      async () => {
        const read = await pickThenRead(
          () => pickFileBytes('.geojson,.json,.zip'),
          readCompareFile,
          compareFileRefused,
          notify,
        );
        if (read) setFile({ name: read.picked.fileName, division: read.value });
      },
    );

  return {
    diffView,
    file,
    compareKeys,
    setCompareKeys,
    compare,
    loadCompareFile,
    closeDiff: () => setDiffView(null),
  };
}
