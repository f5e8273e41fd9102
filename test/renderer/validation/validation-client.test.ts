import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDivisionGeoJson } from '../../../shared/formats/geojson';
import { countCensus } from '../../../shared/geometry/count-census';
import type { Division, Grid } from '../../../shared/model';
import { applyChange, builtinRuleSet, change } from '../../../shared/model';
import type { WorkerLike } from '../../../renderer/validation/validation-client';
import { ValidationClient } from '../../../renderer/validation/validation-client';
import type { ValidationResponse } from '../../../renderer/workers/validation-protocol';
import { InProcessWorker } from './in-process-worker';

function demo(): Division {
  const result = parseDivisionGeoJson(readFileSync('resources/demo/demo-township.geojson', 'utf8'));
  if (!result.ok) throw new Error('demo does not parse');
  return result.value;
}

/** Resolves once the client's state satisfies `reached` (checked after each change of state). */
const until = (
  client: ValidationClient,
  reached: (state: ReturnType<ValidationClient['getState']>) => boolean,
) =>
  new Promise<void>((resolve) => {
    const stop = client.subscribe(() => {
      if (reached(client.getState())) {
        stop();
        resolve();
      }
    });
  });
/** Once nothing is running any more. */
const settle = (client: ValidationClient) => until(client, (state) => !state.running);
/** Once a whole check has been answered. */
const checked = (client: ValidationClient) => until(client, (state) => state.checked);

