import type { Geometry } from 'geojson';
import type { Division, ReferenceLayer, Result } from '../model';
import { ok } from '../model';
import { CITY_COMMENTS_MEMBER, embeddedCityComments } from './embedded-city-comments';
import type { FeatureRecord } from './import-layer';
import type { ReferenceImport } from './reference-layer-import';
import { recordsToReferenceLayer } from './reference-layer-import';

/**
 * A division file as `gridplan city pull` writes it (docs/city-office.md): the township's filed division
 * plus the foreign member `referenceLayers`, whose layer of role `neighbour` holds the neighbouring
 * townships' border grids. GridPlan's reader keeps the member in `meta.extra`; these functions find the
 * neighbours' grids there (as records for the reference-layer conversion, which checks and rounds every
 * geometry) and take the member off when the division is opened as a project. Everything in the member
 * is untrusted input: anything that is not a neighbour feature with a geometry is skipped.
 */

/** The foreign member of a pulled file. */
export const REFERENCE_LAYERS_MEMBER = 'referenceLayers';

/** At most this many neighbour grids are read from one file (a city's border is far shorter). */
export const MAX_EMBEDDED_NEIGHBOURS = 100_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The neighbours' border grids embedded in a pulled division file (none for any other file). */
export function embeddedNeighbourRecords(division: Division): FeatureRecord[] {
  const layers = division.meta.extra[REFERENCE_LAYERS_MEMBER];
  if (!Array.isArray(layers)) return [];
  const records: FeatureRecord[] = [];
  for (const layer of layers) {
    if (!isObject(layer) || layer.role !== 'neighbour' || !Array.isArray(layer.features)) continue;
    for (const feature of layer.features) {
      if (records.length >= MAX_EMBEDDED_NEIGHBOURS) return records;
      if (!isObject(feature) || !isObject(feature.geometry)) continue;
      records.push({
        record: records.length + 1,
        geometry: feature.geometry as unknown as Geometry,
        properties: isObject(feature.properties) ? feature.properties : {},
      });
    }
  }
  return records;
}

/**
 * The division without the embedded reference layers and the city office's remarks (they become the
 * project's reference layer, see {@link neighbourReferenceImport}; neither is part of the division).
 * The member `cityFiling` stays: it names the filed version the project started from, which its first
 * filing to the office needs as its base (renderer/review/city-filed-base.ts). It is no claim that the
 * project still is that version: an edited copy is told from it by its content hash (filedVersionOf).
 */
export function withoutEmbeddedReferenceLayers(division: Division): Division {
  const pulledMembers: readonly string[] = [REFERENCE_LAYERS_MEMBER, CITY_COMMENTS_MEMBER];
  if (!pulledMembers.some((member) => member in division.meta.extra)) return division;
  const extra = Object.fromEntries(
    Object.entries(division.meta.extra).filter(([key]) => !pulledMembers.includes(key)),
  );
  return { ...division, meta: { ...division.meta, extra } };
}

/** What names the layer made from a pulled file's neighbours (the caller gives it in the UI language). */
export interface NeighbourLayerRequest {
  readonly id: string;
  readonly name: string;
  readonly source?: string;
}

/**
 * The neighbours' border grids of a pulled file as a reference layer (role `neighbour`, labelled by grid
 * code), through the same conversion as any imported reference layer, carrying the city office's remarks
 * (`cityComments`) so they are stored with it; a layer without features when the file has remarks but no
 * neighbours, undefined when it has neither.
 */
export function neighbourReferenceImport(
  division: Division,
  request: NeighbourLayerRequest,
): Result<ReferenceImport> | undefined {
  const records = embeddedNeighbourRecords(division);
  const comments = embeddedCityComments(division);
  const remarks = comments.length > 0 ? { cityComments: comments } : {};
  const { id, name, source } = request;
  if (records.length === 0) {
    if (comments.length === 0) return undefined;
    const layer: ReferenceLayer = {
      id,
      name,
      role: 'neighbour',
      visible: true,
      features: [],
      labelField: 'code',
      ...(source !== undefined ? { source } : {}),
      ...remarks,
    };
    return ok({ layer, errors: [], errorCount: 0, total: 0 });
  }
  const converted = recordsToReferenceLayer(records, {
    id,
    name,
    ...(source !== undefined ? { source } : {}),
    role: 'neighbour',
    labelField: 'code',
  });
  return converted.ok
    ? ok({ ...converted.value, layer: { ...converted.value.layer, ...remarks } })
    : converted;
}
