// A Chrome trace recorded through a page's DevTools session (Tracing domain), for contexts that have no
// Browser object to call startTracing on: a persistent profile's context (launchPersistentContext).
import { writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';

/** Starts recording the given categories; the trace is returned as a stream when stopped. */
export async function startTrace(session: CDPSession, categories: readonly string[]): Promise<void> {
  await session.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: [...categories], recordMode: 'recordAsMuchAsPossible' },
  });
}

/** Stops the recording and writes the trace (JSON, for chrome://tracing or DevTools) to `tracePath`. */
export async function stopTrace(session: CDPSession, tracePath: string): Promise<void> {
  const complete = new Promise<string>((resolve, reject) => {
    session.once('Tracing.tracingComplete', (event) => {
      if (event.stream) resolve(event.stream);
      else reject(new Error('Chromium returned the trace without a stream'));
    });
  });
  await session.send('Tracing.end');
  const handle = await complete;
  const parts: string[] = [];
  for (;;) {
    const chunk = await session.send('IO.read', { handle });
    parts.push(chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data);
    if (chunk.eof) break;
  }
  await session.send('IO.close', { handle });
  writeFileSync(tracePath, parts.join(''));
}
