import { errorDetail, MIN_PIECE_AREA_M2, text } from '../../shared/model';
import type { Change, Division, LocalText, RuleSet } from '../../shared/model';
import type { CensusCounts, CensusTally } from '../../shared/geometry/count-census';
import type { ValidationIssue } from '../../shared/validate';
import { ValidationHandler } from '../workers/validation-handler';
import { packDivision, transferableCensus } from '../workers/packed-division';
import type { ValidationRequest, ValidationResponse } from '../workers/validation-protocol';

/** What the issues panel, the map and the status bar show of validation. */
export interface ValidationState {
  readonly issues: readonly ValidationIssue[];
  readonly gridCounts: ReadonlyMap<string, CensusTally> | null;
  /** The worker's census counts of the last answered document (the window's figures come from them). */
  readonly counts: CensusCounts | null;
  /**
   * The document `counts` were made for, when the client was told (a reset, or a change given with the
   * document it led to): the window counts on its own thread only when this is not the one it shows.
   */
  readonly countedDivision: Division | null;
  /**
   * The document of the last whole check (a reset) until its answer or a failure: its counts are on
   * their way, so the window need not count them itself meanwhile (a project just opened).
   */
  readonly awaitedReset: Division | null;
  readonly running: boolean;
  /** True once a whole-division check has answered for the current document. */
  readonly checked: boolean;
  readonly lastDurationMs: number | null;
  readonly lastFull: boolean;
  readonly failure: LocalText | null;
  /**
   * Set while a worker that did not answer in time is being replaced: the panel says so (and that it
   * retries) instead of showing 正在校验… for ever. Cleared by the next answer.
   */
  readonly retrying: ValidationRetry | null;
}

/** A replaced worker: which attempt this is and how long the one before was waited for. */
export interface ValidationRetry {
  readonly attempt: number;
  readonly waitedMs: number;
}

const INITIAL: ValidationState = {
  issues: [],
  gridCounts: null,
  counts: null,
  countedDivision: null,
  awaitedReset: null,
  running: false,
  checked: false,
  lastDurationMs: null,
  lastFull: false,
  failure: null,
  retrying: null,
};

/** The longest a worker is given to say ready: the wait doubles from `readyMs` with each attempt. */
const MAX_READY_MS = 60_000;
/** Workers replaced in a row because a message could not be read, before the client gives up. */
const MAX_LOST_RETRIES = 3;

/** The minimal part of a Worker the client uses, so tests can run the worker's code in-process. */
export interface WorkerLike {
  postMessage(message: ValidationRequest, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ValidationResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  /** A message that arrived but could not be read (structured clone failed on this side). */
  onmessageerror?: ((event: MessageEvent) => void) | null;
  terminate(): void;
}

/**
 * Keeps the validation worker in step with the document: a reset with the whole division when a
 * project opens or the rule set changes, then each applied change in order (the worker applies it to
 * its own copy and re-validates only the neighbourhood). Answers older than the latest request are
 * dropped, so the panel never shows issues of a document that is gone.
 *
 * The worker lives between {@link connect} and {@link disconnect}, not with the object: React may
 * construct the client in a render it throws away and, in development (StrictMode), runs every effect
 * twice — connect, disconnect, connect. A client whose worker was terminated by the first cleanup and
 * which was then used again was the validation that never answered (docs/adr/0006): requests queued
 * for a worker that was gone, with its watchdog cleared. Now a reconnect starts a fresh worker and
 * replays the last reset and the changes since.
 */
export class ValidationClient {
  private state: ValidationState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private revision = 0;
  private worker: WorkerLike | null = null;
  /** Requests made before the worker said it is ready, sent in order when it is. */
  private pending: ValidationRequest[] | null = [];
  /** The last reset and the changes since, so a replaced worker can be brought to the same document. */
  private replay: ValidationRequest[] = [];
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private restarts = 0;
  /** Workers replaced in a row without an answer in between: the ready wait doubles with each. */
  private attempt = 0;
  /** Requests or answers lost in a row (could not be read): bounded, then the client gives up. */
  private lostInRow = 0;
  private lastAnswered = 'none';
  /** The document each outstanding request leads to, by revision (dropped once answered). */
  private readonly documents = new Map<number, Division>();
  /**
   * Validation on this thread, used only when the planner asked for a whole check (整体校验) and the
   * worker has not started: the check must answer even then. Dropped once the worker is ready.
   */
  private inProcess: ValidationHandler | null = null;

