import { MIN_PIECE_AREA_M2 } from '../../shared/model';
import type { Change, Division, RuleSet } from '../../shared/model';
import type { CensusTally } from '../../shared/geometry/count-census';
import type { ValidationIssue } from '../../shared/validate';
import { ValidationHandler } from '../workers/validation-handler';
import { packDivision } from '../workers/packed-division';
import type { ValidationRequest, ValidationResponse } from '../workers/validation-protocol';

/** What the issues panel, the map and the status bar show of validation. */
export interface ValidationState {
  readonly issues: readonly ValidationIssue[];
  readonly gridCounts: ReadonlyMap<string, CensusTally> | null;
  readonly running: boolean;
  /** True once a whole-division check has answered for the current document. */
  readonly checked: boolean;
  readonly lastDurationMs: number | null;
  readonly lastFull: boolean;
  readonly failure: string | null;
}

const INITIAL: ValidationState = {
  issues: [],
  gridCounts: null,
  running: false,
  checked: false,
  lastDurationMs: null,
  lastFull: false,
  failure: null,
};

/** The minimal part of a Worker the client uses, so tests can run the worker's code in-process. */
export interface WorkerLike {
  postMessage(message: ValidationRequest): void;
  onmessage: ((event: MessageEvent<ValidationResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/**
 * Keeps the validation worker in step with the document: a reset with the whole division when a
 * project opens or the rule set changes, then each applied change in order (the worker applies it to
 * its own copy and re-validates only the neighbourhood). Answers older than the latest request are
 * dropped, so the panel never shows issues of a document that is gone.
 */
export class ValidationClient {
  private state: ValidationState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private revision = 0;
  private worker!: WorkerLike;
  /** Requests made before the worker said it is ready, sent in order when it is. */
  private pending: ValidationRequest[] | null = [];
  /** The last reset and the changes since, so a replaced worker can be brought to the same document. */
  private replay: ValidationRequest[] = [];
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private restarts = 0;
  private lastAnswered = 'none';
  /**
   * Validation on this thread, used only when the planner asked for a whole check (整体校验) and the
   * worker has not started: the check must answer even then. Dropped once the worker is ready.
   */
  private inProcess: ValidationHandler | null = null;

  constructor(
    private readonly createWorker: () => WorkerLike = createValidationWorker,
    private readonly timeouts = { readyMs: 5_000, answerMs: 60_000 },
  ) {
    this.start();
  }

  readonly getState = (): ValidationState => this.state;

  /** Where the conversation with the worker stands, for support and tests (shown as a data attribute). */
  diagnostics(): string {
    return `rev=${this.revision} ready=${this.pending === null} queued=${this.pending?.length ?? 0} last=${this.lastAnswered} restarts=${this.restarts}`;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

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
    this.post(request, { checked: false });
  }

  /** Re-validates after a change that the editor has applied (edit, undo or redo). */
  applied(change: Change): void {
    this.revision++;
    const request: ValidationRequest = { type: 'change', revision: this.revision, change };
    if (this.replay.length > 0) this.replay.push(request);
    this.post(request, {});
  }

  dispose(): void {
    clearTimeout(this.watchdog);
    this.worker.terminate();
    this.listeners.clear();
  }

  /**
   * Starts a worker and waits for its 'ready'. A worker that does not say ready in time, or stops
   * answering, is replaced and given the last reset and the changes since: seen in Chromium under load,
   * a module worker that never ran (no ready, no error), which left the panel at 正在校验… for ever.
   */
  private start(): void {
    this.worker = this.createWorker();
    this.worker.onmessage = (event) => this.receive(event.data);
    // A worker that cannot start or throws outside the handler must not leave "checking…" for ever.
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      this.set({ ...this.state, running: false, failure: event.message || 'worker error' });
    };
    this.arm(this.timeouts.readyMs);
  }

  private restart(): void {
    this.restarts++;
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.terminate();
    this.pending = [...this.replay];
    this.start();
    this.set({ ...this.state });
  }

  private arm(ms: number): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.restart(), ms);
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
      if (this.pending) {
        // A reset makes everything queued before it moot.
        if (request.type === 'reset') this.pending = [];
        this.pending.push(request);
      } else {
        this.worker.postMessage(request);
        this.arm(this.timeouts.answerMs);
      }
      this.set({ ...this.state, ...patch, running: true });
    } catch (error) {
      // A document that cannot be copied to the worker is a bug; say so instead of "checking…" for ever.
      this.set({
        ...this.state,
        running: false,
        failure: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private receive(response: ValidationResponse): void {
    this.lastAnswered = response.type === 'ready' ? 'ready' : `${response.type}:${response.revision}`;
    if (response.type === 'ready') {
      const queued = this.pending ?? [];
      this.pending = null;
      this.inProcess = null;
      for (const request of queued) this.worker.postMessage(request);
      if (queued.length > 0) this.arm(this.timeouts.answerMs);
      else clearTimeout(this.watchdog);
      return;
    }
    if (response.revision !== this.revision) return;
    clearTimeout(this.watchdog);
    if (response.type === 'failed') {
      this.set({ ...this.state, running: false, failure: response.message });
      return;
    }
    this.set({
      issues: response.issues,
      gridCounts: response.gridCounts,
      running: false,
      checked: this.state.checked || response.full,
      lastDurationMs: response.durationMs,
      lastFull: response.full,
      failure: null,
    });
  }

  private set(next: ValidationState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

/** A classic worker (vite builds it as one script): see docs/adr/0006 for why not a module worker. */
function createValidationWorker(): WorkerLike {
  return new Worker(new URL('../workers/validation-worker.ts', import.meta.url), {
    type: 'classic',
    name: 'gridplan-validation',
  });
}
