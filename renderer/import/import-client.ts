import type { ImportInspection } from '../../shared/formats/import-files';
import type { LayerRequest } from '../../shared/formats/import-layer';
import type { ReferenceImport, ReferenceRequest } from '../../shared/formats/reference-layer-import';
import type { InputFile } from '../../shared/formats/zip-archive';
import type { Result } from '../../shared/model';
import { text } from '../../shared/model';
import type { Converted, ImportWorkerReply, ImportWorkerRequest, ReadChoices } from './import-protocol';
import { failedUnchanged } from '../workers/failed-unchanged';

/** A job in the import worker: its result, and a way to stop it. */
export interface ImportJob<T> {
  readonly result: Promise<Result<T> | 'cancelled'>;
  /** Terminates the worker: the job resolves 'cancelled' at once. */
  readonly cancel: () => void;
}

/** Starts one job in a fresh worker (one worker per job, so cancelling is terminating). */
function start<T>(
  request: ImportWorkerRequest,
  onProgress: ((fraction: number) => void) | undefined,
  done: (reply: ImportWorkerReply) => Result<T> | undefined,
): ImportJob<T> {
  const worker = new Worker(new URL('../workers/import-worker.ts', import.meta.url), { type: 'classic' });
  let settle: (value: Result<T> | 'cancelled') => void = () => undefined;
  const result = new Promise<Result<T> | 'cancelled'>((resolve) => {
    settle = resolve;
  });
  const finish = (value: Result<T> | 'cancelled') => {
    worker.terminate();
    settle(value);
  };
  worker.onmessage = (event: MessageEvent<ImportWorkerReply>) => {
    if (event.data.type === 'progress') {
      onProgress?.(event.data.fraction);
      return;
    }
    const value = done(event.data);
    if (value) finish(value);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    finish({
      ok: false,
      problems: [
        {
          kind: 'worker',
          message: failedUnchanged(text('导入程序出错', 'The import failed'), event.message),
        },
      ],
    });
  };
  worker.postMessage(request);
  return { result, cancel: () => finish('cancelled') };
}

/** Inspects files in the worker (format, fields, decoded preview, coordinates). */
export function inspectInWorker(
  files: readonly InputFile[],
  choices: ReadChoices,
): ImportJob<ImportInspection> {
  return start({ type: 'inspect', files, choices }, undefined, (reply) =>
    reply.type === 'inspected' ? reply.result : undefined,
  );
}

/** Converts files to one layer (or a whole division) in the worker, reporting progress. */
export function convertInWorker(
  files: readonly InputFile[],
  choices: ReadChoices,
  request: LayerRequest,
  onProgress: (fraction: number) => void,
): ImportJob<Converted> {
  return start({ type: 'convert', files, choices, request }, onProgress, (reply) =>
    reply.type === 'converted' ? reply.result : undefined,
  );
}

/** Converts files to a reference layer (参考图层) in the worker, reporting progress. */
export function convertReferenceInWorker(
  files: readonly InputFile[],
  choices: ReadChoices,
  request: ReferenceRequest,
  onProgress: (fraction: number) => void,
): ImportJob<ReferenceImport> {
  return start({ type: 'reference', files, choices, request }, onProgress, (reply) =>
    reply.type === 'referenced' ? reply.result : undefined,
  );
}

/** Reads chosen files into memory (names without folders). */
export async function readChosenFiles(files: readonly File[]): Promise<InputFile[]> {
  return Promise.all(
    files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })),
  );
}
