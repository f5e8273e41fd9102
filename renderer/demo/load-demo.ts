import demoUrl from '../../resources/demo/demo-township.geojson?url';
import { parseDivisionGeoJson } from '../../shared/formats/geojson';
import type { Division } from '../../shared/model';

/**
 * Reads the demo township shipped with the app (a file inside the app, never the network) through the
 * same restore step as any imported file.
 */
export async function loadDemoDivision(): Promise<Division> {
  const response = await fetch(demoUrl);
  const result = parseDivisionGeoJson(await response.text());
  if (!result.ok) throw new Error(result.problems.map((p) => p.message.en).join('; '));
  return result.value;
}
