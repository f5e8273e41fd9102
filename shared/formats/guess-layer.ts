import type { Layer } from '../model';

/** What an imported file most likely is, and the field that says so (absent when nothing does). */
export interface LayerGuess {
  readonly layer: Layer;
  /** The field whose name gave the layer away (e.g. CJQYDM → community); absent for a mere default. */
  readonly field?: string;
}

/**
 * Field names that only one layer's files carry, most specific layer first: a grid file names its
 * community (CJDM) and a community file may name its township (XZDM), so the first layer with a sign
 * wins. Names are compared upper-case without spaces, underscores or brackets (domain.md names and the
 * national ones: CJQYDM/CJQYMC, XZQDM/XZQMC; Chinese words anywhere in the name).
 */
const SIGNS: readonly { readonly layer: Layer; readonly names: RegExp }[] = [
  { layer: 'microgrid', names: /^(SJWGBM|WWGBM|WWGMC)$|微网格|上级网格/ },
  { layer: 'grid', names: /^(WGBM|WGDM|WGMC|WGLX|ZSLB|WGZ)$|网格/ },
  { layer: 'community', names: /^(CJDM|CJMC|CJQYDM|CJQYMC|CJLX|SQDM|SQMC|CDM|CMC)$|社区|村/ },
  { layer: 'township', names: /^(XZDM|XZMC|XZQDM|XZQMC|XZQHDM|XZQHMC)$|乡镇|街道/ },
];

const normalise = (name: string): string =>
  name
    .trim()
    .toUpperCase()
    .replace(/[\s_\-（）()]/g, '');

/**
 * Guesses the target layer of an import from its geometry and field names: a table or points are
 * census points; polygons are the most specific layer whose field names appear (WGBM → grid,
 * CJQYDM → community, XZQDM → township); with no sign, grids (the layer planners import most).
 */
export function guessLayer(
  fields: readonly string[],
  geometryKind: string | undefined,
  table: boolean,
): LayerGuess {
  if (table || geometryKind === 'point' || geometryKind === 'multipoint') return { layer: 'census' };
  if (geometryKind === 'polygon' || geometryKind === undefined || geometryKind === 'mixed') {
    for (const sign of SIGNS) {
      const field = fields.find((name) => sign.names.test(normalise(name)));
      if (field !== undefined) return { layer: sign.layer, field };
    }
  }
  return { layer: 'grid' };
}
