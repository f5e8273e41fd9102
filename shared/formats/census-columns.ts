import type { CensusPoint } from '../model';
import type { ExportOptions } from './geojson';
import { censusFeatureJson, writePlainCensusFeature } from './geojson';
import type { CensusValues } from './import-layer';
import { censusPointOf } from './import-layer';
import type { Utf8Buffer } from './utf8-buffer';
import { asciiBytes } from './utf8-buffer';

const COMMA = asciiBytes(',');

/**
 * Census points kept as columns: a typed array per number and an array of addresses, instead of an object
 * per point. A 100,000-row census table then costs a few arrays, not 100,000 objects for the collector to
 * walk. Points that carry more than the columns hold (other columns of the table, personal data) are kept
 * whole; they are the exception in a census table.
 */
export class CensusColumns {
  private size = 0;
  private line = new Int32Array(1024);
  private lon = new Float64Array(1024);
  private lat = new Float64Array(1024);
  private households = new Float64Array(1024);
  private population = new Float64Array(1024);
  private readonly address: (string | undefined)[] = [];
  private readonly whole = new Map<number, CensusPoint>();

  get count(): number {
    return this.size;
  }

  /** Adds the point of table line `line` (its id is `census-l<line>`, as the table import names it). */
  add(values: CensusValues, line: number): void {
    if (this.size === this.lon.length) this.grow();
    const i = this.size++;
    const simple =
      values.extra === undefined &&
      values.personal === undefined &&
      Number.isFinite(values.households) &&
      Number.isFinite(values.population) &&
      Number.isFinite(values.lon) &&
      Number.isFinite(values.lat);
    if (!simple) this.whole.set(i, censusPointOf(`census-l${line}`, values));
    this.line[i] = line;
    this.lon[i] = values.lon;
    this.lat[i] = values.lat;
    this.households[i] = values.households;
    this.population[i] = values.population;
    this.address.push(simple ? values.address : undefined);
  }

  /**
   * The order the points take when they replace a census layer that held `existing` (ids, in its order),
   * as one change putting every point and deleting the rest does to the layer's map: a point whose id was
   * there keeps that place, the others follow in the order they were added. Undefined when no point's id
   * was there (the order they were added in).
   */
  orderReplacing(existing: Iterable<string>): Int32Array | undefined {
    let indexOfLine: Map<number, number> | undefined;
    const order = new Int32Array(this.size);
    const placed = new Uint8Array(this.size);
    let n = 0;
    for (const id of existing) {
      const match = /^census-l(\d{1,15})$/.exec(id);
      if (!match) continue;
      indexOfLine ??= new Map(Array.from(this.line.subarray(0, this.size), (line, i) => [line, i]));
      const i = indexOfLine.get(Number(match[1]));
      // A point of the table whose id was there (ids of the same line are the same id).
      if (i === undefined || placed[i] === 1 || `census-l${this.line[i]!}` !== id) continue;
      placed[i] = 1;
      order[n++] = i;
    }
    if (n === 0) return undefined;
    for (let i = 0; i < this.size; i++) if (placed[i] === 0) order[n++] = i;
    return order;
  }

  /**
   * Writes every point's feature as UTF-8 straight into `out`, in the order they were added (or `order`,
   * indexes of the points), each after a comma unless it is the first of the collection: the bytes of
   * each point's {@link censusFeatureJson}, without building a string per point.
   */
  writeFeatures(out: Utf8Buffer, first: boolean, options: ExportOptions = {}, order?: Int32Array): void {
    const hasWhole = this.whole.size > 0;
    for (let k = 0; k < this.size; k++) {
      const i = order ? order[k]! : k;
      if (!first || k > 0) out.bytes(COMMA);
      const whole = hasWhole ? this.whole.get(i) : undefined;
      if (whole) out.text(censusFeatureJson(whole, options));
      else
        writePlainCensusFeature(
          out,
          `census-l${this.line[i]!}`,
          this.households[i]!,
          this.population[i]!,
          this.address[i],
          this.lon[i]!,
          this.lat[i]!,
        );
    }
  }

  private grow(): void {
    const capacity = this.lon.length * 2;
    const grown = <T extends Int32Array | Float64Array>(from: T, make: (n: number) => T): T => {
      const to = make(capacity);
      to.set(from);
      return to;
    };
    this.line = grown(this.line, (n) => new Int32Array(n));
    this.lon = grown(this.lon, (n) => new Float64Array(n));
    this.lat = grown(this.lat, (n) => new Float64Array(n));
    this.households = grown(this.households, (n) => new Float64Array(n));
    this.population = grown(this.population, (n) => new Float64Array(n));
  }
}
