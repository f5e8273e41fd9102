import type { CensusNumbers, CensusPoint, Division, PackedIds } from '../../shared/model';
import { censusNumbersOf, ColumnarCensus, packedIdsOf } from '../../shared/model';
import { handOver } from '../platform/shared-columns';

/**
 * Census points as they cross to a worker: the number columns, with the ids packed into one string.
 * Structured clone copies typed arrays and one string as blocks, where a million point objects (or a
 * million id strings) took seconds of the window's thread on every message (bench/app-open-bench.ts).
 */
export type PackedCensus = CensusNumbers & PackedIds;

/** A division on its way to a worker: everything but the census as it is, the census as columns. */
export interface PackedDivision {
  readonly division: Omit<Division, 'census'>;
  readonly census: PackedCensus;
}

/**
 * Packs a division for `postMessage`. A census read from the store comes with its ids packed already,
 * so nothing is joined here.
 */
export function packDivision(division: Division): PackedDivision {
  const { census, ...rest } = division;
  return { division: rest, census: { ...censusNumbersOf(census), ...packedIdsOf(census) } };
}

/**
 * The packed census as it goes with `postMessage`, and its transfer list: columns in shared memory go as
 * they are, others as copies handed over (one memcpy per column, a fraction of what structured clone
 * costs: 0.3–0.5 s at a million points in Chromium, up to 1.3 s under load, bench/app-open-bench.ts).
 * `census` itself stays whole either way, to be sent again to a replaced worker.
 */
export function transferableCensus(census: PackedCensus): {
  readonly census: PackedCensus;
  readonly transfer: Transferable[];
} {
  const transfer: Transferable[] = [];
  return {
    census: {
      ...census,
      lon: handOver(census.lon, transfer),
      lat: handOver(census.lat, transfer),
      households: handOver(census.households, transfer),
      population: handOver(census.population, transfer),
      idEnds: handOver(census.idEnds, transfer),
    },
    transfer,
  };
}

/** The division again, in the worker. */
export function unpackDivision(packed: PackedDivision): Division {
  const { idText, idEnds, ...numbers } = packed.census;
  // The ids are a map's keys (or a columnar census's, distinct too), so they are not hashed to check it:
  // hashing a million ids sliced from one string took 1.4 s of the worker in Node. They stay packed
  // until something asks for one.
  const census: ReadonlyMap<string, CensusPoint> = ColumnarCensus.ofPacked(numbers, { idText, idEnds });
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