describe('ValidationClient with the worker handler', () => {
  it('validates the demo township: only the undivided community and the intended targets are reported', async () => {
    const client = new ValidationClient(() => new InProcessWorker());
    client.connect();
    const done = settle(client);
    client.reset(demo(), builtinRuleSet('zigong')!);
    await done;
    const state = client.getState();
    expect(state.checked).toBe(true);
    const rules = new Set(state.issues.map((issue) => issue.rule));
    expect(rules.has('overlap')).toBe(false);
    expect(rules.has('invalid-geometry')).toBe(false);
    expect(rules.has('gap')).toBe(true);
    expect(rules.has('household-over')).toBe(true);
    expect(state.gridCounts?.size).toBeGreaterThan(30);
  });

  it('follows an edit incrementally: deleting a grid makes a gap that undo removes', async () => {
    let division = demo();
    const client = new ValidationClient(() => new InProcessWorker());
    client.connect();
    let done = settle(client);
    client.reset(division, builtinRuleSet('zigong')!);
    await done;
    const gapsBefore = client.getState().issues.filter((i) => i.rule === 'gap').length;
    const victim = [...division.grid.values()].find((g) => g.gridType === 'urban') as Grid;

    const applied = applyChange(division, change('删除网格', [], [{ layer: 'grid', id: victim.id }]));
    division = applied.division;
    done = settle(client);
    client.applied(change('删除网格', [], [{ layer: 'grid', id: victim.id }]));
    await done;
    const gaps = client.getState().issues.filter((i) => i.rule === 'gap');
    expect(gaps.length).toBe(gapsBefore + 1);
    expect(client.getState().lastFull).toBe(false);
    expect(gaps.some((gap) => gap.parentCode === victim.parentCode)).toBe(true);

    done = settle(client);
    client.applied(applied.inverse);
    await done;
    expect(client.getState().issues.filter((i) => i.rule === 'gap').length).toBe(gapsBefore);
  });

  it('replaces a worker that never says ready and replays the last reset and the changes since', async () => {
    /** Like the module worker seen in Chromium under load: created, never runs, never errs. */
    class SilentWorker implements WorkerLike {
      onmessage: ((event: MessageEvent<ValidationResponse>) => void) | null = null;
      onerror: ((event: ErrorEvent) => void) | null = null;
      terminated = false;
      postMessage(): void {}
      terminate(): void {
        this.terminated = true;
      }
    }
    const silent = new SilentWorker();
    const made: WorkerLike[] = [];
    const client = new ValidationClient(
      () => {
        const worker = made.length === 0 ? silent : new InProcessWorker();
        made.push(worker);
        return worker;
      },
      { readyMs: 50, answerMs: 10_000 },
    );
    client.connect();
    const division = demo();
    const victim = [...division.grid.values()][0]!;
    const done = settle(client);
    client.reset(division, builtinRuleSet('zigong')!);
    client.applied(change('删除网格', [], [{ layer: 'grid', id: victim.id }]));
    await done;
    expect(silent.terminated).toBe(true);
    expect(made).toHaveLength(2);
    expect(client.getState().gridCounts?.has(victim.id)).toBe(false);
    expect(client.getState().gridCounts?.size).toBe(division.grid.size - 1);
    expect(client.diagnostics()).toContain('restarts=1');
    client.dispose();
  });

  it('answers a whole check the planner asked for on this thread while the worker has not started', () => {
    const silent: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage: () => undefined,
      terminate: () => undefined,
    };
    const client = new ValidationClient(() => silent, { readyMs: 60_000, answerMs: 60_000 });
    client.connect();
    const division = demo();
    client.reset(division, builtinRuleSet('zigong')!, 1, true);
    expect(client.getState().checked).toBe(true);
    expect(client.getState().running).toBe(false);
    const victim = [...division.grid.values()][0]!;
    client.applied(change('删除网格', [], [{ layer: 'grid', id: victim.id }]));
    expect(client.getState().gridCounts?.has(victim.id)).toBe(false);
    client.dispose();
  });

  it('ignores an answer that a newer request has overtaken', async () => {
    const client = new ValidationClient(() => new InProcessWorker());
    client.connect();
    const division = demo();
    const done = settle(client);
    client.reset(division, builtinRuleSet('zigong')!);
    client.reset({ ...division, grid: new Map() }, builtinRuleSet('zigong')!);
    await done;
    expect(client.getState().gridCounts?.size).toBe(0);
  });

  it('answers after StrictMode runs its effects twice: connect, reset, disconnect, connect, reset', async () => {
    const made: { worker: InProcessWorker; terminated: boolean }[] = [];
    const client = new ValidationClient(() => {
      const entry = { worker: new InProcessWorker(), terminated: false };
      entry.worker.terminate = () => {
        entry.terminated = true;
      };
      made.push(entry);
      return entry.worker;
    });
    // Constructing the client (React may do it in a render it throws away) starts no worker.
    expect(made).toHaveLength(0);
    const division = demo();
    client.connect();
    client.reset(division, builtinRuleSet('zigong')!);
    client.disconnect();
    expect(made[0]!.terminated).toBe(true);
    const done = settle(client);
    client.connect();
    client.reset(division, builtinRuleSet('zigong')!);
    await done;
    expect(made).toHaveLength(2);
    expect(made[1]!.terminated).toBe(false);
    expect(client.getState().checked).toBe(true);
    expect(client.diagnostics()).toContain('last=result:2');
    client.dispose();
  });

  it('keeps requests made before connect and answers them once connected', async () => {
    const client = new ValidationClient(() => new InProcessWorker());
    const division = demo();
    client.reset(division, builtinRuleSet('zigong')!);
    expect(client.getState().running).toBe(true);
    const done = settle(client);
    client.connect();
    await done;
    expect(client.getState().gridCounts?.size).toBe(division.grid.size);
    client.dispose();
  });

  it('says it is retrying when a worker stays silent, and clears that with the answer', async () => {
    const silent: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage: () => undefined,
      terminate: () => undefined,
    };
    let made = 0;
    const client = new ValidationClient(() => (made++ === 0 ? silent : new InProcessWorker()), {
      readyMs: 30,
      answerMs: 10_000,
    });
    const seen: (number | undefined)[] = [];
    client.subscribe(() => seen.push(client.getState().retrying?.attempt));
    client.connect();
    const done = settle(client);
    client.reset(demo(), builtinRuleSet('zigong')!);
    await done;
    expect(seen).toContain(1);
    expect(client.getState().retrying).toBeNull();
    expect(client.getState().checked).toBe(true);
    client.dispose();
  });

  it('replaces a worker that could not read a request and replays the document into the next', async () => {
    let made = 0;
    const client = new ValidationClient(() => {
      const worker = new InProcessWorker();
      if (made++ === 0) {
        // As the real worker answers a message it could not deserialise.
        worker.postMessage = () =>
          setTimeout(() =>
            worker.onmessage?.({ data: { type: 'unreadable' } } as MessageEvent<ValidationResponse>),
          );
      }
      return worker;
    });
    client.connect();
    const division = demo();
    const done = checked(client);
    client.reset(division, builtinRuleSet('zigong')!);
    await done;
    expect(made).toBe(2);
    expect(client.getState().gridCounts?.size).toBe(division.grid.size);
    expect(client.diagnostics()).toContain('restarts=1');
    client.dispose();
  });

  it('hands a reset’s census over as copies: a replaced worker is given the whole census again', async () => {
    let made = 0;
    const received: number[] = [];
    const client = new ValidationClient(
      () => {
        const worker = new InProcessWorker();
        const deliver = worker.postMessage.bind(worker);
        const first = made++ === 0;
        worker.postMessage = (message, transfer) => {
          if (message.type === 'reset') received.push(message.division.census.lon.length);
          // The first worker takes the message (its buffers handed over) and never answers.
          if (first) structuredClone(message, { transfer: transfer as never });
          else deliver(message, transfer);
        };
        return worker;
      },
      { readyMs: 30, answerMs: 50 },
    );
    client.connect();
    const division = demo();
    const done = checked(client);
    client.reset(division, builtinRuleSet('zigong')!);
    await done;
    expect(made).toBe(2);
    expect(received).toEqual([division.census.size, division.census.size]);
    const expected = countCensus(division).byGrid;
    for (const [id, tally] of expected) expect(client.getState().gridCounts?.get(id)).toEqual(tally);
    client.dispose();
  });

  it('gives up with a message when every worker in a row cannot read the document', async () => {
    const client = new ValidationClient(() => {
      const worker = new InProcessWorker();
      worker.postMessage = () =>
        setTimeout(() =>
          worker.onmessage?.({ data: { type: 'unreadable' } } as MessageEvent<ValidationResponse>),
        );
      return worker;
    });
    client.connect();
    const done = settle(client);
    client.reset(demo(), builtinRuleSet('zigong')!);
    await done;
    expect(client.getState().failure?.en).toMatch(/could not read/);
    expect(client.getState().failure?.zh).toMatch(/无法读取/);
    expect(client.diagnostics()).toContain('restarts=3');
    client.dispose();
  });

  it('says which document its counts belong to: the one given with the change', async () => {
    const division = demo();
    const client = new ValidationClient(() => new InProcessWorker());
    client.connect();
    let done = settle(client);
    client.reset(division, builtinRuleSet('zigong')!);
    await done;
    expect(client.getState().countedDivision).toBe(division);
    const victim = [...division.grid.values()][0]!;
    const removal = change('删除网格', [], [{ layer: 'grid', id: victim.id }]);
    const after = applyChange(division, removal).division;
    done = settle(client);
    client.applied(removal, after);
    await done;
    expect(client.getState().countedDivision).toBe(after);
    expect(client.getState().counts?.byGrid.has(victim.id)).toBe(false);
    expect(client.getState().counts?.byGrid.size).toBe(after.grid.size);
    client.dispose();
  });
});
