// The number path of the division reader on a city's coordinates: decimalToDouble on the bytes against
// the baseline it replaces, Number of a string made from the same bytes, in the same run (the city
// file is generated when none is given). Prints CPU times and ratios; the load average says how loaded
// the machine was. The whole command is timed by `npm run bench` (validate-whole-bench.ts).
//
//   node --import tsx bench/number-reading-bench.ts [FILE] [--rounds 5]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { decimalToDouble } from '../shared/formats/decimal-to-double';
import { stringifyDivision } from '../shared/formats/geojson';
import { CITY, generateDivision } from './city-division';

const at = process.argv.indexOf('--rounds');
const rounds = at >= 0 ? Number(process.argv[at + 1]) : 5;
const file = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : undefined;
const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');

const bytes = file
  ? new Uint8Array(readFileSync(file))
  : new TextEncoder().encode(stringifyDivision(generateDivision(CITY)));

// Every coordinate pair of a census point, as byte ranges.
const starts: number[] = [];
const ends: number[] = [];
const marker = new TextEncoder().encode('"coordinates":[');
for (let i = bytes.indexOf(marker[0]!); i >= 0 && i < bytes.length; i = bytes.indexOf(marker[0]!, i + 1)) {
  let k = 0;
  while (k < marker.length && bytes[i + k] === marker[k]) k++;
  if (k < marker.length || bytes[i + k] === 0x5b) continue;
  let pos = i + k;
  for (let n = 0; n < 2; n++) {
    let end = pos;
    while (bytes[end] !== 0x2c && bytes[end] !== 0x5d) end++;
    starts.push(pos);
    ends.push(end);
    pos = end + 1;
  }
}

function latin1(start: number, end: number): string {
  return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
}

function cpuMs(work: () => number): { ms: number; check: number } {
  const before = process.cpuUsage();
  const check = work();
  const used = process.cpuUsage(before);
  return { ms: (used.user + used.system) / 1000, check };
}

const viaNumber = (): number => {
  let sum = 0;
  for (let k = 0; k < starts.length; k++) sum += Number(latin1(starts[k]!, ends[k]!));
  return sum;
};
let fallbacks = 0;
const viaBytes = (): number => {
  let sum = 0;
  fallbacks = 0;
  for (let k = 0; k < starts.length; k++) {
    const exact = decimalToDouble(bytes, starts[k]!, ends[k]!);
    if (Number.isNaN(exact)) {
      fallbacks++;
      sum += Number(latin1(starts[k]!, ends[k]!));
    } else sum += exact;
  }
  return sum;
};

console.log(`${starts.length} coordinates, ${(bytes.length / 1e6).toFixed(0)} MB; load ${load()}`);
for (let round = 1; round <= rounds; round++) {
  const base = cpuMs(viaNumber);
  const ours = cpuMs(viaBytes);
  if (!Object.is(base.check, ours.check)) throw new Error('decimalToDouble and Number disagree');
  console.log(
    `round ${round}: Number(text) ${base.ms.toFixed(0)} ms, decimalToDouble ${ours.ms.toFixed(0)} ms ` +
      `(${(ours.ms / base.ms).toFixed(2)}×, ${fallbacks} fell back); load ${load()}`,
  );
}
