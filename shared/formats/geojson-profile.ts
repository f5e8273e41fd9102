import type { Problem, Result } from '../model';
import { fail, ok, text } from '../model';

/**
 * The version of the GeoJSON profile GridPlan writes, as the optional top-level member
 * `gridplanProfile`. Files without it are version 1 (the profile before it was numbered).
 */
export const GRIDPLAN_PROFILE_VERSION = 1;

/** The name of the top-level member that carries the profile version. */
export const PROFILE_MEMBER = 'gridplanProfile';

/** A parsed FeatureCollection: its top-level members, the features an array. */
export type ProfileCollection = Readonly<Record<string, unknown>> & { readonly features: readonly unknown[] };

/**
 * Steps that bring a file of version v to v + 1, by v. Empty while there is one version; a change of the
 * profile adds a step here instead of teaching the reader two shapes.
 */
const MIGRATIONS: Readonly<Record<number, (collection: ProfileCollection) => ProfileCollection>> = {};

/**
 * Brings a parsed FeatureCollection to the current profile version, or refuses a version this GridPlan
 * does not know (written by a newer one) or a member that is not a version at all.
 */
export function migrateProfile(collection: ProfileCollection): Result<ProfileCollection> {
  const declared = collection[PROFILE_MEMBER];
  const version = declared === undefined ? 1 : declared;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail(problem('bad-profile', JSON.stringify(declared)));
  }
  if (version > GRIDPLAN_PROFILE_VERSION) return fail(problem('newer-profile', String(version)));
  let current = collection;
  for (let v = version; v < GRIDPLAN_PROFILE_VERSION; v++) current = MIGRATIONS[v]!(current);
  return ok(current);
}

function problem(kind: 'bad-profile' | 'newer-profile', found: string): Problem {
  return kind === 'newer-profile'
    ? {
        kind,
        message: text(
          `文件由较新版本的 GridPlan 写出（格式版本 ${found}，本程序只认识到 ${GRIDPLAN_PROFILE_VERSION}）。请升级 GridPlan 后再打开。`,
          `The file was written by a newer GridPlan (profile version ${found}; this one knows up to ${GRIDPLAN_PROFILE_VERSION}). Update GridPlan to open it.`,
        ),
      }
    : {
        kind,
        message: text(
          `文件顶层的 ${PROFILE_MEMBER} 应为正整数格式版本，实际为 ${found}。`,
          `The top-level ${PROFILE_MEMBER} must be a positive whole profile version; it is ${found}.`,
        ),
      };
}
