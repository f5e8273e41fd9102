/// <reference lib="webworker" />
import { ValidationHandler } from './validation-handler';
import type { ValidationRequest } from './validation-protocol';

// Validation runs here, off the main thread: a full check of a city takes seconds, and the incremental
// re-validation after an edit must never make the map stutter.
declare const self: DedicatedWorkerGlobalScope;

const handler = new ValidationHandler();
self.onmessage = (event: MessageEvent<ValidationRequest>) => {
  const response = handler.handle(event.data);
  if (response) self.postMessage(response);
};
