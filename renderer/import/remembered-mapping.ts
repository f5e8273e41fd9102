import type { FieldMapping } from '../../shared/formats/field-mapping';
import { attributesOf, MAPPED_ATTRIBUTES } from '../../shared/formats/field-mapping';
import type { ImportInspection } from '../../shared/formats/import-files';
import type { Layer } from '../../shared/model';
import { LAYERS } from '../../shared/model';

/** The project setting (ProjectStore.getSetting/setSetting) that remembers field mappings. */
export const MAPPING_SETTING = 'import.fieldMappings';

/** What is remembered per project: the last layer chosen and the mapping used for each layer. */
export interface RememberedMappings {
  readonly lastLayer: Layer | undefined;
  readonly byLayer: Readonly<Partial<Record<Layer, FieldMapping>>>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads the stored setting, dropping anything not of the expected shape (settings are untyped rows). */
export function readRemembered(value: unknown): RememberedMappings {
  const empty: RememberedMappings = { lastLayer: undefined, byLayer: {} };
  if (!isObject(value)) return empty;
  const lastLayer = LAYERS.find((l) => l === value.lastLayer);
  const byLayer: Partial<Record<Layer, FieldMapping>> = {};
  if (isObject(value.byLayer)) {
    for (const layer of LAYERS) {
      const stored = value.byLayer[layer];
      if (!isObject(stored)) continue;
      const mapping: FieldMapping = {};
      for (const attribute of MAPPED_ATTRIBUTES) {
        const field = stored[attribute];
        if (typeof field === 'string' && field) mapping[attribute] = field;
      }
      byLayer[layer] = mapping;
    }
  }
  return { lastLayer, byLayer };
}

/**
 * The mapping to show for a layer: the remembered one when every field it names is in this file (the
 * same kind of file as last time), else the proposal from the field names.
 */
export function initialMapping(
  layer: Layer,
  inspection: ImportInspection,
  remembered: RememberedMappings,
): FieldMapping {
  const stored = remembered.byLayer[layer];
  const applicable = attributesOf(layer, inspection.table);
  if (stored && Object.keys(stored).length > 0) {
    const fits = Object.entries(stored).every(([, field]) => inspection.fields.includes(field));
    if (fits) {
      const mapping: FieldMapping = {};
      for (const attribute of applicable) if (stored[attribute]) mapping[attribute] = stored[attribute];
      return mapping;
    }
  }
  return inspection.proposals[layer];
}

/**
 * The layer to preselect: what the file's field names say it is (CJQYDM → communities, WGBM → grids),
 * else the remembered one if the file can be it, else the file's likely layer.
 */
export function initialLayer(inspection: ImportInspection, remembered: RememberedMappings): Layer {
  const last = remembered.lastLayer;
  if (inspection.table) return 'census';
  if (inspection.suggestedBy !== undefined) return inspection.suggestedLayer;
  const points = inspection.geometryKind === 'point' || inspection.geometryKind === 'multipoint';
  if (last && (last === 'census') === points) return last;
  return inspection.suggestedLayer;
}

/** The setting after an import with `mapping` as `layer`. */
export function remember(
  previous: RememberedMappings,
  layer: Layer,
  mapping: FieldMapping,
): RememberedMappings {
  return { lastLayer: layer, byLayer: { ...previous.byLayer, [layer]: mapping } };
}
