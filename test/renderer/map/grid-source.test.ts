import { describe, expect, it } from 'vitest';
import { generateDivision, TOWNSHIP } from '../../../bench/city-division';
import type { Division } from '../../../shared/model';
import { builtinRuleSet } from '../../../shared/model';
import type { GridFigure, GridFigures } from '../../../renderer/derive/grid-figures';
import { deriveFigures } from '../../../renderer/derive/grid-figures';
import { GridSourceContents } from '../../../renderer/map/grid-source';

const division = generateDivision({ ...TOWNSHIP, censusPoints: 3000 });
const figures = deriveFigures(division, builtinRuleSet('zigong')!).grids;
const words = { households: (n: number) => `${n} 户`, lockedPrefix: '［锁定］' };
const [first, second] = [...division.grid.values()];

describe('GridSourceContents', () => {
  it('sends every grid once, then nothing while grids, figures and words are the same', () => {
    const contents = new GridSourceContents();
    const sent = contents.next(division, figures, words);
    expect(sent && 'data' in sent && sent.data.features).toHaveLength(division.grid.size);
    const feature = sent && 'data' in sent ? sent.data.features[0]! : null;
    expect(feature?.properties).toMatchObject({
      id: first!.id,
      code: first!.code,
      status: figures.get(first!.id)!.status,
      households: figures.get(first!.id)!.households,
      label: `${first!.name}\n${figures.get(first!.id)!.households} 户`,
    });
    // Equal figures in a new map (the validation worker's counts replacing the window's): nothing to send.
    expect(contents.next(division, new Map(figures), words)).toBeNull();
  });

  it('sends only the properties that changed, by grid id, when only the figures did', () => {
    const contents = new GridSourceContents();
    contents.next(division, figures, words);
    const before = figures.get(second!.id)!;
    const changed: GridFigure = { ...before, households: before.households + 500, status: 'over' };
    const next: GridFigures = new Map([...figures, [second!.id, changed]]);
    const sent = contents.next(division, next, words);
    expect(sent).toEqual({
      diff: {
        update: [
          {
            id: second!.id,
            addOrUpdateProperties: [
              ...(before.status === 'over' ? [] : [{ key: 'status', value: 'over' }]),
              { key: 'households', value: before.households + 500 },
              { key: 'label', value: `${second!.name}\n${before.households + 500} 户` },
            ],
          },
        ],
      },
    });
    expect(contents.next(division, next, words)).toBeNull();
    // Another language changes every label.
    const english = contents.next(division, next, { ...words, households: (n) => `${n} households` });
    expect(english && 'diff' in english && english.diff.update).toHaveLength(division.grid.size);
  });

  it('sends the whole collection again when a grid changed, and after a reset', () => {
    const contents = new GridSourceContents();
    contents.next(division, figures, words);
    const edited: Division = {
      ...division,
      grid: new Map([...division.grid].map(([id, g]) => [id, id === first!.id ? { ...g, locked: true } : g])),
    };
    const sent = contents.next(edited, figures, words);
    expect(sent && 'data' in sent && sent.data.features[0]!.properties).toMatchObject({
      locked: true,
      label: `［锁定］${first!.name}\n${figures.get(first!.id)!.households} 户`,
    });
    contents.reset();
    expect(contents.next(edited, figures, words)).toHaveProperty('data');
  });

  it('labels grids without a count while the figures are pending, then sends their counts as a diff', () => {
    const contents = new GridSourceContents();
    const sent = contents.next(division, new Map(), words);
    const feature = sent && 'data' in sent ? sent.data.features[0]! : null;
    expect(feature?.properties).toMatchObject({ id: first!.id, status: 'none', label: first!.name });
    const counted = contents.next(division, figures, words);
    expect(counted && 'diff' in counted && counted.diff.update).toHaveLength(division.grid.size);
    const update = counted && 'diff' in counted ? counted.diff.update!.find((u) => u.id === first!.id) : null;
    expect(update?.addOrUpdateProperties).toContainEqual({
      key: 'label',
      value: `${first!.name}\n${figures.get(first!.id)!.households} 户`,
    });
  });
});
