/**
 * The graph automatic division partitions: atoms (pieces of the region that are never split: a street
 * block piece between building cuts, a whole compound) with their weights, and for each pair of
 * neighbouring atoms the length of boundary they share and how much of it lies on guides.
 */
export interface AtomGraph {
  /** Number of atoms. */
  readonly size: number;
  /** Households per atom. */
  readonly households: Float64Array;
  readonly population: Float64Array;
  /** Area per atom in m². */
  readonly areaM2: Float64Array;
  /** Boundary length per atom on the outside of the region (not shared with another atom), metres. */
  readonly outerM: Float64Array;
  /** Representative position per atom (area-weighted centre of its faces), degrees. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Neighbour lists: for atom a, `neighbours[a]` atoms and, at the same index, the edge ids. */
  readonly neighbours: readonly (readonly number[])[];
  readonly edgeOf: readonly (readonly number[])[];
  /** Per edge: its two atoms, shared length in metres, and the part of it on guide lines or compound edges. */
  readonly edgeA: Int32Array;
  readonly edgeB: Int32Array;
  readonly edgeLengthM: Float64Array;
  /** Length on guide lines (roads, rivers, railways), metres. */
  readonly edgeStreetM: Float64Array;
  /** Length on guide lines or compound edges (cheap places to cut), metres. */
  readonly edgeGuideM: Float64Array;
}
