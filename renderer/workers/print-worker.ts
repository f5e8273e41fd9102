/// <reference lib="webworker" />
// Makes the notice and report PDFs off the main thread with the same shared/report code as the command
// line; it only reads the division it is sent and answers with the bytes.
import { noticePdf } from '../../shared/report/notice-pdf';
import { reviewReportPdf } from '../../shared/report/review-report-pdf';
import { validateDivision } from '../../shared/validate/validate-division';
import { text } from '../../shared/model';
import type { FontUrls, PrintReply, PrintRequest } from '../print/print-protocol';
import type { PackedRequest } from './packed-division';
import { unpackRequest } from './packed-division';
import { failedUnchanged } from './failed-unchanged';

declare const self: DedicatedWorkerGlobalScope;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function fonts(urls: FontUrls) {
  const [regular, bold] = await Promise.all([fetchBytes(urls.regular), fetchBytes(urls.bold)]);
  return { regular, bold };
}

async function make(request: PrintRequest): Promise<Uint8Array> {
  const date = new Date(request.date);
  if (request.type === 'notice') {
    return noticePdf(request.division, {
      fonts: await fonts(request.fonts),
      communities: request.communities,
      referenceLayers: request.referenceLayers,
      date,
      lang: request.lang,
    });
  }
  const report = validateDivision(request.division, request.ruleSet, { lang: request.lang });
  return reviewReportPdf(request.division, report, {
    fonts: await fonts(request.fonts),
    ruleSetName: request.ruleSet.name[request.lang],
    referenceLayers: request.referenceLayers,
    ...(request.version !== undefined ? { version: request.version } : {}),
    date,
    lang: request.lang,
  });
}

self.onmessage = (event: MessageEvent<PackedRequest<PrintRequest>>) => {
  Promise.resolve()
    .then(() => make(unpackRequest<PrintRequest>(event.data)))
    .then(
      (bytes) => {
        const reply: PrintReply = { ok: true, bytes };
        self.postMessage(reply, [bytes.buffer]);
      },
      (error: unknown) => {
        const reply: PrintReply = {
          ok: false,
          message: failedUnchanged(text('生成 PDF 失败', 'Making the PDF failed'), error),
        };
        self.postMessage(reply);
      },
    );
};
