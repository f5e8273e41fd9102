import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CITY, generateDivision } from '../../../bench/city-division';
import type { Division, Grid, MicroGrid } from '../../../shared/model';
import { builtinRuleSet } from '../../../shared/model';
import { demoDivision, microgridOf } from './tree-fixtures';
import { deriveFigures } from '../../../renderer/derive/grid-figures';
import { DivisionTree } from '../../../renderer/panels/division-tree';
import type { ShownGridsInput } from '../../../renderer/panels/tree-shown-grids';
import {
  shownTreeGrids,
  TREE_ALL_GRIDS_UP_TO,
  TREE_SEARCH_ROWS,
} from '../../../renderer/panels/tree-shown-grids';

const ruleSet = builtinRuleSet('zigong')!;

/** The city of bench/app-open-bench.ts --city: 5,000 grids in 500 communities. */
const city = generateDivision({ ...CITY, censusPoints: 2000 });

/** Grid rows the tree renders, from its server-rendered HTML (texts are i18n keys: no i18next here). */
function renderedGridRows(division: Division, selectedGridId: string | null = null): string[] {
  const html = renderToString(
    createElement(DivisionTree, {
      division,
      figures: deriveFigures(division, ruleSet),
      ruleSet,
      selectedGridId,
      onSelectGrid: () => undefined,
      onShowCommunity: () => undefined,
    }),
  );
  return [...html.matchAll(/data-grid-code="([^"]*)"/g)].map((match) => match[1]!);
}

function byCommunity(division: Division): { map: Map<string, Grid[]>; order: string[] } {
  const map = new Map<string, Grid[]>();
  for (const grid of division.grid.values())
    map.set(grid.parentCode, [...(map.get(grid.parentCode) ?? []), grid]);
  return { map, order: [...division.community.values()].map((c) => c.code) };
}

describe('the division tree', () => {
  it('lists every grid of a small project, as before', () => {
    const division = demoDivision();
    expect(division.grid.size).toBeLessThanOrEqual(TREE_ALL_GRIDS_UP_TO);
    expect(renderedGridRows(division).sort()).toEqual([...division.grid.values()].map((g) => g.code).sort());
  });

  it('renders rows in proportion to what is unfolded, not to the number of grids (5,000-grid city)', () => {
    expect(city.grid.size).toBe(5000);
    // Nothing selected: only the communities' heads, no grid row at all.
    expect(renderedGridRows(city)).toEqual([]);
    // A selected grid unfolds its own community, and only it.
    const selected = [...city.grid.values()][2345]!;
    const siblings = [...city.grid.values()].filter((g) => g.parentCode === selected.parentCode);
    const rows = renderedGridRows(city, selected.id);
    expect(rows).toContain(selected.code);
    expect(rows.sort()).toEqual(siblings.map((g) => g.code).sort());
  });
});

describe('micro-grids in the tree', () => {
  it('lists each under its grid as a button, the chosen one selected', () => {
    const division = demoDivision();
    const grid = [...division.grid.values()].find((g) => g.code === '510302003001001')!;
    const microgrid = (n: number): MicroGrid => microgridOf(grid, n);
    const withMicrogrids: Division = {
      ...division,
      microgrid: new Map([
        ['m2', microgrid(2)],
        ['m1', microgrid(1)],
      ]),
    };
    const html = renderToString(
      createElement(DivisionTree, {
        division: withMicrogrids,
        figures: deriveFigures(withMicrogrids, ruleSet),
        ruleSet,
        selectedGridId: null,
        onSelectGrid: () => undefined,
        onShowCommunity: () => undefined,
        selectedMicrogridId: 'm2',
        onSelectMicrogrid: () => undefined,
      }),
    );
    const rows = [
      ...html.matchAll(
        /<button type="button" class="tree-microgrid ([^"]*)"[^>]*data-microgrid-code="([^"]*)"/g,
      ),
    ];
    expect(rows.map((m) => [m[2], m[1]])).toEqual([
      [`${grid.code}001`, ''],
      [`${grid.code}002`, 'selected'],
    ]);
    // Under their grid: the grid's row comes right before its list of micro-grids.
    expect(html.indexOf(`data-grid-code="${grid.code}"`)).toBeLessThan(html.indexOf('data-microgrid-code'));
  });
});

describe('shownTreeGrids', () => {
  const { map, order } = byCommunity(city);
  const input = (over: Partial<ShownGridsInput>): ShownGridsInput => ({
    gridsByCommunity: map,
    order,
    needle: '',
    unfolded: new Set(),
    selectedCommunityCode: null,
    ...over,
  });
  const rows = (shown: ReturnType<typeof shownTreeGrids>): number =>
    [...shown.byCommunity.values()].reduce((sum, grids) => sum + grids.length, 0);

  it('folds a large project and shows the communities the planner unfolded', () => {
    const shown = shownTreeGrids(input({ unfolded: new Set([order[0]!, order[7]!]) }));
    expect(shown.folding).toBe(true);
    expect([...shown.byCommunity.keys()]).toEqual([order[0], order[7]]);
    expect(rows(shown)).toBe(map.get(order[0]!)!.length + map.get(order[7]!)!.length);
  });

  it('lists at most TREE_SEARCH_ROWS matches of a search and says how many were left out', () => {
    // Every generated grid's code starts with the city's prefix: a search for it matches all 5,000.
    const prefix = [...city.grid.values()][0]!.code.slice(0, 6);
    const shown = shownTreeGrids(input({ needle: prefix }));
    expect(shown.matched).toBe(5000);
    expect(rows(shown)).toBe(TREE_SEARCH_ROWS);
    expect(shown.leftOut).toBe(5000 - TREE_SEARCH_ROWS);
    const one = [...city.grid.values()][4321]!;
    const exact = shownTreeGrids(input({ needle: one.code }));
    expect([...exact.byCommunity.values()].flat().map((g) => g.code)).toContain(one.code);
    expect(exact.leftOut).toBe(0);
  });

  it('does not fold a project of TREE_ALL_GRIDS_UP_TO grids or fewer', () => {
    const small = new Map([[order[0]!, [...city.grid.values()].slice(0, TREE_ALL_GRIDS_UP_TO)]]);
    const shown = shownTreeGrids(input({ gridsByCommunity: small, order: [order[0]!] }));
    expect(shown.folding).toBe(false);
    expect(rows(shown)).toBe(TREE_ALL_GRIDS_UP_TO);
  });
});
