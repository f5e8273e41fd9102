import type { CensusDetail, CensusPoint } from '../model';
import { ColumnarCensus, countColumn } from '../model';

const FIRST_CAPACITY = 1024;

/** A 32-bit FNV-1a hash of an id's UTF-16 code units (an ASCII id's bytes). */
function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < id.length; k++) hash = Math.imul(hash ^ id.charCodeAt(k), 0x01000193);
  // As a signed 32-bit integer, as the hashes column holds it (the seed alone, for "", is not one).
  return hash | 0;
}

function hasKeys(record: object | undefined): boolean {
  if (record === undefined) return false;
  for (const _key in record) return true;
  return false;
}

function grown<T extends Float64Array | Int32Array>(from: T, make: (length: number) => T): T {
  const to = make(from.length * 2);
  to.set(from);
  return to;
}

/**
 * Census points gathered as a reader meets them, straight into growable typed columns, and given to the
 * division as a {@link ColumnarCensus}: no object and no `Map` entry per point. Ids are checked distinct
 * as they come through an open-addressing table of positions (typed arrays, keyed by a hash of the id),
 * so a clash is seen at the point that makes it, as the `Map` of points saw it. Points that carry an
 * address, personal data or other properties keep them as details; the city's million plain points keep
 * nothing but their columns.
 */
export class CensusColumnBuilder {
  private count = 0;
  private readonly ids: string[] = [];
  private lon = new Float64Array(FIRST_CAPACITY);
  private lat = new Float64Array(FIRST_CAPACITY);
  private households = new Float64Array(FIRST_CAPACITY);
  private population = new Float64Array(FIRST_CAPACITY);
  private hashes = new Int32Array(FIRST_CAPACITY);
  /** Position + 1 of the point in each slot, 0 for none; at most half full. */
  private slots = new Int32Array(2 * FIRST_CAPACITY);
  private readonly details: CensusDetail[] = [];

  get size(): number {
    return this.count;
  }

  /** True when a point with this id was added. */
  has(id: string): boolean {
    return this.slots[this.slotOf(id, hashOf(id))] !== 0;
  }

  /** Adds a point without details; false, adding nothing, when its id is taken. */
  add(id: string, lon: number, lat: number, households: number, population: number): boolean {
    const hash = hashOf(id);
    const slot = this.slotOf(id, hash);
    if (this.slots[slot] !== 0) return false;
    if (this.count === this.lon.length) this.growColumns();
    const index = this.count++;
    this.ids.push(id);
    this.lon[index] = lon;
    this.lat[index] = lat;
    this.households[index] = households;
    this.population[index] = population;
    this.hashes[index] = hash;
    this.slots[slot] = index + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
    return true;
  }

  /** Adds a whole point, keeping its address, personal data and other properties; false on a clash. */
  addPoint(point: CensusPoint): boolean {
    const index = this.count;
    if (!this.add(point.id, point.lon, point.lat, point.households, point.population)) return false;
    const hasAddress = point.address !== undefined;
    const hasPersonal = point.personal !== undefined;
    const hasExtra = hasKeys(point.extra);
    if (hasAddress || hasPersonal || hasExtra) {
      this.details.push({
        index,
        ...(hasAddress ? { address: point.address } : {}),
        ...(hasPersonal ? { personal: point.personal } : {}),
        ...(hasExtra ? { extra: point.extra } : {}),
      });
    }
    return true;
  }

  /** The points added, in order, as a division's census (a plain empty map when there are none). */
  census(): ReadonlyMap<string, CensusPoint> {
    const n = this.count;
    if (n === 0) return new Map();
    return ColumnarCensus.ofDistinct({
      ids: this.ids,
      lon: this.lon.slice(0, n),
      lat: this.lat.slice(0, n),
      households: countColumn(this.households.subarray(0, n)),
      population: countColumn(this.population.subarray(0, n)),
      details: this.details,
    });
  }

  /** The slot holding `id`, or the empty slot where it would go. */
  private slotOf(id: string, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry === 0) return slot;
      if (this.hashes[entry - 1] === hash && this.ids[entry - 1] === id) return slot;
    }
  }

  private growColumns(): void {
    this.lon = grown(this.lon, (n) => new Float64Array(n));
    this.lat = grown(this.lat, (n) => new Float64Array(n));
    this.households = grown(this.households, (n) => new Float64Array(n));
    this.population = grown(this.population, (n) => new Float64Array(n));
    this.hashes = grown(this.hashes, (n) => new Int32Array(n));
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let index = 0; index < this.count; index++) {
      let slot = this.hashes[index]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = index + 1;
    }
    this.slots = slots;
  }
}
