import { parseDivisionGeoJson } from '../../../shared/formats/geojson';
import { builtinRuleSet } from '../../../shared/model';
import { ValidationClient } from '../../../renderer/validation/validation-client';

/**
 * Runs in Chromium (bundled by validation-worker.e2e.test.ts): the app's ValidationClient talks to the
 * validation worker the build shipped, about the demo township, in the order React StrictMode runs the
 * wiring's effects (connect, reset, disconnect, connect, reset). The page records the client's
 * diagnostics and, once the worker has answered the whole check, `data-answered`.
 */
async function probe(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const workerUrl = params.get('worker') ?? '';
  const demoUrl = params.get('demo') ?? '';
  const parsed = parseDivisionGeoJson(await (await fetch(demoUrl)).text());
  if (!parsed.ok) throw new Error('the demo township does not parse');
  const ruleSet = builtinRuleSet('zigong')!;
  // Created as the app creates it (renderer/validation/validation-client.ts).
  const client = new ValidationClient(
    () => new Worker(workerUrl, { type: 'module', name: 'gridplan-validation' }),
  );
  const show = (): void => {
    const state = client.getState();
    document.body.dataset.validation = client.diagnostics();
    if (state.checked && !state.running) document.body.dataset.answered = String(state.gridCounts?.size ?? 0);
    if (state.retrying) document.body.dataset.retried = String(state.retrying.attempt);
  };
  client.subscribe(show);
  client.connect();
  client.reset(parsed.value, ruleSet);
  client.disconnect();
  client.connect();
  client.reset(parsed.value, ruleSet);
  show();
}

probe().catch((error: unknown) => {
  document.body.dataset.failed = error instanceof Error ? error.message : String(error);
});
