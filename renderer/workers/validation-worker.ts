/// <reference lib="webworker" />
import { ValidationHandler } from './validation-handler';
import type { ValidationRequest, ValidationResponse } from './validation-protocol';

// Validation runs here, off the main thread: a full check of a city takes seconds, and the incremental
// re-validation after an edit must never make the map stutter.
declare const self: DedicatedWorkerGlobalScope;

const handler = new ValidationHandler();
self.onmessage = (event: MessageEvent<ValidationRequest>) => {
  self.postMessage(handler.handle(event.data));
};
// Chromium may drop messages posted to a module worker before its module has run (seen here: the
// first validation never answered), so the client waits for this before it sends anything.
const ready: ValidationResponse = { type: 'ready' };
self.postMessage(ready);
