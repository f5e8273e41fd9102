// In-page instruments of the editor benchmark (bench/editor-bench.ts): long tasks, the texts the planner
// watches (status activity, households, the live hint, the grid count) and pointer input, each with the
// page's own clock, so that latencies are measured inside the page and not through the DevTools round trip.
import type { Page } from 'playwright-core';

/** One main-thread task over 50 ms, as the Long Tasks API reports it. */
export interface LongTask {
  readonly start: number;
  readonly duration: number;
}

/** A watched text changed (null: the element is gone). */
export interface TextChange {
  readonly key: WatchedKey;
  readonly text: string | null;
  readonly at: number;
}

/** A pointer event as seen by a capturing listener on window, before the app's handlers. */
export interface PointerInput {
  readonly type: 'pointerdown' | 'pointermove' | 'pointerup';
  /** When the browser created the event (input time): queueing behind a busy main thread counts. */
  readonly stamp: number;
  /** When the page started dispatching it. */
  readonly dispatched: number;
  /** When the page finished dispatching it (a bubbling listener on window), if it bubbled that far. */
  readonly handled: number | null;
  /** Input events the browser merged into this one (moves are coalesced to one per frame). */
  readonly coalesced: number;
}

export interface ProbeLog {
  readonly longTasks: readonly LongTask[];
  readonly changes: readonly TextChange[];
  readonly inputs: readonly PointerInput[];
  /** Start times of animation frames while frame recording was on. */
  readonly frames: readonly number[];
}

export type WatchedKey = 'activity' | 'households' | 'hint' | 'grids';

/** The elements whose text is watched, by the selectors the end-to-end tests use. */
const WATCHED: Record<WatchedKey, string> = {
  activity: '.status-activity',
  households: '[data-testid="attr-households"]',
  hint: '[data-testid="tool-hint"]',
  grids: '[data-testid="status-bar"] > span:first-child',
};

/**
 * The probe as source text: functions passed to page.evaluate are serialised with toString(), and tsx's
 * transform can add helper calls (`__name`) that do not exist in the page, so the probe is plain JS.
 * A MutationObserver callback runs as a microtask of the task that changed the DOM, so its clock reading
 * is when React committed the text, to within that task.
 */
const PROBE_SOURCE = `(() => {
  if (window.__gpProbe) return;
  const watched = ${JSON.stringify(WATCHED)};
  const probe = { longTasks: [], changes: [], inputs: [], frames: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const last = {};
  const sample = () => {
    const at = performance.now();
    for (const key of Object.keys(watched)) {
      const element = document.querySelector(watched[key]);
      const text = element ? element.textContent : null;
      if (text !== last[key]) {
        last[key] = text;
        probe.changes.push({ key, text, at });
      }
    }
  };
  new MutationObserver(sample).observe(document.body, { subtree: true, childList: true, characterData: true });
  sample();
  const pending = new Map();
  for (const type of ['pointerdown', 'pointermove', 'pointerup']) {
    window.addEventListener(type, (event) => {
      const merged = event.getCoalescedEvents ? event.getCoalescedEvents().length : 1;
      const input = { type, stamp: event.timeStamp, dispatched: performance.now(), handled: null, coalesced: Math.max(1, merged) };
      probe.inputs.push(input);
      pending.set(event, input);
    }, { capture: true });
    window.addEventListener(type, (event) => {
      const input = pending.get(event);
      if (input) input.handled = performance.now();
      pending.delete(event);
    });
  }
  let framing = false;
  const frame = (time) => {
    if (!framing) return;
    probe.frames.push(time);
    requestAnimationFrame(frame);
  };
  window.__gpFrames = (on) => {
    if (on && !framing) requestAnimationFrame(frame);
    framing = on;
  };
  window.__gpProbe = probe;
})()`;

/**
 * Records the start of every animation frame while on. Only around the drag: a frame loop keeps the
 * page producing frames, which is work the app would not otherwise do.
 */
export async function recordFrames(page: Page, on: boolean): Promise<void> {
  await page.evaluate(`window.__gpFrames(${on})`);
}

/** Installs the probe in the page (once per document). */
export async function installProbe(page: Page): Promise<void> {
  await page.evaluate(PROBE_SOURCE);
}

/** The page's clock (performance.now()). */
export async function pageNow(page: Page): Promise<number> {
  // A string is evaluated as an expression whose type TypeScript cannot know: the caller names it.
  return page.evaluate<number>('performance.now()');
}

