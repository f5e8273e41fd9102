/// <reference lib="webworker" />
// Counts before commit, and 拆分 itself: while a grid is drawn or a split line is drawn, the households
// of each part it would make; when a split line is finished, the split's Change. Running the real
// command and a census assignment takes tens to hundreds of milliseconds on a large township, too long
// for the main thread (issue 12: no task over 50 ms), so it runs here on the worker's own copy of the
// document (sketch-handler.ts). Sketch answers carry their sequence number so the window drops answers a
// newer sketch has overtaken; split answers carry the document version they were made on.
import type { SketchRequest } from '../divide/sketch-protocol';
import { createSketchHandler } from './sketch-handler';

declare const self: DedicatedWorkerGlobalScope;

const handle = createSketchHandler();

self.onmessage = (event: MessageEvent<SketchRequest>) => {
  const reply = handle(event.data);
  if (reply) self.postMessage(reply);
};
