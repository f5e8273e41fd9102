import { describe, expect, it } from 'vitest';
import { divisionStats } from '../../../shared/cli/division-stats';
import { formatStats } from '../../../shared/cli/format-stats';
import { formatTextReport } from '../../../shared/cli/format-text-report';
import { formatHtmlReport } from '../../../shared/cli/format-html-report';
import { builtinRuleSet } from '../../../shared/model';
import { validateDivision } from '../../../shared/validate/validate-division';
import { divisionOf } from '../geometry/division-fixtures';
import { communityEntity, gridEntity, rect } from '../geometry/geometry-test-helpers';

const X = 104.75;
const Y = 29.36;

/** A square grid and a grid in two parts (a thin strip and a square) in one community. */
function division() {
  const strip = rect(X + 0.002, Y, X + 0.0022, Y + 0.002).coordinates;
  const square = rect(X + 0.003, Y, X + 0.004, Y + 0.001).coordinates;
  return divisionOf([
    communityEntity(rect(X, Y, X + 0.004, Y + 0.002)),
    gridEntity(1, rect(X, Y, X + 0.002, Y + 0.002)),
    gridEntity(2, { type: 'MultiPolygon', coordinates: [strip, square] }),
  ]);
}

describe('quality in the report: compactness and contiguity', () => {
  const ruleSet = builtinRuleSet('zigong')!;
  const report = validateDivision(division(), ruleSet);

  it('gives every grid an optional compactness (Polsby-Popper) and part count', () => {
    const [square, split] = report.grids;
    // A square in lon/lat at 29°N is a rectangle of aspect cos(29°) on the ground: 4πA/P² ≈ 0.77.
    expect(square!.compactness).toBeGreaterThan(0.7);
    expect(square!.compactness).toBeLessThanOrEqual(Math.PI / 4 + 1e-3);
    expect(square!.parts).toBe(1);
    expect(split!.parts).toBe(2);
    expect(split!.compactness).toBeLessThan(square!.compactness!);
  });

  it('shows them as columns of the text and HTML reports and in the statistics', () => {
    const textReport = formatTextReport(report, ruleSet, 'x.geojson', 'zh');
    expect(textReport).toContain('紧凑度');
    expect(textReport).toContain('部件数');
    expect(textReport).toContain(report.grids[0]!.compactness!.toFixed(2));
    const html = formatHtmlReport(report, ruleSet, 'x.geojson', 'en');
    expect(html).toContain('<th>Compactness</th>');
    expect(html).toContain('multipart');
    const stats = divisionStats(division());
    expect(stats.byCommunity[0]!.multipartGrids).toBe(1);
    expect(stats.byCommunity[0]!.compactnessMin).toBeCloseTo(report.grids[1]!.compactness!, 2);
    expect(formatStats(stats, 'x.geojson', 'en')).toContain('Compactness mean/min');
  });
});
