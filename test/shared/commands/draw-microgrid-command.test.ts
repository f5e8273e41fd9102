import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { drawMicrogridCommand } from '../../../shared/commands/draw-microgrid-command';
import type { Community, Division, Grid, MicroGrid } from '../../../shared/model';
import { applyChange, change, divisionOf } from '../../../shared/model';
import { validateDivision } from '../../../shared/validate';
import { builtinRuleSet } from '../../../shared/model';

const square = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});
const community: Community = {
  layer: 'community',
  id: 'c',
  code: '510302003001',
  name: '光明社区',
  kind: 'urban',
  extra: {},
  geometry: square(104.74, 29.35, 104.76, 29.37),
};
const grid: Grid = {
  layer: 'grid',
  id: 'g',
  code: '510302003001001',
  name: '光明社区第1网格',
  parentCode: community.code,
  gridType: 'urban',
  extra: {},
  geometry: square(104.74, 29.35, 104.76, 29.37),
};

function draw(division: Division, polygon: Polygon): Division {
  const result = drawMicrogridCommand(division, 'g', polygon, {
    avoidOverlap: true,
    at: '2026-11-21T00:00:00Z',
  });
  if (!result.ok) throw new Error(result.problems[0]!.message.en);
  return applyChange(division, result.value).division;
}

const microgrids = (division: Division): MicroGrid[] => [...division.microgrid.values()];

describe('drawMicrogridCommand', () => {
  it('clips to the grid, avoids its other micro-grids and numbers grid code + 3 digits', () => {
    let division = divisionOf({ ruleSetId: 'ningbo' }, [community, grid]);
    division = draw(division, square(104.73, 29.35, 104.75, 29.37)); // half outside the grid
    division = draw(division, square(104.745, 29.35, 104.76, 29.37)); // overlaps the first
    expect(
      microgrids(division)
        .map((m) => m.code)
        .sort(),
    ).toEqual(['510302003001001001', '510302003001001002']);
    expect(microgrids(division).every((m) => m.parentCode === grid.code)).toBe(true);
    const report = validateDivision(division, builtinRuleSet('ningbo')!);
    expect(report.issues.filter((i) => i.rule === 'overlap' || i.rule === 'outside-parent')).toEqual([]);
    expect(report.issues.filter((i) => i.rule === 'gap')).toEqual([]);
  });

  it('never gives a deleted micro-grid code out again', () => {
    let division = divisionOf({ ruleSetId: 'ningbo' }, [community, grid]);
    division = draw(division, square(104.74, 29.35, 104.75, 29.36));
    const first = microgrids(division)[0]!;
    division = applyChange(division, change('删除', [], [{ layer: 'microgrid', id: first.id }])).division;
    division = draw(division, square(104.74, 29.35, 104.75, 29.36));
    expect(microgrids(division).map((m) => m.code)).toEqual(['510302003001001002']);
  });

  it('refuses a drawing outside the grid', () => {
    const division = divisionOf({}, [community, grid]);
    const result = drawMicrogridCommand(division, 'g', square(104.8, 29.4, 104.81, 29.41), {
      avoidOverlap: true,
    });
    expect(result.ok).toBe(false);
  });
});