/** Everything the probe recorded since it was installed. */
export async function readProbe(page: Page): Promise<ProbeLog> {
  return page.evaluate<ProbeLog>('JSON.parse(JSON.stringify(window.__gpProbe))');
}

/** The current text of a watched element. */
export async function watchedText(page: Page, key: WatchedKey): Promise<string | null> {
  return page.evaluate<string | null>(
    `(() => { const e = document.querySelector(${JSON.stringify(WATCHED[key])}); return e ? e.textContent : null; })()`,
  );
}

/**
 * Waits until a watched element's text satisfies `condition`, polling from here every 50 ms. Not
 * page.waitForFunction: with a string it compiles the predicate with eval in the page, which the app's
 * Content-Security-Policy (no 'unsafe-eval') refuses; page.evaluate goes through DevTools and is allowed.
 */
export async function waitForText(
  page: Page,
  key: WatchedKey,
  condition: (text: string | null) => boolean,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let text = await watchedText(page, key);
  while (!condition(text)) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${key}; it shows ${JSON.stringify(text)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    text = await watchedText(page, key);
  }
}

/** Long tasks that started in [from, to]. */
export function tasksIn(log: ProbeLog, from: number, to: number): LongTask[] {
  return log.longTasks.filter((task) => task.start >= from && task.start <= to);
}

/** The text a key had at a time (the last change at or before it). */
export function textAt(log: ProbeLog, key: WatchedKey, at: number): string | null {
  let text: string | null = null;
  for (const change of log.changes) {
    if (change.key === key && change.at <= at) text = change.text;
  }
  return text;
}

/**
 * When a condition on a key's text became true for good after `from`: the last change into a
 * satisfying text, provided the text still satisfies it at the end of the log. Null if it never did.
 */
export function settledAt(
  log: ProbeLog,
  key: WatchedKey,
  from: number,
  satisfied: (text: string | null) => boolean,
): number | null {
  let at: number | null = null;
  let previous = textAt(log, key, from);
  for (const change of log.changes) {
    if (change.key !== key || change.at <= from) continue;
    if (satisfied(change.text) && !satisfied(previous)) at = change.at;
    if (!satisfied(change.text)) at = null;
    previous = change.text;
  }
  return at;
}

/** How long a key first showed `text` after `from` (until its next change), or null if it did not. */
export function spanOf(log: ProbeLog, key: WatchedKey, from: number, text: string): number | null {
  const changes = log.changes.filter((c) => c.key === key && c.at > from);
  const index = changes.findIndex((c) => c.text === text);
  if (index < 0) return null;
  const next = changes[index + 1];
  return next ? next.at - changes[index]!.at : null;
}

/** The first change of a key after `from` (whatever its text), or null. */
export function firstChangeAfter(log: ProbeLog, key: WatchedKey, from: number): TextChange | null {
  return log.changes.find((change) => change.key === key && change.at > from) ?? null;
}

/** One change of the live hint, traced back to the move that caused it. */
export interface HintSample {
  /** From the move's input time to the new text: what the planner waits. */
  readonly totalMs: number;
  /** From the input to the page dispatching it: waiting for a frame (moves are rAF-aligned) or a busy thread. */
  readonly queuedMs: number;
  /** From dispatch to the new text: the app's handler, React's render and commit. */
  readonly appMs: number;
}

/**
 * Changes of the live hint (拖动中…) between `from` and `to`, each traced to the latest move the page
 * dispatched before it: the count is computed synchronously in the move's handler and React renders
 * after it, so the text shows the state that move set. Moves that did not change the count leave no
 * sample.
 */
export function hintSamples(log: ProbeLog, from: number, to: number): HintSample[] {
  const moves = log.inputs.filter(
    (i) => i.type === 'pointermove' && i.dispatched >= from && i.dispatched <= to,
  );
  const samples: HintSample[] = [];
  for (const change of log.changes) {
    if (change.key !== 'hint' || change.at < from || change.at > to) continue;
    if (!change.text?.startsWith('拖动中')) continue;
    const move = moves.filter((m) => m.dispatched <= change.at).at(-1);
    if (!move) continue;
    samples.push({
      totalMs: change.at - move.stamp,
      queuedMs: move.dispatched - move.stamp,
      appMs: change.at - move.dispatched,
    });
  }
  return samples;
}
