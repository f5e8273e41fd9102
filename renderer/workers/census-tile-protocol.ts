/** The census points to draw, as columns (copies transferred to the worker; the window keeps its own). */
export interface CensusTileCensus {
  readonly kind: 'census';
  readonly revision: number;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly households: Uint32Array | Float64Array;
}

/** One tile of the census with that revision. */
export interface CensusTileAsk {
  readonly kind: 'tile';
  readonly id: number;
  readonly revision: number;
  readonly z: number;
  readonly x: number;
  readonly y: number;
}

/** MapLibre no longer wants that tile. */
export interface CensusTileCancel {
  readonly kind: 'cancel';
  readonly id: number;
}

export type CensusTileRequest = CensusTileCensus | CensusTileAsk | CensusTileCancel;

export type CensusTileReply =
  /** The census of that revision is binned; its tiles can be asked for. */
  | { readonly kind: 'indexed'; readonly revision: number; readonly points: number }
  /** A tile's MVT bytes (an empty tile when its revision is no longer the worker's). */
  | { readonly kind: 'tile'; readonly id: number; readonly bytes: Uint8Array };

/** The census tiles' one layer (the map's census layers' `source-layer`). */
export const CENSUS_TILE_LAYER = 'census';
