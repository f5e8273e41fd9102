// @vitest-environment happy-dom
import i18next from 'i18next';
import { readFileSync } from 'node:fs';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { deriveFigures } from '../../../renderer/derive/grid-figures';
import type { DivisionFigures, GridFigure } from '../../../renderer/derive/grid-figures';
import { zh } from '../../../renderer/i18n/zh';
import { DivisionTree } from '../../../renderer/panels/division-tree';
import { parseDivisionGeoJson } from '../../../shared/formats/geojson';
import type { Division } from '../../../shared/model';
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

function demo(): Division {
  const result = parseDivisionGeoJson(readFileSync('resources/demo/demo-township.geojson', 'utf8'));
  if (!result.ok) throw new Error('demo does not parse');
  return result.value;
}

/** The figures again, as the validation worker's next answer gives them: a new object for every grid. */
function recounted(figures: DivisionFigures, change?: { id: string; households: number }): DivisionFigures {
  const grids = new Map<string, GridFigure>();
  for (const [id, figure] of figures.grids)
    grids.set(id, id === change?.id ? { ...figure, households: change.households } : { ...figure });
  return { ...figures, grids };
}

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'zh', resources: { zh: { translation: zh } } });
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the tree after a change of the figures', () => {
  it('renders again only the rows whose count or selection changed', () => {
    const division = demo();
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

    // A selection: the row selected; then another, and the first one unselected.
    badges.rendered = 0;
    render(recounted(second), grids[0]!.id);
    expect(badges.rendered).toBe(1);
    badges.rendered = 0;
    render(recounted(second), grids[1]!.id);
    expect(badges.rendered).toBe(2);
    expect(container.querySelectorAll('.tree-grid.selected')).toHaveLength(1);
    act(() => root.unmount());
  });
});
