import { describe, expect, it } from 'vitest';
import {
  editCommunityCommand,
  editTownshipCommand,
} from '../../../shared/commands/edit-area-attributes-command';
import type { Township } from '../../../shared/model';
import { applyChange } from '../../../shared/model';
import { divisionOf } from '../geometry/division-fixtures';
import { communityEntity, COMMUNITY_CODE, gridEntity, rect } from '../geometry/geometry-test-helpers';

const X = 104.75;
const Y = 29.36;
const township: Township = {
  layer: 'township',
  id: 'township-1',
  code: '510302003000',
  name: '新街街道',
  extra: {},
  geometry: rect(X, Y, X + 0.01, Y + 0.01),
};
const doc = divisionOf([
  township,
  communityEntity(rect(X, Y, X + 0.004, Y + 0.002)),
  communityEntity(rect(X + 0.004, Y, X + 0.008, Y + 0.002), {
    id: 'community-2',
    code: '510302003002',
    name: '建设社区',
  }),
  gridEntity(1, rect(X, Y, X + 0.002, Y + 0.002)),
  gridEntity(2, rect(X + 0.002, Y, X + 0.004, Y + 0.002)),
]);

describe('editCommunityCommand', () => {
  it('renames and retypes a community in one undoable change', () => {
    const result = editCommunityCommand(
      doc,
      'community-1',
      { name: ' 光明村 ', code: COMMUNITY_CODE, kind: 'rural' },
      'edit',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.value.put).toHaveLength(1);
    const { division, inverse } = applyChange(doc, result.value);
    expect(division.community.get('community-1')).toMatchObject({ name: '光明村', kind: 'rural' });
    expect(applyChange(division, inverse).division.community.get('community-1')).toEqual(
      doc.community.get('community-1'),
    );
  });

  it('moves the grids with a new code, never renumbering them', () => {
    const result = editCommunityCommand(
      doc,
      'community-1',
      { name: '光明社区', code: '510302003009', kind: 'urban' },
      'edit',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { division } = applyChange(doc, result.value);
    const grids = [...division.grid.values()];
    expect(grids.map((grid) => grid.parentCode)).toEqual(['510302003009', '510302003009']);
    expect(grids.map((grid) => grid.code)).toEqual([`${COMMUNITY_CODE}001`, `${COMMUNITY_CODE}002`]);
  });

  it('refuses a code that is not 12 digits, a code of another community and an empty name', () => {
    const kinds = (name: string, code: string): string[] => {
      const result = editCommunityCommand(doc, 'community-1', { name, code, kind: 'urban' }, 'edit');
      return result.ok ? [] : result.problems.map((problem) => problem.kind);
    };
    expect(kinds('光明社区', '51030200300')).toEqual(['bad-code']);
    expect(kinds('光明社区', '510302003002')).toEqual(['duplicate-code']);
    expect(kinds('  ', COMMUNITY_CODE)).toEqual(['missing-name']);
    const missing = editCommunityCommand(doc, 'nope', { name: 'x', code: COMMUNITY_CODE, kind: null }, 'e');
    expect(missing.ok).toBe(false);
  });
});

describe('editTownshipCommand', () => {
  it('stores name, code and the supervision phone, and drops an emptied phone', () => {
    const withPhone = editTownshipCommand(
      doc,
      'township-1',
      { name: '新街街道办事处', code: '510302003000', supervisionPhone: '0813-2201234' },
      'edit',
    );
    if (!withPhone.ok) throw new Error(JSON.stringify(withPhone.problems));
    const after = applyChange(doc, withPhone.value).division;
    expect(after.township.get('township-1')).toMatchObject({
      name: '新街街道办事处',
      supervisionPhone: '0813-2201234',
    });
    const cleared = editTownshipCommand(
      after,
      'township-1',
      { name: '新街街道', code: '510302003000', supervisionPhone: ' ' },
      'edit',
    );
    if (!cleared.ok) throw new Error(JSON.stringify(cleared.problems));
    expect(applyChange(after, cleared.value).division.township.get('township-1')).not.toHaveProperty(
      'supervisionPhone',
    );
  });

  it('refuses a code not ending in 000 and a phone that is not one', () => {
    const result = editTownshipCommand(
      doc,
      'township-1',
      { name: '新街街道', code: '510302003001', supervisionPhone: '12' },
      'edit',
    );
    expect(result.ok ? [] : result.problems.map((problem) => problem.kind)).toEqual([
      'bad-code',
      'bad-phone',
    ]);
  });
});
