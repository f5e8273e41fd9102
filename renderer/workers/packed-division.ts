import type { CensusColumns, CensusPoint, Division } from '../../shared/model';
import { censusColumnsOf, ColumnarCensus } from '../../shared/model';

/**
 * Census points as they cross to a worker: the columns, with the ids joined into one string. Structured
 * clone copies typed arrays and one string as blocks, where a million point objects (or a million id
 * strings) took seconds of the window's thread on every message (bench/app-open-bench.ts).
 */
export interface PackedCensus extends Omit<CensusColumns, 'ids'> {
  readonly idText: string;
  /** End of each id in `idText` (its start is the previous end). */
  readonly idEnds: Uint32Array;
}

/** A division on its way to a worker: everything but the census as it is, the census as columns. */
export interface PackedDivision {
  readonly division: Omit<Division, 'census'>;
  readonly census: PackedCensus;
}

/** Packs a division for `postMessage` (the census columns come from the loader when it attached them). */
export function packDivision(division: Division): PackedDivision {
  const { census, ...rest } = division;
  const { ids, ...columns } = censusColumnsOf(census);
  const idEnds = new Uint32Array(ids.length);
  let end = 0;
  for (let index = 0; index < ids.length; index++) {
    end += (ids[index] as string).length;
    idEnds[index] = end;
  }
  return { division: rest, census: { ...columns, idText: ids.join(''), idEnds } };
}

/**
 * The packed census with its columns copied into fresh buffers, and those buffers, for `postMessage`'s
 * transfer list: handing over a copy (one memcpy per column) costs the window a fraction of what structured
 * clone does (it serialises each column and copies it again: 0.3–0.5 s at a million points in Chromium,
 * up to 1.3 s under load, bench/app-open-bench.ts), and `census` itself stays whole, to be sent again to a
 * replaced worker.
 */
export function transferableCensus(census: PackedCensus): {
  readonly census: PackedCensus;
  readonly transfer: ArrayBuffer[];
} {
  const lon = census.lon.slice();
  const lat = census.lat.slice();
  const households = census.households.slice();
  const population = census.population.slice();
  const idEnds = census.idEnds.slice();
  return {
    census: { ...census, lon, lat, households, population, idEnds },
    transfer: [lon, lat, households, population, idEnds].map((column) => column.buffer),
  };
}

/** The division again, in the worker. */
export function unpackDivision(packed: PackedDivision): Division {
  const { idText, idEnds, ...columns } = packed.census;
  const ids = new Array<string>(idEnds.length);
  let start = 0;
  for (let index = 0; index < idEnds.length; index++) {
    const end = idEnds[index] as number;
    ids[index] = idText.slice(start, end);
    start = end;
  }
  // The ids are a map's keys (or a columnar census's, distinct too), so they are not hashed to check it:
  // hashing a million ids sliced from one string took 1.4 s of the worker in Node.
  const census: ReadonlyMap<string, CensusPoint> = ColumnarCensus.ofDistinct({ ...columns, ids });
  return { ...packed.division, census };
}

/** A worker request as it crosses: its `division` packed (a columnar census does not survive structured clone). */
export type PackedRequest<T> = T extends { readonly division: Division }
  ? Omit<T, 'division'> & { readonly division: PackedDivision }
  : never;

/** Packs the division of a worker request for `postMessage`. */
export function packRequest<T extends { readonly division: Division }>(request: T): PackedRequest<T> {
  // The conditional type resolves to exactly this shape for any T with a division; TypeScript cannot see it.
  return { ...request, division: packDivision(request.division) } as unknown as PackedRequest<T>;
}

/** The request again, in the worker. */
export function unpackRequest<T extends { readonly division: Division }>(packed: PackedRequest<T>): T {
  // As above: the packed request is T with its division packed.
  const { division, ...rest } = packed as unknown as { division: PackedDivision };
  return { ...rest, division: unpackDivision(division) } as unknown as T;
}