  constructor(
    private readonly createWorker: () => WorkerLike = createValidationWorker,
    private readonly timeouts = { readyMs: 5_000, answerMs: 60_000 },
  ) {}

  readonly getState = (): ValidationState => this.state;

  /** Where the conversation with the worker stands, for support and tests (shown as a data attribute). */
  diagnostics(): string {
    const worker = this.worker ? `ready=${this.pending === null}` : 'worker=none';
    return `rev=${this.revision} ${worker} queued=${this.pending?.length ?? 0} last=${this.lastAnswered} restarts=${this.restarts}`;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Starts the worker (nothing when it runs already) and brings it to the current document: requests
   * made while there was no worker are sent once it is ready.
   */
  connect(): void {
    if (this.worker) return;
    this.pending = [...this.replay];
    this.start();
  }

  /** Ends the worker; the document is kept, so a later {@link connect} carries on where this left. */
  disconnect(): void {
    clearTimeout(this.watchdog);
    this.watchdog = undefined;
    if (this.worker) this.detach(this.worker);
    this.worker = null;
    this.pending = [];
  }

  /**
   * Validates a whole division (project opened, rule set changed, "整体校验"). With `now`, a worker that
   * has not started yet is not waited for: the check runs on this thread (the planner asked for it).
   */
  reset(division: Division, ruleSet: RuleSet, minAreaM2 = MIN_PIECE_AREA_M2, now = false): void {
    if (now && this.pending !== null) this.inProcess = new ValidationHandler();
    this.revision++;
    const request: ValidationRequest = {
      type: 'reset',
      revision: this.revision,
      division: packDivision(division),
      ruleSet,
      minAreaM2,
    };
    this.replay = [request];
    this.documents.clear();
    this.documents.set(this.revision, division);
    this.post(request, { checked: false, awaitedReset: division });
  }

  /**
   * Re-validates after a change that the editor has applied (edit, undo or redo); `division`, the
   * document after it, tells which document the answer's counts belong to.
   */
  applied(change: Change, division?: Division): void {
    this.revision++;
    if (division) this.documents.set(this.revision, division);
    const request: ValidationRequest = { type: 'change', revision: this.revision, change };
    if (this.replay.length > 0) this.replay.push(request);
    this.post(request, {});
  }

  /** Ends the worker and forgets the listeners: the client is not used again. */
  dispose(): void {
    this.disconnect();
    this.listeners.clear();
  }

  /**
   * Starts a worker and waits for its 'ready'. A worker that does not say ready in time, or stops
   * answering, is replaced and given the last reset and the changes since (the panel says so): a
   * worker can die without an event (killed for memory) or lose a message it could not read.
   */
  private start(): void {
    const worker = this.createWorker();
    this.worker = worker;
    worker.onmessage = (event) => this.receive(event.data);
    // A worker that cannot start or throws outside the handler must not leave "checking…" for ever.
    worker.onerror = (event) => {
      event.preventDefault?.();
      const detail = event.message ? `（${event.message}）` : '';
      const detailEn = event.message ? ` (${event.message})` : '';
      const failure = text(
        `校验程序无法启动或意外停止${detail}`,
        `the validation worker could not start or stopped${detailEn}`,
      );
      this.set({ ...this.state, running: false, failure });
    };
    // An answer that could not be read here: the request it answered is lost, so start over.
    worker.onmessageerror = () =>
      this.lost(text('无法读取校验程序的结果', 'the answer of the validation worker could not be read'));
    this.arm(Math.min(this.timeouts.readyMs * 2 ** this.attempt, MAX_READY_MS));
  }

  private detach(worker: WorkerLike): void {
    worker.onmessage = null;
    worker.onerror = null;
    worker.onmessageerror = null;
    worker.terminate();
  }

  /** Replaces the worker, replaying the document into the new one; `waitedMs`: what was waited for. */
  private restart(waitedMs: number): void {
    this.restarts++;
    this.attempt++;
    if (this.worker) this.detach(this.worker);
    this.pending = [...this.replay];
    this.start();
    const waiting = this.pending.length > 0;
    this.set({
      ...this.state,
      running: waiting || this.state.running,
      retrying: waiting ? { attempt: this.attempt, waitedMs } : null,
    });
  }

  /** A request or its answer could not be copied between the threads: replace the worker. */
  private lost(message: LocalText): void {
    if (++this.lostInRow > MAX_LOST_RETRIES) {
      // The same document keeps failing to cross: say so and wait for the next reset.
      clearTimeout(this.watchdog);
      this.set({ ...this.state, running: false, failure: message, retrying: null });
      return;
    }
    this.restart(0);
    // Not a timeout: the failure says what was lost while the new worker checks again.
    this.set({ ...this.state, failure: message, retrying: null });
  }

  private arm(ms: number): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.restart(ms), ms);
  }

