import type { Community, CommunityKind } from './types';

/**
 * A community's kind for work that needs one (automatic division's band and grid type): its own kind,
 * else what its 12-digit code says (digits 10–12: 001–199 a residents' committee 社区, 200–399 a
 * villagers' committee 村, domain.md), else urban. The validator still reports a missing kind.
 */
export function communityKindOf(community: Pick<Community, 'kind' | 'code'>): CommunityKind {
  if (community.kind) return community.kind;
  if (/^\d{12}$/.test(community.code)) {
    const segment = Number(community.code.slice(9, 12));
    if (segment >= 200 && segment <= 399) return 'rural';
  }
  return 'urban';
}
