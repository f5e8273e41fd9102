// Why the checks use the exact sweep rather than Turf's overlay (docs/architecture.md): the same
// coverage questions (gaps in a village, overlaps of its grids, parts outside it) answered both ways on
// the demo township, whose grids share edges bit for bit. Prints the time ratio and what each finds.
// Run: node --import tsx bench/turf-overlay-comparison.ts [division.geojson] (default: the demo township)
import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { parseDivisionGeoJson } from '../shared/formats/geojson';
import { preparePolygon } from '../shared/geometry/prepared-polygon';
import { MIN_PIECE_AREA_M2 } from '../shared/model';
import { parentCoverage } from '../shared/validate/parent-coverage';

const file = process.argv[2] ?? 'resources/demo/demo-township.geojson';
const parsed = parseDivisionGeoJson(readFileSync(file, 'utf8'));
if (!parsed.ok) throw new Error(`${file} does not load`);
const division = parsed.value;
const villages = [...division.community.values()].map((community) => ({
  community,
  grids: [...division.grid.values()].filter((g) => g.parentCode === community.code),
}));

interface Found {
  pieces: number;
  significant: number;
  areaM2: number;
}
const none = (): Found => ({ pieces: 0, significant: 0, areaM2: 0 });
const note = (found: Found, areaM2: number): void => {
  if (areaM2 <= 0) return;
  found.pieces++;
  if (areaM2 >= MIN_PIECE_AREA_M2) found.significant++;
  found.areaM2 += areaM2;
};

function exact(): { gaps: Found; overlaps: Found; outside: Found } {
  const result = { gaps: none(), overlaps: none(), outside: none() };
  for (const { community, grids } of villages) {
    if (grids.length === 0) continue;
    const coverage = parentCoverage(
      preparePolygon(community.geometry),
      grids.map((g) => preparePolygon(g.geometry)),
    );
    for (const piece of coverage.gaps) note(result.gaps, piece.areaM2);
    for (const pieces of coverage.outside) for (const piece of pieces) note(result.outside, piece.areaM2);
    for (const { pieces } of coverage.overlaps)
      for (const piece of pieces) note(result.overlaps, piece.areaM2);
  }
  return result;
}

type Area = Feature<Polygon | MultiPolygon>;
const partsOf = (feature: Area | null): Area[] =>
  !feature
    ? []
    : feature.geometry.type === 'Polygon'
      ? [feature]
      : feature.geometry.coordinates.map((rings) => turf.polygon(rings));

function withTurf(): { gaps: Found; overlaps: Found; outside: Found } {
  const result = { gaps: none(), overlaps: none(), outside: none() };
  for (const { community, grids } of villages) {
    if (grids.length === 0) continue;
    const parent = turf.feature<Polygon | MultiPolygon>(community.geometry);
    const children = grids.map((g) => turf.feature<Polygon | MultiPolygon>(g.geometry));
    const union =
      children.length === 1
        ? children[0]!
        : turf.union(turf.featureCollection<Polygon | MultiPolygon>(children));
    const gaps = union ? turf.difference(turf.featureCollection([parent, union])) : parent;
    for (const part of partsOf(gaps)) note(result.gaps, turf.area(part));
    for (const child of children) {
      const outside = turf.difference(turf.featureCollection([child, parent]));
      for (const part of partsOf(outside)) note(result.outside, turf.area(part));
    }
    for (let i = 0; i < children.length; i++) {
      for (let j = i + 1; j < children.length; j++) {
        const both = turf.intersect(turf.featureCollection([children[i]!, children[j]!]));
        for (const part of partsOf(both)) note(result.overlaps, turf.area(part));
      }
    }
  }
  return result;
}

function time(run: () => unknown, rounds: number): number {
  run();
  const start = performance.now();
  for (let i = 0; i < rounds; i++) run();
  return (performance.now() - start) / rounds;
}

const rounds = 20;
const exactMs = time(exact, rounds);
const turfMs = time(withTurf, rounds);
const show = (found: Found): string =>
  `${found.pieces} pieces (${found.significant} ≥ ${MIN_PIECE_AREA_M2} m²), ${found.areaM2.toFixed(3)} m²`;
const a = exact();
const b = withTurf();
console.log(`${file}: ${villages.length} villages, ${division.grid.size} grids, ${rounds} rounds each`);
console.log(`exact sweep   ${exactMs.toFixed(1)} ms/run`);
console.log(`Turf overlay  ${turfMs.toFixed(1)} ms/run  (${(turfMs / exactMs).toFixed(2)}× the sweep)`);
for (const key of ['gaps', 'overlaps', 'outside'] as const) {
  console.log(`${key.padEnd(9)} exact: ${show(a[key])}`);
  console.log(`${''.padEnd(9)} Turf:  ${show(b[key])}`);
}