  private post(request: ValidationRequest, patch: Partial<ValidationState>): void {
    if (this.inProcess && this.pending !== null) {
      // Queued for the worker too (it takes over when ready); answered here meanwhile.
      if (request.type === 'reset') this.pending = [];
      this.pending.push(request);
      this.set({ ...this.state, ...patch, running: true });
      this.receive(this.inProcess.handle(request));
      return;
    }
    try {
      if (this.pending !== null || !this.worker) {
        // Not ready (or not connected): a reset makes everything queued before it moot.
        if (request.type === 'reset' || this.pending === null) this.pending = [];
        this.pending.push(request);
      } else {
        send(this.worker, request);
        this.arm(this.timeouts.answerMs);
      }
      this.set({ ...this.state, ...patch, running: true });
    } catch (error) {
      // A document that cannot be copied to the worker is a bug; say so instead of "checking…" for ever.
      this.set({
        ...this.state,
        running: false,
        failure: text(
          `无法把文档交给校验程序（${errorDetail(error)}）`,
          `the document could not be sent to the validation worker (${errorDetail(error)})`,
        ),
      });
    }
  }

  private receive(response: ValidationResponse): void {
    this.lastAnswered =
      response.type === 'ready' || response.type === 'unreadable'
        ? response.type
        : `${response.type}:${response.revision}`;
    if (response.type === 'unreadable') {
      this.lost(text('校验程序无法读取请求', 'the validation worker could not read a request'));
      return;
    }
    if (response.type === 'ready') {
      const queued = this.pending ?? [];
      this.pending = null;
      this.inProcess = null;
      for (const request of queued) if (this.worker) send(this.worker, request);
      if (queued.length > 0) this.arm(this.timeouts.answerMs);
      else clearTimeout(this.watchdog);
      return;
    }
    if (response.revision !== this.revision) return;
    const countedDivision = this.documents.get(response.revision) ?? null;
    this.documents.clear();
    clearTimeout(this.watchdog);
    this.attempt = 0;
    this.lostInRow = 0;
    if (response.type === 'failed') {
      this.set({
        ...this.state,
        running: false,
        failure: response.message,
        retrying: null,
        awaitedReset: null,
      });
      return;
    }
    this.set({
      issues: response.issues,
      gridCounts: response.gridCounts,
      counts: response.counts,
      countedDivision,
      awaitedReset: null,
      running: false,
      checked: this.state.checked || response.full,
      lastDurationMs: response.durationMs,
      lastFull: response.full,
      failure: null,
      retrying: null,
    });
  }

  private set(next: ValidationState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

/**
 * A module worker: vite builds it as one script (`worker.format: 'iife'`) and serves it as an ES
 * module in development, where a classic worker cannot `import` and never ran (docs/adr/0006).
 */
function createValidationWorker(): WorkerLike {
  return new Worker(new URL('../workers/validation-worker.ts', import.meta.url), {
    type: 'module',
    name: 'gridplan-validation',
  });
}

/** Posts a request, a reset's census columns handed over as copies (see {@link transferableCensus}). */
function send(worker: WorkerLike, request: ValidationRequest): void {
  if (request.type !== 'reset') {
    worker.postMessage(request);
    return;
  }
  const { census, transfer } = transferableCensus(request.division.census);
  worker.postMessage({ ...request, division: { ...request.division, census } }, transfer);
}
