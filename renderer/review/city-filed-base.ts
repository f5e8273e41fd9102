import { embeddedCityFiling } from '../../shared/formats/embedded-city-filing';
import { withoutEmbeddedReferenceLayers } from '../../shared/formats/embedded-neighbours';
import { parseDivisionGeoJson } from '../../shared/formats/geojson';
import type { CityPullAnswer } from '../../shared/ipc';
import type { Division } from '../../shared/model';

/** A filing package's base taken from the city office (see {@link filedBaseOf}). */
export interface FiledBase {
  readonly division: Division;
  readonly sha256: string;
  readonly name: string;
}

/**
 * The township's filed version as the base of a version's package, when the version descends from it
 * through 从市级库拉取 → 作为项目打开 (its `cityFiling` member names the filed hash the office still holds):
 * the project has no local version with that hash, but its work started from it. Without this a pulled
 * project could never file: its package had no base and was refused as stale, whose advice was to pull
 * again. Undefined for any other version, or when the office holds something else now.
 */
export function filedBaseOf(version: Division, head: CityPullAnswer): FiledBase | undefined {
  const filing = embeddedCityFiling(version);
  if (!filing || head.filedSha256 === null || head.text === null) return undefined;
  if (filing.divisionSha256 !== head.filedSha256) return undefined;
  const parsed = parseDivisionGeoJson(head.text);
  if (!parsed.ok) return undefined;
  return {
    division: withoutEmbeddedReferenceLayers(parsed.value),
    sha256: head.filedSha256,
    name: `市级库第${head.version}版.geojson`,
  };
}

/**
 * The version number a package filed to the city office carries: the project's own number, or the one
 * after the office's when that is higher (a project pulled from the office numbers its versions from 1,
 * and the office refuses a version not above the one it holds).
 */
export function cityPackageVersion(number: number, head: CityPullAnswer | null): number {
  return head && head.filedSha256 !== null ? Math.max(number, head.version + 1) : number;
}
