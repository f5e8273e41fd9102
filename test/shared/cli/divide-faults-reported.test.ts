import { describe, expect, it, vi } from 'vitest';
import type { Grid } from '../../../shared/model';
import { change, ok } from '../../../shared/model';
import { runCli } from '../../../shared/cli/run-cli';
import { stringifyDivision } from '../../../shared/formats/geojson';
import { memoryHost, quarters } from './divide-fixtures';

// What the command does with a proposal that leaves a gap: the division itself is stood in for, as no
// input is known to make it go wrong (the one the review found, hundreds of crossing guide lines, is now
// refused before dividing).
function strip(id: string, code: string, west: number, east: number): Grid {
  const [south, north] = [29.3, 29.308];
  return {
    layer: 'grid',
    id,
    code,
    name: id,
    parentCode: '510302004001',
    gridType: 'urban',
    status: 'draft',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [west, south],
          [east, south],
          [east, north],
          [west, north],
          [west, south],
        ],
      ],
    },
    extra: {},
  };
}

vi.mock('../../../shared/divide/divide-communities', () => ({
  divideCommunities: () =>
    ok({
      // 104.704 to 104.7041 is covered by neither: a strip of about 10 m.
      change: change('自动划分', [
        strip('g-1', '510302004001001', 104.7, 104.704),
        strip('g-2', '510302004001002', 104.7041, 104.708),
      ]),
      communities: [
        {
          communityId: 'c',
          code: '510302004001',
          households: 1600,
          population: 4000,
          grids: 2,
          inBand: 2,
          compactnessMean: 0.5,
          compactnessMin: 0.5,
          seconds: 0,
          feasible: null,
          outOfBand: [],
        },
      ],
    }),
}));

describe('gridplan divide: a gap it made', () => {
  it('is reported on standard error as a defect, exit 1, and the division is still written', async () => {
    const host = memoryHost({ 'q.geojson': stringifyDivision(quarters()) });
    const result = await runCli(['divide', 'q.geojson', '--out', 'out.geojson', '--lang', 'en'], host);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('a GridPlan defect, please report it');
    expect(result.stderr).toContain('510302004001');
    expect(host.written.has('out.geojson')).toBe(true);
  });
});
