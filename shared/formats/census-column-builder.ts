import type { CensusDetail, CensusPoint } from '../model';
import { censusDetailOf, ColumnarCensus, countColumn } from '../model';

const FIRST_CAPACITY = 1024;

/** A 32-bit FNV-1a hash of an id's UTF-16 code units (an ASCII id's bytes). */
function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < id.length; k++) hash = Math.imul(hash ^ id.charCodeAt(k), 0x01000193);
  // As a signed 32-bit integer, as the hashes column holds it (the seed alone, for "", is not one).
  return hash | 0;
}

function grown<T extends Float64Array | Int32Array>(from: T, make: (length: number) => T): T {
  const to = make(from.length * 2);
  to.set(from);
  return to;
}

/** Ids numbered past this many decimal digits are hashed instead (the bit set stays below 13 MB). */
const MAX_NUMBER_DIGITS = 8;

/**
 * Census points gathered as a reader meets them, straight into growable typed columns, and given to the
 * division as a {@link ColumnarCensus}: no object and no `Map` entry per point. Ids are checked distinct
 * as they come, so a clash is seen at the point that makes it, as the `Map` of points saw it. Ids are
 * mostly a prefix and a number (`p17`, `census-l42`, as GridPlan's imports name them): the first such id
 * fixes the prefix, and ids of that prefix and a plain decimal number are a bit in a bit set (numbers
 * mostly come in order, so this stays in cache); any other id goes to an open-addressing table of
 * positions keyed by a hash of the id. An id's form alone decides where it goes, so the two never hold
 * the same id. Points that carry an address, personal data or other properties keep them as details;
 * the city's million plain points keep nothing but their columns.
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
  private hashed = 0;
  /** The prefix of numbered ids, fixed by the first id added that ends in a plain decimal number. */
  private prefix: string | undefined;
  /** Bit n: the id `prefix` + n was added. */
  private numbers = new Uint32Array(FIRST_CAPACITY);
  private readonly details: CensusDetail[] = [];

  get size(): number {
    return this.count;
  }

  /** True when a point with this id was added. */
  has(id: string): boolean {
    const number = this.numberOf(id, false);
    if (number >= 0) return this.hasNumber(number);
    return this.slots[this.slotOf(id, hashOf(id))] !== 0;
  }

  /** Adds a point without details; false, adding nothing, when its id is taken. */
  add(id: string, lon: number, lat: number, households: number, population: number): boolean {
    if (this.count === this.lon.length) this.growColumns();
    const number = this.numberOf(id, true);
    if (number >= 0) {
      if (this.hasNumber(number)) return false;
      const word = number >>> 5;
      if (word >= this.numbers.length) this.growNumbers(word);
      this.numbers[word]! |= 1 << (number & 31);
    } else {
      const hash = hashOf(id);
      const slot = this.slotOf(id, hash);
      if (this.slots[slot] !== 0) return false;
      this.hashes[this.count] = hash;
      this.slots[slot] = this.count + 1;
      this.hashed++;
      if (this.hashed * 2 > this.slots.length) this.rehash();
    }
    const index = this.count++;
    this.ids.push(id);
    this.lon[index] = lon;
    this.lat[index] = lat;
    this.households[index] = households;
    this.population[index] = population;
    return true;
  }

  /** Adds a whole point, keeping its address, personal data and other properties; false on a clash. */
  addPoint(point: CensusPoint): boolean {
    const index = this.count;
    if (!this.add(point.id, point.lon, point.lat, point.households, point.population)) return false;
    const detail = censusDetailOf(point, index);
    if (detail) this.details.push(detail);
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

  /**
   * The number n of an id that is the numbered ids' prefix and n in plain decimal (no leading zero, at
   * most {@link MAX_NUMBER_DIGITS} digits), else -1. `adding`: the first such id fixes the prefix.
   */
  private numberOf(id: string, adding: boolean): number {
    let start = id.length;
    while (start > 0) {
      const code = id.charCodeAt(start - 1);
      if (code < 0x30 || code > 0x39) break;
      start--;
    }
    const digits = id.length - start;
    if (digits === 0 || digits > MAX_NUMBER_DIGITS || (digits > 1 && id.charCodeAt(start) === 0x30))
      return -1;
    if (this.prefix === undefined) {
      // Before the prefix is fixed no numbered id was added, so none can be taken.
      if (!adding) return -1;
      this.prefix = id.slice(0, start);
    } else if (start !== this.prefix.length || !id.startsWith(this.prefix)) return -1;
    let number = 0;
    for (let k = start; k < id.length; k++) number = number * 10 + (id.charCodeAt(k) - 0x30);
    return number;
  }

  private hasNumber(number: number): boolean {
    const word = number >>> 5;
    return word < this.numbers.length && (this.numbers[word]! & (1 << (number & 31))) !== 0;
  }

  private growNumbers(word: number): void {
    let length = this.numbers.length * 2;
    while (length <= word) length *= 2;
    const numbers = new Uint32Array(length);
    numbers.set(this.numbers);
    this.numbers = numbers;
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
    for (const entry of this.slots) {
      if (entry === 0) continue;
      let slot = this.hashes[entry - 1]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
    this.slots = slots;
  }
}
