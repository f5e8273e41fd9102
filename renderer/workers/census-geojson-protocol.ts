/** The census points to draw, as columns (copies transferred to the worker; the window keeps its own). */
export interface CensusGeoJsonRequest {
  readonly seq: number;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly households: Uint32Array | Float64Array;
}

/** The FeatureCollection as UTF-8 bytes, with the request's sequence number (older answers are dropped). */
export interface CensusGeoJsonReply {
  readonly seq: number;
  readonly bytes: Uint8Array;
}
