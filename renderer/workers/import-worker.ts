/// <reference lib="webworker" />
// Reads and converts imported files off the main thread, so a 50 MB shapefile never freezes the window
// and the planner can cancel (the app terminates this worker). It only computes: nothing is written to
// the project here, so a cancelled or failed import leaves the project exactly as it was.
import { neighbourReferenceImport } from '../../shared/formats/embedded-neighbours';
import { convertImport, inspectImport, readImport } from '../../shared/formats/import-files';
import type { ReferenceImport } from '../../shared/formats/reference-layer-import';
import { recordsToReferenceLayer } from '../../shared/formats/reference-layer-import';
import type { Problem, Result } from '../../shared/model';
import { ok, text } from '../../shared/model';
import type { Converted, ImportWorkerReply, ImportWorkerRequest } from '../import/import-protocol';
import { failedUnchanged } from './failed-unchanged';

declare const self: DedicatedWorkerGlobalScope;

function reply(message: ImportWorkerReply): void {
  self.postMessage(message);
}

function unexpected(error: unknown): Problem {
  const what = text('读取文件时出错', 'Reading the files failed');
  return { kind: 'unexpected', message: failedUnchanged(what, error) };
}

function convert(request: Extract<ImportWorkerRequest, { type: 'convert' }>): Result<Converted> {
  const read = readImport(request.files, {
    ...request.choices,
    onProgress: (fraction) => reply({ type: 'progress', fraction }),
  });
  if (!read.ok) return read;
  if (read.value.kind === 'division') return ok({ kind: 'division', division: read.value.division });
  const converted = convertImport(read.value, request.request);
  reply({ type: 'progress', fraction: 1 });
  return converted.ok ? ok({ kind: 'layer', layer: converted.value }) : converted;
}

function reference(request: Extract<ImportWorkerRequest, { type: 'reference' }>): Result<ReferenceImport> {
  const read = readImport(request.files, {
    ...request.choices,
    onProgress: (fraction) => reply({ type: 'progress', fraction }),
  });
  if (!read.ok) return read;
  // A file of `gridplan city pull`: its neighbours' border grids are the layer, the city office's
  // remarks ride along with it.
  const pulled =
    read.value.kind === 'division'
      ? neighbourReferenceImport(read.value.division, request.request)
      : undefined;
  if (pulled) {
    reply({ type: 'progress', fraction: 1 });
    return pulled;
  }
  if (read.value.kind !== 'features') {
    return {
      ok: false,
      problems: [
        {
          kind: 'not-features',
          message: text(
            '参考图层需要线或面要素（Shapefile 或 GeoJSON），不能是表格或 GridPlan 划分文件。',
            'A reference layer needs line or polygon features (shapefile or GeoJSON), not a table or a GridPlan division.',
          ),
        },
      ],
    };
  }
  const converted = recordsToReferenceLayer(read.value.records, request.request);
  reply({ type: 'progress', fraction: 1 });
  return converted;
}

self.onmessage = (event: MessageEvent<ImportWorkerRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'inspect') {
      reply({ type: 'inspected', result: inspectImport(request.files, request.choices) });
    } else if (request.type === 'reference') {
      reply({ type: 'referenced', result: reference(request) });
    } else {
      reply({ type: 'converted', result: convert(request) });
    }
  } catch (error) {
    const result = { ok: false as const, problems: [unexpected(error)] };
    reply(
      request.type === 'inspect'
        ? { type: 'inspected', result }
        : request.type === 'reference'
          ? { type: 'referenced', result }
          : { type: 'converted', result },
    );
  }
};
