import type { Change, Division, Result, RuleSet } from '../../shared/model';
import type { EditCommand } from '../tools/edit-command';
import { packDivision } from '../workers/packed-division';
import type { ListedGap } from '../tools/community-gaps';
import type { EditReply, GapsReply, SketchReply, SketchRequest, SketchWorkerReply } from './sketch-protocol';

/** The part of a Worker the client uses (a test connects it to the handler in process). */
export interface SketchPort {
  postMessage(message: SketchRequest): void;
  onmessage: ((event: MessageEvent<SketchWorkerReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

interface Waiting {
  readonly version: number;
  /** Called with the answer made on `version`, or null when there is none (the main thread computes). */
  readonly resolve: (reply: EditReply | GapsReply | null) => void;
}

/**
 * The window's side of the sketch-count worker: sends it the document (numbered, and only when it
 * changed), sketches to count, edit commands to compute (edit-command.ts) and 填补空白's gap list. `compute`
 * (and `gaps`) resolves with the command's result on exactly the document it was given, or null when the worker
 * cannot answer (none, failed or stopped): the caller then runs the command on the main thread. The worker runs between `start` and `stop` (a
 * React effect's setup and cleanup).
 */
export class SketchWorkerClient {
  private port: SketchPort | null = null;
  private version = 0;
  private posted: { division: Division; ruleSet: RuleSet } | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, Waiting>();
  private readonly sketchListeners = new Set<(reply: SketchReply) => void>();

  /** `open` starts the worker, or returns null where there are no workers. */
  constructor(private readonly open: () => SketchPort | null) {}

  /** Starts the worker (again after `stop`). */
  start(): void {
    if (this.port) return;
    const port = this.open();
    if (!port) return;
    port.onmessage = (event) => this.receive(event.data);
    port.onerror = () => this.stop();
    this.port = port;
  }

  /** Ends the worker: waiting commands resolve null (the main thread takes over). */
  stop(): void {
    this.port?.terminate();
    this.port = null;
    this.posted = null;
    for (const { resolve } of this.pending.values()) resolve(null);
    this.pending.clear();
  }

  /** Calls the listener with every sketch answer; returns the unsubscribe function. */
  onSketch(listener: (reply: SketchReply) => void): () => void {
    this.sketchListeners.add(listener);
    return () => this.sketchListeners.delete(listener);
  }

  /** Sends the document unless it is the one the worker already has. */
  setDocument(division: Division, ruleSet: RuleSet): void {
    if (!this.port || (this.posted?.division === division && this.posted.ruleSet === ruleSet)) return;
    this.posted = { division, ruleSet };
    this.port.postMessage({
      type: 'document',
      version: ++this.version,
      division: packDivision(division),
      ruleSet,
    });
  }

  /**
   * Follows an edit the session applied: when the worker has `before`, only the Change is sent (the
   * whole document took 100–250 ms of the window's thread per edit at 200,000 points); otherwise the
   * next `setDocument` sends the whole document.
   */
  followChange(change: Change, after: Division, before: Division): void {
    if (!this.port || this.posted?.division !== before) return;
    this.posted = { division: after, ruleSet: this.posted.ruleSet };
    this.port.postMessage({ type: 'change', version: ++this.version, change });
  }

  /** Sends a sketch to count. */
  sketch(request: Extract<SketchRequest, { type: 'sketch' }>): void {
    this.port?.postMessage(request);
  }

  /** Runs an edit command on `division` in the worker (see the class comment). */
  async compute(division: Division, ruleSet: RuleSet, command: EditCommand): Promise<Result<Change> | null> {
    const reply = await this.ask(division, ruleSet, (id) => ({ type: 'edit', id, command }));
    return reply?.type === 'edit' ? reply.result : null;
  }

  /** 填补空白's gap list of a community of `division`, computed in the worker (null as for `compute`). */
  async gaps(division: Division, ruleSet: RuleSet, communityId: string): Promise<Result<ListedGap[]> | null> {
    const reply = await this.ask(division, ruleSet, (id) => ({ type: 'gaps', id, communityId }));
    return reply?.type === 'gaps' ? reply.result : null;
  }

  /** Sends a numbered request about `division` and resolves with the answer made on exactly it. */
  private ask(
    division: Division,
    ruleSet: RuleSet,
    request: (id: number) => Extract<SketchRequest, { type: 'edit' | 'gaps' }>,
  ): Promise<EditReply | GapsReply | null> {
    const port = this.port;
    if (!port) return Promise.resolve(null);
    this.setDocument(division, ruleSet);
    const id = ++this.nextId;
    const version = this.version;
    return new Promise((resolve) => {
      this.pending.set(id, { version, resolve });
      try {
        port.postMessage(request(id));
      } catch {
        // A request that cannot be cloned (cannot happen with plain GeoJSON): the main thread runs it.
        this.pending.delete(id);
        resolve(null);
      }
    });
  }

  private receive(reply: SketchWorkerReply): void {
    if (reply.type === 'sketch') {
      for (const listener of this.sketchListeners) listener(reply);
      return;
    }
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    // Messages arrive in order, so the worker had the requested document; should it not have, the
    // answer belongs to another document and the main thread computes the command instead.
    waiting.resolve(reply.version === waiting.version ? reply : null);
  }
}
