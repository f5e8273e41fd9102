import type { Division } from '../model';
import { stringifyDivision } from './geojson';
import { sha256Hex } from './sha256';

/**
 * The filed version a pulled division file is (`gridplan city pull`): the foreign member `cityFiling`
 * names the township, the version, the `divisionSha256` the office filed it under, and `contentSha256`,
 * the SHA-256 of the division itself as GridPlan writes it (without what pull adds: the neighbours'
 * reference layers, the office's remarks and this member). `gridplan package NEW --base PULLED` takes the
 * filed hash and version from it when the division is still what was pulled, so the package names the
 * filed version as its base; a division edited since is not that version and gets its own hash.
 */

/** The foreign member of a pulled file naming the filed version. */
export const CITY_FILING_MEMBER = 'cityFiling';

/** What a pulled file says about the filed version it is. */
export interface EmbeddedCityFiling {
  readonly township: string;
  readonly version: number;
  readonly divisionSha256: string;
  readonly contentSha256: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** The members pull adds to a filed division (see docs/city-office.md). */
const PULLED_MEMBERS: readonly string[] = ['referenceLayers', 'cityComments', CITY_FILING_MEMBER];

/** The SHA-256 of the division as GridPlan writes it, without the members pull adds. */
export function pulledContentSha256(division: Division): string {
  const extra = Object.fromEntries(
    Object.entries(division.meta.extra).filter(([key]) => !PULLED_MEMBERS.includes(key)),
  );
  return sha256Hex(stringifyDivision({ ...division, meta: { ...division.meta, extra } }));
}

/** The member `cityFiling` of a pulled file, checked (untrusted input); undefined for any other file. */
export function embeddedCityFiling(division: Division): EmbeddedCityFiling | undefined {
  const member = division.meta.extra[CITY_FILING_MEMBER];
  if (typeof member !== 'object' || member === null || Array.isArray(member)) return undefined;
  const { township, version, divisionSha256, contentSha256 } = member as Record<string, unknown>;
  if (
    typeof township !== 'string' ||
    typeof version !== 'number' ||
    !Number.isSafeInteger(version) ||
    version < 1 ||
    typeof divisionSha256 !== 'string' ||
    !SHA256.test(divisionSha256) ||
    typeof contentSha256 !== 'string' ||
    !SHA256.test(contentSha256)
  )
    return undefined;
  return { township, version, divisionSha256, contentSha256 };
}

/**
 * The filed version `division` still is: its `cityFiling` when its content is what was pulled (not
 * edited since), else undefined.
 */
export function filedVersionOf(division: Division): EmbeddedCityFiling | undefined {
  const filing = embeddedCityFiling(division);
  return filing && pulledContentSha256(division) === filing.contentSha256 ? filing : undefined;
}
