import type { Community, CommunityKind } from './types';

/**
 * The kind a 12-digit community code says (digits 10–12: 001–199 a residents' committee 社区, 200–399 a
 * villagers' committee 村, domain.md), or null for any other code.
 */
export function kindOfCode(code: string): CommunityKind | null {
  if (!/^\d{12}$/.test(code)) return null;
  const segment = Number(code.slice(9, 12));
  if (segment >= 1 && segment <= 199) return 'urban';
  if (segment >= 200 && segment <= 399) return 'rural';
  return null;
}

/**
 * A community's kind for work that needs one (automatic division's band and grid type): its own kind,
 * else what its code says ({@link kindOfCode}), else urban. The validator still reports a missing kind.
 */
export function communityKindOf(community: Pick<Community, 'kind' | 'code'>): CommunityKind {
  return community.kind ?? kindOfCode(community.code) ?? 'urban';
}
