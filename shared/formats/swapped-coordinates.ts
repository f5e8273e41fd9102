import type { FieldMapping } from './field-mapping';
import type { LocalText } from '../model';
import { text } from '../model';

/**
 * Census tables whose longitude and latitude columns were chosen (or filled in) the wrong way round: in
 * China a longitude is 73–136° and a latitude 3–54°, so the two never overlap and a swap shows itself.
 * A swap whose values are still in range (longitude 40, latitude 80: the Arctic) would otherwise be
 * imported without a word.
 */

/** China's extent in degrees, with a margin: where GridPlan's census points lie. */
const CHINA_LONGITUDE = { min: 73, max: 136 } as const;
const CHINA_LATITUDE = { min: 3, max: 54 } as const;
/** Share of the rows with two numbers that must look swapped. */
const SWAPPED_SHARE = 0.8;

const within = (value: number, range: { min: number; max: number }): boolean =>
  value >= range.min && value <= range.max;

function numberOf(cell: unknown): number {
  if (typeof cell === 'number') return cell;
  if (typeof cell !== 'string' || cell.trim() === '') return NaN;
  return Number(cell);
}

/**
 * True when, in most rows with two numbers, the column mapped to longitude holds a Chinese latitude and
 * the one mapped to latitude a Chinese longitude. `rows` are cells in `header` order (all rows, or the
 * dialog's preview).
 */
export function lonLatLookSwapped(
  header: readonly string[],
  rows: readonly (readonly unknown[])[],
  mapping: FieldMapping,
): boolean {
  const counter = swappedCounter(header, mapping);
  for (const row of rows) counter.add(row);
  return counter.swapped();
}

/** {@link lonLatLookSwapped} a row at a time, for readers that do not keep the rows. */
export function swappedCounter(
  header: readonly string[],
  mapping: FieldMapping,
): { add: (row: readonly unknown[]) => void; swapped: () => boolean } {
  const lonColumn = mapping.longitude === undefined ? -1 : header.indexOf(mapping.longitude);
  const latColumn = mapping.latitude === undefined ? -1 : header.indexOf(mapping.latitude);
  const usable = lonColumn >= 0 && latColumn >= 0 && lonColumn !== latColumn;
  let numeric = 0;
  let swapped = 0;
  return {
    add: (row) => {
      if (!usable) return;
      const lon = numberOf(row[lonColumn]);
      const lat = numberOf(row[latColumn]);
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) return;
      numeric++;
      if (within(lon, CHINA_LATITUDE) && within(lat, CHINA_LONGITUDE)) swapped++;
    },
    swapped: () => numeric > 0 && swapped >= numeric * SWAPPED_SHARE,
  };
}

/** The mapping with its longitude and latitude columns exchanged. */
export function swapLonLat(mapping: FieldMapping): FieldMapping {
  const { longitude, latitude, ...rest } = mapping;
  return {
    ...rest,
    ...(latitude !== undefined ? { longitude: latitude } : {}),
    ...(longitude !== undefined ? { latitude: longitude } : {}),
  };
}

/** What the command line says about a swap, with the flags that import it the right way round. */
export function swappedColumnsHint(mapping: FieldMapping): LocalText {
  const lon = mapping.longitude ?? '';
  const lat = mapping.latitude ?? '';
  return text(
    `经度列“${lon}”与纬度列“${lat}”似乎填反了：经度列的值像纬度，纬度列的值像中国的经度。如确是填反了，加 --field longitude=${lat} --field latitude=${lon} 交换后再导入。`,
    `The longitude column "${lon}" and the latitude column "${lat}" look swapped: the longitude column holds latitudes and the latitude column China's longitudes. If so, add --field longitude=${lat} --field latitude=${lon} and import again.`,
  );
}
