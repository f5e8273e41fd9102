import type { Change, Community, CommunityKind, Division, Entity, Problem, Result, Township } from '../model';
import { change, fail, ok, text } from '../model';

/** What the 属性 panel edits on a community (社区/行政村). */
export interface CommunityAttributes {
  readonly name: string;
  /** 12 digits, the national statistics code (统计用区划代码). */
  readonly code: string;
  readonly kind: CommunityKind | null;
}

/** What the 属性 panel edits on a township (乡镇/街道). */
export interface TownshipAttributes {
  readonly name: string;
  /** 12 digits ending in 000 (interchange profile). */
  readonly code: string;
  /** 监督电话, printed on every public notice; empty to leave it out. */
  readonly supervisionPhone: string;
}

const COMMUNITY_CODE = /^\d{12}$/;
const TOWNSHIP_CODE = /^\d{9}000$/;
/** A phone number as planners write them: 11-digit mobile, or a landline with area code. */
export const PHONE_NUMBER = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

function problem(kind: string, zh: string, en: string): Problem {
  return { kind, message: text(zh, en) };
}

/** Why a community's new attributes cannot be stored, or nothing when they can. */
export function communityAttributeProblems(
  division: Division,
  communityId: string,
  attributes: CommunityAttributes,
): Problem[] {
  const problems: Problem[] = [];
  if (attributes.name.trim() === '')
    problems.push(problem('missing-name', '请填写社区/行政村名称。', 'Give the community a name.'));
  const code = attributes.code.trim();
  if (!COMMUNITY_CODE.test(code)) {
    problems.push(
      problem(
        'bad-code',
        `社区/行政村编码应为 12 位数字（统计用区划代码），现为“${code}”。`,
        `A community code is 12 digits (the statistics code); found “${code}”.`,
      ),
    );
  } else {
    const other = [...division.community.values()].find((c) => c.id !== communityId && c.code === code);
    if (other) {
      problems.push(
        problem(
          'duplicate-code',
          `编码 ${code} 已属于社区/行政村「${other.name}」。`,
          `The code ${code} already belongs to the community “${other.name}”.`,
        ),
      );
    }
  }
  return problems;
}

/** Why a township's new attributes cannot be stored, or nothing when they can. */
export function townshipAttributeProblems(attributes: TownshipAttributes): Problem[] {
  const problems: Problem[] = [];
  if (attributes.name.trim() === '')
    problems.push(problem('missing-name', '请填写乡镇/街道名称。', 'Give the township a name.'));
  const code = attributes.code.trim();
  if (!TOWNSHIP_CODE.test(code)) {
    problems.push(
      problem(
        'bad-code',
        `乡镇/街道编码应为 12 位数字、以 000 结尾（如 510302001000），现为“${code}”。`,
        `A township code is 12 digits ending in 000 (e.g. 510302001000); found “${code}”.`,
      ),
    );
  }
  const phone = attributes.supervisionPhone.trim();
  if (phone !== '' && !PHONE_NUMBER.test(phone)) {
    problems.push(
      problem(
        'bad-phone',
        `监督电话“${phone}”不像电话号码（手机 11 位，固话带区号，如 0813-2201234）。`,
        `The supervision phone “${phone}” does not look like a phone number (11-digit mobile, or a landline with area code such as 0813-2201234).`,
      ),
    );
  }
  return problems;
}

/**
 * Stores a community's name, code and kind (城市社区/农村) as one undoable Change. A new code moves its
 * grids with it (their `parentCode`), in the same change, so no grid is left without its village; grid
 * codes are never renumbered (domain.md), the validator reports any that no longer fit the template.
 */
export function editCommunityCommand(
  division: Division,
  communityId: string,
  attributes: CommunityAttributes,
  note: string,
): Result<Change> {
  const community = division.community.get(communityId);
  if (!community) {
    return fail(
      problem('not-found', '找不到该社区/行政村，可能已被删除。', 'The community no longer exists.'),
    );
  }
  const problems = communityAttributeProblems(division, communityId, attributes);
  if (problems.length > 0) return fail(...problems);
  const code = attributes.code.trim();
  const next: Community = { ...community, name: attributes.name.trim(), code, kind: attributes.kind };
  const put: Entity[] = [next];
  if (code !== community.code) {
    for (const grid of division.grid.values())
      if (grid.parentCode === community.code) put.push({ ...grid, parentCode: code });
  }
  return ok(change(note, put));
}

/** Stores a township's name, code and supervision phone (监督电话) as one undoable Change. */
export function editTownshipCommand(
  division: Division,
  townshipId: string,
  attributes: TownshipAttributes,
  note: string,
): Result<Change> {
  const township = division.township.get(townshipId);
  if (!township) {
    return fail(problem('not-found', '找不到该乡镇/街道。', 'The township no longer exists.'));
  }
  const problems = townshipAttributeProblems(attributes);
  if (problems.length > 0) return fail(...problems);
  const { supervisionPhone: _old, ...rest } = township;
  const phone = attributes.supervisionPhone.trim();
  const next: Township = {
    ...rest,
    name: attributes.name.trim(),
    code: attributes.code.trim(),
    ...(phone !== '' ? { supervisionPhone: phone } : {}),
  };
  return ok(change(note, [next]));
}
