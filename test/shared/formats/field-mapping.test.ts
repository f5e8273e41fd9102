import { describe, expect, it } from 'vitest';
import { communityKindOf, gridTypeOf, proposeMapping } from '../../../shared/formats/field-mapping';
import type { Community } from '../../../shared/model';
import { importAs, square, value } from './import-helpers';

describe('community type values (issue 11 item 1)', () => {
  it.each([
    '城镇',
    '城市',
    '城区',
    '社区',
    '居委会',
    ' 城镇 ',
    'urban',
    'City',
    'TOWN',
    '城市社区',
    '社区居委会',
  ])('%s reads as urban', (value) => {
    expect(communityKindOf(value)).toBe('urban');
    expect(gridTypeOf(value)).toBe('urban');
  });

  it.each(['农村', '乡村', '村', '村委会', '行政村', 'rural', 'Village', '农村社区', '村民委员会'])(
    '%s reads as rural',
    (value) => {
      expect(communityKindOf(value)).toBe('rural');
      expect(gridTypeOf(value)).toBe('rural');
    },
  );

  it('leaves unknown, empty and non-text values unread', () => {
    for (const value of ['', '工业园', 'suburb', null, undefined, {}, 7]) {
      expect(communityKindOf(value)).toBeNull();
    }
    expect(gridTypeOf('专属网格')).toBe('exclusive');
    expect(gridTypeOf(1)).toBe('urban');
    expect(gridTypeOf('2')).toBe('rural');
  });
});

describe('field proposals from national field names', () => {
  it('proposes CJQYDM/CJQYMC for communities', () => {
    const m = proposeMapping('community', ['FID', 'CJQYDM', 'CJQYMC', 'LX'], false);
    expect(m).toEqual({ code: 'CJQYDM', name: 'CJQYMC', type: 'LX' });
  });

  it('proposes XZQDM/XZQMC for townships and, when nothing closer exists, for communities', () => {
    expect(proposeMapping('township', ['xzqdm', 'xzqmc'], false)).toEqual({ code: 'xzqdm', name: 'xzqmc' });
    expect(proposeMapping('community', ['XZQDM', 'XZQMC'], false)).toEqual({ code: 'XZQDM', name: 'XZQMC' });
  });

  it('prefers the community fields over the district ones and falls back to DM/MC', () => {
    const m = proposeMapping('community', ['XZQDM', 'XZQMC', 'CJQYDM', 'CJQYMC'], false);
    expect(m).toEqual({ code: 'CJQYDM', name: 'CJQYMC' });
    expect(proposeMapping('community', ['DM', 'MC'], false)).toEqual({ code: 'DM', name: 'MC' });
    expect(proposeMapping('grid', ['DM', 'MC', 'CJQYDM'], false)).toEqual({
      code: 'DM',
      name: 'MC',
      parentCode: 'CJQYDM',
    });
  });

  it('does not take a phone field for the leader because its name holds 网格长', () => {
    // Only the phone: the leader stays unmapped (it was proposed as the leader's name).
    expect(proposeMapping('grid', ['网格编码', '网格长电话'], false)).toEqual({
      code: '网格编码',
      leaderPhone: '网格长电话',
    });
    // By containment too: the longest name a field holds decides.
    expect(proposeMapping('grid', ['WGBM', '现任网格长联系电话', '现任网格长'], false)).toEqual({
      code: 'WGBM',
      leader: '现任网格长',
      leaderPhone: '现任网格长联系电话',
    });
    expect(proposeMapping('microgrid', ['微网格长电话(手机)'], false)).toEqual({
      leaderPhone: '微网格长电话(手机)',
    });
    // A field holding the name of a mapped attribute and of an open one goes to the open one.
    expect(proposeMapping('microgrid', ['WWGBM', '所属网格编码', '微网格长'], false)).toEqual({
      code: 'WWGBM',
      parentCode: '所属网格编码',
      leader: '微网格长',
    });
  });
});

describe('importing communities by national field names', () => {
  it('maps CJQYDM/CJQYMC and LX 城镇/乡村/town/村委会 without the planner choosing fields', () => {
    const kinds = ['城镇', '乡村', 'town', '村委会', '工业园'];
    const collection = {
      type: 'FeatureCollection',
      features: kinds.map((kind, i) => ({
        type: 'Feature',
        properties: { CJQYDM: `51030200300${i}`, CJQYMC: `第${i}村`, LX: kind },
        geometry: square(104.7 + i * 0.02, 29.3),
      })),
    };
    const file = {
      name: 'communities.geojson',
      bytes: new TextEncoder().encode(JSON.stringify(collection)),
    };
    const imported = value(importAs([file], { layer: 'community' })).entities as Community[];
    expect(imported.map((c) => [c.code, c.name, c.kind])).toEqual([
      ['510302003000', '第0村', 'urban'],
      ['510302003001', '第1村', 'rural'],
      ['510302003002', '第2村', 'urban'],
      ['510302003003', '第3村', 'rural'],
      ['510302003004', '第4村', null],
    ]);
    // A value that is neither is kept, not lost, so the planner can see and fix it.
    expect(imported[4]!.extra).toMatchObject({ LX: '工业园' });
  });
});
