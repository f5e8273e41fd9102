import type { WorkerLike } from '../../../renderer/validation/validation-client';
import { ValidationHandler } from '../../../renderer/workers/validation-handler';
import type { ValidationRequest, ValidationResponse } from '../../../renderer/workers/validation-protocol';

/**
 * The worker's own handler, answering asynchronously as a real worker would (structured clone, and the
 * buffers of a transfer list handed over: the sender's copies are detached, as in a browser).
 */
export class InProcessWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<ValidationResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  private readonly handler = new ValidationHandler();
  constructor() {
    // Like the real worker: ready once its module has run.
    setTimeout(() => this.onmessage?.({ data: { type: 'ready' } } as MessageEvent<ValidationResponse>), 5);
  }
  postMessage(message: ValidationRequest, transfer: Transferable[] = []): void {
    // Node's structuredClone takes a transfer list as postMessage does.
    const copy = structuredClone(message, { transfer: transfer as never });
    setTimeout(() => {
      const response = this.handler.handle(copy);
      this.onmessage?.({ data: structuredClone(response) } as MessageEvent<ValidationResponse>);
    }, 0);
  }
  terminate(): void {}
}
