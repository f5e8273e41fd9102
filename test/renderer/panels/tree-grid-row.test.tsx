// @vitest-environment happy-dom
import i18next from 'i18next';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { deriveFigures } from '../../../renderer/derive/grid-figures';
import type { DivisionFigures, GridFigure } from '../../../renderer/derive/grid-figures';
import { demoDivision, microgridOf } from './tree-fixtures';
import { zh } from '../../../renderer/i18n/zh';
import { DivisionTree } from '../../../renderer/panels/division-tree';
import type { Division, MicroGrid } from '../../../shared/model';
import { builtinRuleSet } from '../../../shared/model';

// Each grid row renders one quality badge: counting the badges counts the rows React rendered.
const badges = vi.hoisted(() => ({ rendered: 0 }));
vi.mock('../../../renderer/panels/grid-quality', () => ({
  GridQualityBadge: () => {
    badges.rendered++;
    return null;
  },
}));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const ruleSet = builtinRuleSet('zigong')!;

/**
 * The figures again, as the validation worker's next answer gives them: new maps and a new object for
 * every grid and micro-grid, `change` giving one of them (by id) a new count.
 */
function recounted(figures: DivisionFigures, change?: { id: string; households: number }): DivisionFigures {
  const again = (figures: ReadonlyMap<string, GridFigure>): Map<string, GridFigure> =>
    new Map(
      [...figures].map(([id, figure]) => [
        id,
        id === change?.id ? { ...figure, households: change.households } : { ...figure },
      ]),
    );
  return { ...figures, grids: again(figures.grids), microgrids: again(figures.microgrids) };
}

/** The demo with two micro-grids in its fourth grid. */
function withMicrogrids(division: Division): Division {
  const grid = [...division.grid.values()][3]!;
  const microgrid = (n: number): MicroGrid => microgridOf(grid, n);
  return {
    ...division,
    microgrid: new Map([
      ['m1', microgrid(1)],
      ['m2', microgrid(2)],
    ]),
  };
}

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'zh', resources: { zh: { translation: zh } } });
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the tree after a change of the figures', () => {
  it('renders again only the rows whose count or selection changed', () => {
    const division = withMicrogrids(demoDivision());
    const grids = [...division.grid.values()];
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    const onSelectGrid = (): void => undefined;
    const onShowCommunity = (): void => undefined;
    const render = (figures: DivisionFigures, selectedGridId: string | null): void =>
      act(() =>
        root.render(
          <DivisionTree
            division={division}
            figures={figures}
            ruleSet={ruleSet}
            selectedGridId={selectedGridId}
            onSelectGrid={onSelectGrid}
            onShowCommunity={onShowCommunity}
          />,
        ),
      );

    const first = deriveFigures(division, ruleSet);
    render(first, null);
    expect(badges.rendered).toBe(division.grid.size);

    // An edit recounts: every grid has a new figure object, one grid a new count.
    badges.rendered = 0;
    const changed = grids[3]!;
    const second = recounted(first, { id: changed.id, households: 123_456 });
    render(second, null);
    expect(badges.rendered).toBe(1);
    const row = container.querySelector(`[data-grid-code="${changed.code}"] [data-testid="grid-households"]`);
    expect(row?.textContent).toMatch(/^123,456/);

    // A micro-grid's new count: its grid's row only; the same counts again: no row.
    badges.rendered = 0;
    const third = recounted(second, { id: 'm2', households: 77 });
    render(third, null);
    expect(badges.rendered).toBe(1);
    expect(container.querySelector('[data-microgrid-code$="002"] .tree-count')?.textContent).toBe('77');
    badges.rendered = 0;
    render(recounted(third), null);
    expect(badges.rendered).toBe(0);

    // A selection: the row selected; then another, and the first one unselected.
    badges.rendered = 0;
    render(recounted(third), grids[0]!.id);
    expect(badges.rendered).toBe(1);
    badges.rendered = 0;
    render(recounted(third), grids[1]!.id);
    expect(badges.rendered).toBe(2);
    expect(container.querySelectorAll('.tree-grid.selected')).toHaveLength(1);
    act(() => root.unmount());
  });
});
