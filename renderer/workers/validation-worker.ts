/// <reference lib="webworker" />
import { errorDetail, text } from '../../shared/model';
import { ValidationHandler } from './validation-handler';
import type { ValidationRequest, ValidationResponse } from './validation-protocol';

// Validation runs here, off the main thread: a full check of a city takes seconds, and the incremental
// re-validation after an edit must never make the map stutter.
declare const self: DedicatedWorkerGlobalScope;

const handler = new ValidationHandler();
self.onmessage = (event: MessageEvent<ValidationRequest>) => answer(handler.handle(event.data));
// A request that could not be read would otherwise vanish without an answer.
self.onmessageerror = () => answer({ type: 'unreadable' });

/** Posts an answer; one that cannot be copied to the page becomes a failure of that request. */
function answer(response: ValidationResponse): void {
  try {
    self.postMessage(response);
  } catch (error) {
    if (response.type !== 'result') throw error;
    const detail = errorDetail(error);
    const message = text(
      `校验结果无法送回窗口（${detail}）`,
      `the result could not be sent back (${detail})`,
    );
    self.postMessage({ type: 'failed', revision: response.revision, message } satisfies ValidationResponse);
  }
}

// The client sends nothing before this: it knows the worker's script has run and can take requests.
const ready: ValidationResponse = { type: 'ready' };
self.postMessage(ready);
