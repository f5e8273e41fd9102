import type { Result } from '../../shared/model';
import { text } from '../../shared/model';
import type { CommunityCounts, DivideReply, DivideRequest, Preview } from './divide-protocol';
import { failedUnchanged } from '../workers/failed-unchanged';
import { packRequest } from '../workers/packed-division';

/** A job in the divide worker: its result, and a way to stop it. */
export interface DivideJob<T> {
  readonly result: Promise<T | 'cancelled'>;
  /** Terminates the worker: the job resolves 'cancelled' at once and nothing reaches the project. */
  readonly cancel: () => void;
}

/** Starts one job in a fresh worker (one worker per job, so cancelling is terminating). */
function start<T>(
  request: DivideRequest,
  onProgress: ((fraction: number) => void) | undefined,
  done: (reply: DivideReply) => T | undefined,
  failed: (message: string) => T,
): DivideJob<T> {
  const worker = new Worker(new URL('../workers/divide-worker.ts', import.meta.url), { type: 'classic' });
  let settle: (value: T | 'cancelled') => void = () => undefined;
  const result = new Promise<T | 'cancelled'>((resolve) => {
    settle = resolve;
  });
  const finish = (value: T | 'cancelled') => {
    worker.terminate();
    settle(value);
  };
  worker.onmessage = (event: MessageEvent<DivideReply>) => {
    if (event.data.type === 'progress') {
      onProgress?.(event.data.fraction);
      return;
    }
    const value = done(event.data);
    if (value !== undefined) finish(value);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    finish(failed(event.message));
  };
  worker.postMessage(packRequest(request));
  return { result, cancel: () => finish('cancelled') };
}

function workerFailure(message: string): Result<Preview> {
  return {
    ok: false,
    problems: [
      {
        kind: 'worker',
        message: failedUnchanged(text('自动划分程序出错', 'Automatic division failed'), message),
      },
    ],
  };
}

/** The feasible grid counts of communities, computed in the worker. */
export function feasibleInWorker(
  request: Extract<DivideRequest, { type: 'feasible' }>,
): DivideJob<readonly CommunityCounts[]> {
  return start(
    request,
    undefined,
    (reply) => (reply.type === 'feasible' ? reply.counts : undefined),
    () => [],
  );
}

/** A division or rebalancing proposal, computed in the worker with progress. */
export function previewInWorker(
  request: Extract<DivideRequest, { type: 'divide' | 'rebalance' }>,
  onProgress: (fraction: number) => void,
): DivideJob<Result<Preview>> {
  return start(
    request,
    onProgress,
    (reply) => (reply.type === 'preview' ? reply.result : undefined),
    workerFailure,
  );
}
