import { describe, expect, it } from 'vitest';
import { allocateCodes } from '../../../shared/codes/allocate-codes';
import { codesEverUsed, lineageOfCode, lineageSide, withLineage } from '../../../shared/codes/code-lineage';
import { formatCode, parseNumberingTemplate, sequenceOfCode } from '../../../shared/codes/numbering-template';
import type { NumberingTemplate } from '../../../shared/codes/numbering-template';
import { orderNorthToSouth } from '../../../shared/codes/order-north-to-south';
import type { Community, Grid } from '../../../shared/model';
import { divisionOf } from '../../../shared/model';
import * as validateIndex from '../../../shared/validate';

const COMMUNITY = '510302003001';

function template(source: string): NumberingTemplate {
  const parsed = parseNumberingTemplate(source);
  if (!parsed.ok) throw new Error(parsed.problems[0]!.message.en);
  return parsed.value;
}

function square(x: number, y: number, size = 0.001) {
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [x, y],
        [x + size, y],
        [x + size, y + size],
        [x, y + size],
        [x, y],
      ],
    ],
  };
}

describe('code templates for numbering', () => {
  it('formats and reads the default grid and micro-grid codes', () => {
    const grid = template('{community}{seq3}');
    expect(formatCode(grid, COMMUNITY, 7)).toBe('510302003001007');
    expect(sequenceOfCode(grid, '510302003001007', COMMUNITY)).toBe(7);
    expect(sequenceOfCode(grid, '510302003002007', COMMUNITY)).toBeUndefined();
    expect(sequenceOfCode(grid, '51030200300107', COMMUNITY)).toBeUndefined();
    const micro = template('{grid}{seq3}');
    expect(formatCode(micro, '510302003001007', 12)).toBe('510302003001007012');
  });

  it('accepts literal text around the tokens', () => {
    const custom = template('WG-{community}-{seq4}');
    expect(formatCode(custom, COMMUNITY, 35)).toBe(`WG-${COMMUNITY}-0035`);
    expect(sequenceOfCode(custom, `WG-${COMMUNITY}-0035`, COMMUNITY)).toBe(35);
  });

  it('refuses a template without exactly one sequence, and a malformed one', () => {
    expect(parseNumberingTemplate('{community}').ok).toBe(false);
    expect(parseNumberingTemplate('{community}{seq2}{seq2}').ok).toBe(false);
    expect(parseNumberingTemplate('{village}{seq3}').ok).toBe(false);
  });

  it('has one home: shared/codes, not re-exported by shared/validate', () => {
    expect('compileCodeTemplate' in validateIndex).toBe(false);
  });
});

describe('allocateCodes', () => {
  const grid = template('{community}{seq3}');

  it('continues after the highest code ever used, never filling holes', () => {
    const used = ['510302003001001', '510302003001004', '510302003002009', 'junk'];
    const codes = allocateCodes(grid, COMMUNITY, used, 2);
    expect(codes.ok && codes.value).toEqual(['510302003001005', '510302003001006']);
  });

  it('starts at 001 and refuses when the sequence runs out', () => {
    expect(allocateCodes(grid, COMMUNITY, [], 1)).toEqual({ ok: true, value: ['510302003001001'] });
    const full = allocateCodes(grid, COMMUNITY, ['510302003001998'], 2);
    expect(!full.ok && full.problems[0]!.kind).toBe('codes-exhausted');
  });
});

describe('codesEverUsed', () => {
  it('counts current grids and every code in the lineage, retired ones included', () => {
    const community: Community = withLineage(
      {
        layer: 'community',
        id: 'c',
        code: COMMUNITY,
        name: '光明社区',
        kind: 'urban',
        extra: {},
        geometry: square(0, 0),
      },
      [
        {
          code: '510302003001009',
          from: ['510302003001003'],
          operation: 'split',
          at: '2026-01-01T00:00:00Z',
        },
        { code: '510302003001011', from: [], operation: 'delete', at: '2026-01-02T00:00:00Z' },
      ],
    );
    const current: Grid = {
      layer: 'grid',
      id: 'g',
      code: '510302003001002',
      name: 'g',
      parentCode: COMMUNITY,
      gridType: 'urban',
      extra: {},
      geometry: square(0, 0),
    };
    const used = codesEverUsed(divisionOf({}, [community, current]), [community]);
    expect([...used].sort()).toEqual([
      '510302003001002',
      '510302003001003',
      '510302003001009',
      '510302003001011',
    ]);
    const next = allocateCodes(template('{community}{seq3}'), COMMUNITY, used, 1);
    expect(next.ok && next.value).toEqual(['510302003001012']);
    expect(lineageOfCode(community, '510302003001003')).toHaveLength(1);
  });
});

describe('lineageSide', () => {
  it('reads an event from the side of the code shown: where it came from, or what came from it', () => {
    const made = {
      code: '510302003001002001',
      from: ['510302003001002'],
      operation: 'create' as const,
      at: '',
    };
    // On the grid: the micro-grid made in it, not "created from itself".
    expect(lineageSide(made, '510302003001002')).toEqual({ arrow: '→', codes: ['510302003001002001'] });
    expect(lineageSide(made, '510302003001002001')).toEqual({ arrow: '←', codes: ['510302003001002'] });
  });
});

describe('orderNorthToSouth', () => {
  it('numbers rows north to south and west to east within a row', () => {
    // Two rows; the eastern square of the top row is a hair further north than the western one.
    const geometries = [square(0.002, 0), square(0.001, 0.0020001), square(0, 0.002), square(0, 0)];
    expect(orderNorthToSouth(geometries)).toEqual([2, 1, 3, 0]);
  });

  it('puts a part entirely south of another in a later row', () => {
    expect(orderNorthToSouth([square(0, 0), square(0.0005, 0.0012)])).toEqual([1, 0]);
  });
});
