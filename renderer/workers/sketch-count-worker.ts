/// <reference lib="webworker" />
// Counts before commit: while a grid is drawn or a split line is drawn, the households of each part it
// would make. Running the real command and a census assignment takes tens of milliseconds on a large
// township, too long for the main thread on every pointer move (issue 12: no task over 50 ms), so it runs
// here. The worker keeps the current document; each sketch is answered with its sequence number so the
// window drops answers a newer sketch has overtaken.
import type { Division, RuleSet } from '../../shared/model';
import type { SketchPreview } from '../divide/sketch-counts';
import type { SketchReply, SketchRequest } from '../divide/sketch-protocol';
import { NO_PREVIEW, sketchCounts } from '../divide/sketch-counts';
import { unpackDivision } from './packed-division';

declare const self: DedicatedWorkerGlobalScope;

let current: { division: Division; ruleSet: RuleSet } | null = null;

self.onmessage = (event: MessageEvent<SketchRequest>) => {
  const request = event.data;
  if (request.type === 'document') {
    current = { division: unpackDivision(request.division), ruleSet: request.ruleSet };
    return;
  }
  let preview: SketchPreview = NO_PREVIEW;
  try {
    if (current) preview = sketchCounts(current.division, current.ruleSet, request.sketch);
  } catch {
    // A sketch the geometry cannot handle yet (a self-crossing outline mid-drawing) shows no count.
    preview = NO_PREVIEW;
  }
  const reply: SketchReply = { seq: request.seq, preview };
  self.postMessage(reply);
};
