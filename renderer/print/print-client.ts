import type { Result } from '../../shared/model';
import { fail, ok, text } from '../../shared/model';
import type { PrintReply, PrintRequest } from './print-protocol';
import { packRequest } from '../workers/packed-division';

/**
 * Makes a PDF in a worker of its own (the notice of a township is a few seconds of work that must not
 * freeze the map), ended when it answers.
 */
export function makePdf(request: PrintRequest): Promise<Result<Uint8Array>> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('../workers/print-worker.ts', import.meta.url), { type: 'classic' });
    worker.onmessage = (event: MessageEvent<PrintReply>) => {
      worker.terminate();
      const reply = event.data;
      resolve(reply.ok ? ok(reply.bytes) : fail({ kind: 'print', message: reply.message }));
    };
    worker.onerror = (event) => {
      worker.terminate();
      const detail = event.message || 'worker error';
      resolve(
        fail({
          kind: 'print',
          message: text(`生成 PDF 失败（${detail}）。`, `Making the PDF failed (${detail}).`),
        }),
      );
    };
    worker.postMessage(packRequest(request));
  });
}
