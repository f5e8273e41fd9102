import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, vi } from 'vitest';
import { parseDivisionGeoJson } from '../../../shared/formats/geojson';
import type { Change, Division, HistoryOp } from '../../../shared/model';
import type { SketchRequest, SketchWorkerReply } from '../../../renderer/divide/sketch-protocol';
import type { SketchPort } from '../../../renderer/divide/sketch-worker-client';
import { SketchWorkerClient } from '../../../renderer/divide/sketch-worker-client';
import { EditorSession } from '../../../renderer/editor/editor-session';
import { createSketchHandler } from '../../../renderer/workers/sketch-handler';

/** The demo township (38 grids, census points), as the app opens it. */
export function demo(): Division {
  const result = parseDivisionGeoJson(readFileSync('resources/demo/demo-township.geojson', 'utf8'));
  if (!result.ok) throw new Error('demo township unreadable');
  return result.value;
}

/**
 * The real worker handler behind a port that copies every message with structuredClone and delivers it
 * in a later task, in order, as postMessage does. `drop` leaves out requests of one type; `onRequest`
 * runs when a request reaches the worker, before it is handled (to land an edit while it computes).
 */
export function inProcessPort(drop?: SketchRequest['type'], onRequest?: (request: SketchRequest) => void) {
  const handle = createSketchHandler();
  const seen: SketchRequest['type'][] = [];
  const port: SketchPort & { seen: typeof seen; fail: () => void; terminated: boolean } = {
    seen,
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage(message) {
      const copy = structuredClone(message);
      seen.push(copy.type);
      setTimeout(() => {
        if (port.terminated || copy.type === drop) return;
        onRequest?.(copy);
        const reply = handle(copy);
        if (reply) {
          const back = structuredClone(reply);
          setTimeout(() => port.onmessage?.({ data: back } as MessageEvent<SketchWorkerReply>), 0);
        }
      }, 0);
    },
    terminate() {
      port.terminated = true;
    },
    fail() {
      port.onerror?.({} as ErrorEvent);
    },
  };
  return port;
}

/** An editor session on `division` whose writes always succeed and are recorded. */
export function sessionOn(division: Division) {
  const writes: { change: Change; op: HistoryOp }[] = [];
  const session = new EditorSession(
    'p1',
    division,
    { undo: [], redo: [] },
    {
      commit: (_id, c, op) => {
        writes.push({ change: c, op });
        return Promise.resolve();
      },
    },
  );
  return { session, writes };
}

/**
 * A change records when it was made: the tests of a describe block run at one instant, so that the
 * worker's and the main thread's Changes compare equal.
 */
export function atOneInstant(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-05T12:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** A sketch-worker client started on `port` (by default a fresh in-process one). */
export function startedClient(port: SketchPort = inProcessPort()): SketchWorkerClient {
  const client = new SketchWorkerClient(() => port);
  client.start();
  return client;
}
