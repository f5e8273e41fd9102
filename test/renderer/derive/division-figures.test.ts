import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDivisionGeoJson } from '../../../shared/formats/geojson';
import { countCensus } from '../../../shared/geometry/count-census';
import type { CensusPoint, Division } from '../../../shared/model';
import { applyChange, builtinRuleSet, change } from '../../../shared/model';
import { deriveFigures, pendingFigures } from '../../../renderer/derive/grid-figures';
import { figuresFor } from '../../../renderer/derive/use-division-figures';
import type { WorkerLike } from '../../../renderer/validation/validation-client';
import { ValidationClient } from '../../../renderer/validation/validation-client';
import { InProcessWorker } from '../validation/in-process-worker';

function demo(): Division {
  const result = parseDivisionGeoJson(readFileSync('resources/demo/demo-township.geojson', 'utf8'));
  if (!result.ok) throw new Error('demo does not parse');
  return result.value;
}

const ruleSet = builtinRuleSet('zigong')!;

const until = (client: ValidationClient, done: () => boolean) =>
  new Promise<void>((resolve) => {
    const stop = client.subscribe(() => {
      if (done()) {
        stop();
        resolve();
      }
    });
  });

/** A worker that never says ready (the one that sometimes never answered in headless Chromium). */
class SilentWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  postMessage(): void {}
  terminate(): void {}
}

describe('the window’s figures while a project opens', () => {
  it('wait for the worker instead of counting here, then show its counts, equal to countCensus', async () => {
    const division = demo();
    const client = new ValidationClient(() => new InProcessWorker());
    client.connect();
    // The render before the effect that sends the reset: nothing is counted on this thread.
    const before = figuresFor(division, ruleSet, client.getState(), true);
    expect(before.pending).toBe(true);
    expect(before.grids.size).toBe(0);

    const answered = until(client, () => !client.getState().running);
    client.reset(division, ruleSet);
    const waiting = figuresFor(division, ruleSet, client.getState());
    expect(waiting.pending).toBe(true);
    expect(waiting.grids.size).toBe(0);
    expect(waiting.byCommunity.size).toBe(0);
    await answered;

    const shown = figuresFor(division, ruleSet, client.getState());
    expect(shown.pending).toBe(false);
    const counted = countCensus(division);
    expect(shown.grids.size).toBe(division.grid.size);
    for (const [id, figure] of shown.grids) {
      expect(figure.households).toBe(counted.byGrid.get(id)?.households ?? 0);
    }
    expect(shown.unassignedHouseholds).toBe(counted.unassigned.households);
    // The totals are known at once and do not change when the counts arrive.
    expect(waiting.households).toBe(shown.households);
    expect(waiting.population).toBe(shown.population);
    client.dispose();
  });

  it('count here when the census changed after the opening check', async () => {
    const division = demo();
    const client = new ValidationClient(() => new InProcessWorker());
    client.connect();
    const answered = until(client, () => !client.getState().running);
    client.reset(division, ruleSet);
    await answered;
    const moved: CensusPoint = { ...[...division.census.values()][0]!, households: 999 };
    const edit = change('改户数', [moved]);
    const after = applyChange(division, edit).division;
    client.applied(edit, after);
    const figures = figuresFor(after, ruleSet, client.getState());
    expect(figures.pending).toBe(false);
    expect([...figures.grids]).toEqual([...deriveFigures(after, ruleSet).grids]);
    client.dispose();
  });

  it('count here once the worker is being replaced, so a silent worker never hides the counts', async () => {
    const division = demo();
    const client = new ValidationClient(() => new SilentWorker(), { readyMs: 5, answerMs: 50 });
    client.connect();
    client.reset(division, ruleSet);
    expect(figuresFor(division, ruleSet, client.getState()).pending).toBe(true);
    await until(client, () => client.getState().retrying !== null);
    const figures = figuresFor(division, ruleSet, client.getState());
    expect(figures.pending).toBe(false);
    expect([...figures.grids]).toEqual([...deriveFigures(division, ruleSet).grids]);
    client.dispose();
  });

  it('count here when the worker failed', () => {
    const division = demo();
    const figures = figuresFor(
      division,
      ruleSet,
      {
        counts: null,
        countedDivision: null,
        awaitedReset: division,
        failure: { zh: '校验程序意外停止', en: 'the worker stopped' },
        retrying: null,
      },
      true,
    );
    expect(figures.pending).toBe(false);
    expect(figures.grids.size).toBe(division.grid.size);
  });

  it('pending figures total the households and population as the counts do (odd values count as 0)', () => {
    const division = demo();
    const [first, second] = [...division.census.values()];
    const census = new Map(division.census);
    census.set(first!.id, { ...first!, households: -3, population: Number.NaN });
    census.set(second!.id, { ...second!, households: 2.5 });
    const odd: Division = { ...division, census };
    const pending = pendingFigures(odd);
    // Only finite positive values count, as in the census table the counts are made from.
    const counted = (value: number): number => (Number.isFinite(value) && value > 0 ? value : 0);
    let households = 0;
    let population = 0;
    for (const point of census.values()) {
      households += counted(point.households);
      population += counted(point.population);
    }
    expect(pending.households).toBe(households);
    expect(pending.population).toBe(population);
    expect(deriveFigures(odd, ruleSet).households).toBe(households);
  });
});
