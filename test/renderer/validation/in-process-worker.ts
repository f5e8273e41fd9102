import type { WorkerLike } from '../../../renderer/validation/validation-client';
import { ValidationHandler } from '../../../renderer/workers/validation-handler';
import type { ValidationRequest, ValidationResponse } from '../../../renderer/workers/validation-protocol';

/** The worker's own handler, answering asynchronously as a real worker would (structured clone). */
export class InProcessWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<ValidationResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  private readonly handler = new ValidationHandler();
  constructor() {
    // Like the real worker: ready once its module has run.
    setTimeout(() => this.onmessage?.({ data: { type: 'ready' } } as MessageEvent<ValidationResponse>), 5);
  }
  postMessage(message: ValidationRequest): void {
    const copy = structuredClone(message);
    setTimeout(() => {
      const response = this.handler.handle(copy);
      this.onmessage?.({ data: structuredClone(response) } as MessageEvent<ValidationResponse>);
    }, 0);
  }
  terminate(): void {}
}
