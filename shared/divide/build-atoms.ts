import type { Position } from 'geojson';
import type { AreaGeometry, Result } from '../model';
import { appendAll, ok } from '../model';
import { areaDensityM2PerDeg2 } from '../geometry/ellipsoid-area';
import { segmentLengthM } from '../geometry/metres-per-degree';
import { buildOverlay } from '../geometry/planar-overlay';
import type { Overlay, OverlayPolygon } from '../geometry/planar-overlay';
import type { AtomGraph } from './atom-graph';
import { blockCutLines } from './block-cut-lines';
import type { CutUnit } from './block-cut-lines';
import { FaceLocator } from './face-locator';
import type { RegionCensus } from './region-census';
import { DisjointSets } from './disjoint-sets';

/** What {@link buildAtoms} works on. */
export interface AtomInput {
  /** The areas to divide (a community; or the grids being rebalanced): their union is the region. */
  readonly areas: readonly AreaGeometry[];
  /** Areas cut out of the region and left as they are (existing grids). */
  readonly kept: readonly AreaGeometry[];
  readonly census: RegionCensus;
  /** Guide lines (roads, rivers, railways) near the region. */
  readonly lines: readonly (readonly Position[])[];
  /** Street blocks heavier than this are cut between buildings into pieces no heavier (when possible). */
  readonly leafWeight: number;
  /** Which count the weights are. */
  readonly measure: 'households' | 'population';
  /**
   * The overlay of the areas, kept areas, compounds and lines, without cuts ({@link regionOverlay}), when
   * the caller already has it: it does not depend on `leafWeight`, so retries with finer atoms share it.
   */
  readonly base?: Overlay;
}

/** The atoms of a region and the overlay they were traced from. */
export interface Atoms {
  readonly overlay: Overlay;
  readonly graph: AtomGraph;
  /** Atom of each bounded face of the overlay; -1 for faces outside the region. */
  readonly atomOfFace: Int32Array;
  /** Faces of each atom. */
  readonly facesOfAtom: readonly (readonly number[])[];
  /** Census units in each atom (indexes into the census's unit list). */
  readonly unitsOfAtom: readonly (readonly number[])[];
  /** Number of cut lines put between buildings. */
  readonly cutLines: number;
}

/**
 * The most segments crossings and lines may add to a region's overlay beyond twice the polygons' own edges
 * (a detailed boundary or thousands of building footprints make many edges but few faces): a planar graph
 * of crossing lines has about half as many faces as segments, so this lets through the faces
 * divideRegion accepts (MAX_REGION_FACES) and stops guides far denser than streets before their faces
 * are traced (a thousand crossing lines: 18 s, 0.9 GB).
 */
const MAX_ADDED_SEGMENTS = 60_000;

/** Number of edges of a polygon's rings. */
function edgeCount(geometry: AreaGeometry): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let edges = 0;
  for (const rings of polygons) for (const ring of rings) edges += Math.max(0, ring.length - 1);
  return edges;
}

function overlayOf(
  input: Omit<AtomInput, 'leafWeight' | 'base'>,
  cuts: readonly Position[][],
): Result<Overlay> {
  const polygons: OverlayPolygon[] = [
    ...input.areas.map((geometry) => ({ geometry, role: 'fixed' as const })),
    ...input.kept.map((geometry) => ({ geometry, role: 'fixed' as const })),
    ...input.census.polygons.map((polygon) => ({ geometry: polygon.geometry, role: 'free' as const })),
  ];
  const edges = polygons.reduce((sum, polygon) => sum + edgeCount(polygon.geometry), 0);
  const maxSegments = 2 * edges + MAX_ADDED_SEGMENTS;
  return buildOverlay({ polygons, lines: [...input.lines, ...cuts], maxSegments });
}

/** The overlay atoms start from: the region's areas, kept areas, compounds and guide lines, no cuts yet. */
export function regionOverlay(input: Omit<AtomInput, 'leafWeight' | 'base'>): Result<Overlay> {
  return overlayOf(input, []);
}

/** A two-point line extended by `byDeg` at both ends. */
function lengthened(line: readonly Position[], byDeg: number): Position[] {
  const a = line[0]!;
  const b = line[line.length - 1]!;
  const dx = b[0]! - a[0]!;
  const dy = b[1]! - a[1]!;
  const length = Math.hypot(dx, dy);
  if (length === 0) return [...line];
  const ux = (dx / length) * byDeg;
  const uy = (dy / length) * byDeg;
  return [
    [a[0]! - ux, a[1]! - uy],
    [b[0]! + ux, b[1]! + uy],
  ];
}

function regionFaces(overlay: Overlay, input: AtomInput): number[] {
  const areas = input.areas.length;
  const kept = input.kept.length;
  return overlay.faces().filter((face) => {
    let inArea = false;
    for (let s = 0; s < areas && !inArea; s++) inArea = overlay.inside(face, s);
    if (!inArea) return false;
    for (let s = areas; s < areas + kept; s++) if (overlay.inside(face, s)) return false;
    return true;
  });
}

function weightOf(census: RegionCensus, unit: number, measure: 'households' | 'population'): number {
  const found = census.unitList[unit]!;
  return measure === 'households' ? found.households : found.population;
}

/**
 * Builds the atoms of a region from one planar overlay of its boundary, the kept grids, the guide
 * lines, the compound polygons and cut lines between buildings (in street blocks heavier than
 * `leafWeight`, or in the whole region when there are no guides). Faces inside one compound, and faces
 * holding points of one building, are one atom, so neither is ever divided.
 */
export function buildAtoms(input: AtomInput): Result<Atoms> {
  const { census } = input;
  const first = input.base ? ok(input.base) : regionOverlay(input);
  if (!first.ok) return first;
  let overlay = first.value;
  let cutCount = 0;
  if (Number.isFinite(input.leafWeight) && census.unitList.length > 1) {
    // Street blocks: region faces connected without crossing a guide line.
    const faces = regionFaces(overlay, input);
    const inRegion = new Set(faces);
    const blocks = overlay.connectedGroups((face) => inRegion.has(face), false);
    const blockOfFace = new Map<number, number>();
    blocks.forEach((members, b) => members.forEach((face) => blockOfFace.set(face, b)));
    const locator = new FaceLocator(overlay, faces);
    const unitsOfBlock: number[][] = blocks.map(() => []);
    const weightOfBlock = new Float64Array(blocks.length);
    census.unitList.forEach((unit, u) => {
      const point = census.points[unit.points[0]!]!;
      const block = blockOfFace.get(locator.locate(point.lon, point.lat));
      if (block === undefined) return;
      unitsOfBlock[block]!.push(u);
      weightOfBlock[block]! += weightOf(census, u, input.measure);
    });
    const cuts: Position[][] = [];
    blocks.forEach((members, b) => {
      if (weightOfBlock[b]! <= input.leafWeight || unitsOfBlock[b]!.length < 2) return;
      const cutUnits: CutUnit[] = unitsOfBlock[b]!.map((u) => {
        const unit = census.unitList[u]!;
        let minX = Infinity;
        let minY = Infinity;
        let maxX = -Infinity;
        let maxY = -Infinity;
        for (const p of unit.points) {
          const point = census.points[p]!;
          minX = Math.min(minX, point.lon);
          maxX = Math.max(maxX, point.lon);
          minY = Math.min(minY, point.lat);
          maxY = Math.max(maxY, point.lat);
        }
        // A compound is kept whole: cuts pass outside its polygon, not just between its points.
        for (const polygon of unit.polygons) {
          const prepared = census.polygons[polygon]!.prepared;
          minX = Math.min(minX, prepared.minX);
          maxX = Math.max(maxX, prepared.maxX);
          minY = Math.min(minY, prepared.minY);
          maxY = Math.max(maxY, prepared.maxY);
        }
        return { minX, minY, maxX, maxY, weight: weightOf(census, u, input.measure) };
      });
      appendAll(cuts, blockCutLines(overlay.polygonsOf(new Set(members)), cutUnits, input.leafWeight));
    });
    if (cuts.length > 0) {
      // Should noding not settle (it did not on one township before a kernel fix), the cuts are tried
      // again running a little further past their ends, which moves every crossing they make.
      let second = overlayOf(input, cuts);
      if (!second.ok)
        second = overlayOf(
          input,
          cuts.map((line) => lengthened(line, 2e-8)),
        );
      if (!second.ok) return second;
      overlay = second.value;
      cutCount = cuts.length;
    }
  }
  return ok(atomsOf(overlay, input, cutCount));
}

function atomsOf(overlay: Overlay, input: AtomInput, cutLines: number): Atoms {
  const { census } = input;
  const faces = regionFaces(overlay, input);
  const faceIndex = new Map<number, number>();
  faces.forEach((face, i) => faceIndex.set(face, i));
  const sets = new DisjointSets(faces.length);
  // Faces inside one compound polygon are one atom.
  const compoundSource = input.areas.length + input.kept.length;
  const faceInCompound = new Uint8Array(faces.length);
  for (let c = 0; c < census.polygons.length; c++) {
    let firstFace = -1;
    faces.forEach((face, i) => {
      if (!overlay.inside(face, compoundSource + c)) return;
      faceInCompound[i] = 1;
      if (firstFace < 0) firstFace = i;
      else sets.union(firstFace, i);
    });
  }
  // Faces holding points of one unit (one building, one address) are one atom.
  const locator = new FaceLocator(overlay, faces);
  const faceOfUnit = new Int32Array(census.unitList.length).fill(-1);
  census.points.forEach((point, p) => {
    const face = locator.locate(point.lon, point.lat);
    const i = faceIndex.get(face);
    if (i === undefined) return;
    const unit = census.unitOfPoint[p]!;
    if (faceOfUnit[unit]! < 0) faceOfUnit[unit] = i;
    else sets.union(faceOfUnit[unit]!, i);
  });
  const atomOfRoot = new Map<number, number>();
  const atomOfFace = new Int32Array(overlay.faceCount).fill(-1);
  const facesOfAtom: number[][] = [];
  faces.forEach((face, i) => {
    const root = sets.find(i);
    let atom = atomOfRoot.get(root);
    if (atom === undefined) {
      atom = facesOfAtom.length;
      atomOfRoot.set(root, atom);
      facesOfAtom.push([]);
    }
    facesOfAtom[atom]!.push(face);
    atomOfFace[face] = atom;
  });
  const n = facesOfAtom.length;
  const households = new Float64Array(n);
  const population = new Float64Array(n);
  const unitsOfAtom: number[][] = facesOfAtom.map(() => []);
  census.unitList.forEach((unit, u) => {
    const i = faceOfUnit[u]!;
    // A unit no face claims (a point on the region's edge that the locator missed) goes to the nearest atom.
    const atom = i >= 0 ? atomOfFace[faces[i]!]! : nearestAtom(overlay, facesOfAtom, census, u);
    if (atom < 0) return;
    households[atom]! += unit.households;
    population[atom]! += unit.population;
    unitsOfAtom[atom]!.push(u);
  });

  const lat0 = census.points[0]?.lat ?? overlay.position(0)[1];
  const density = areaDensityM2PerDeg2(lat0) * 1e-18;
  const areaM2 = new Float64Array(n);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const outerM = new Float64Array(n);
  const isCompound = new Uint8Array(n);
  faces.forEach((face, i) => {
    if (faceInCompound[i]) isCompound[atomOfFace[face]!] = 1;
  });
  const lineStart = input.areas.length + input.kept.length + census.polygons.length;
  const lineEnd = lineStart + input.lines.length;
  const pairIndex = new Map<number, number>();
  const edgeA: number[] = [];
  const edgeB: number[] = [];
  const edgeLength: number[] = [];
  const edgeStreet: number[] = [];
  const edgeGuide: number[] = [];
  for (const face of faces) {
    const atom = atomOfFace[face]!;
    const area = overlay.faceAreaUnits2(face) * density;
    let cx = 0;
    let cy = 0;
    const sides = overlay.faceSides(face);
    for (const side of sides) {
      const [ax, ay] = overlay.position(side.from);
      const [bx, by] = overlay.position(side.to);
      cx += ax;
      cy += ay;
      const other = side.across < overlay.faceCount ? atomOfFace[side.across]! : -1;
      if (other === atom) continue;
      const length = segmentLengthM(ax, ay, bx, by);
      if (other < 0) {
        outerM[atom]! += length;
        continue;
      }
      if (other < atom) continue;
      const key = atom * n + other;
      let e = pairIndex.get(key);
      if (e === undefined) {
        e = edgeA.length;
        pairIndex.set(key, e);
        edgeA.push(atom);
        edgeB.push(other);
        edgeLength.push(0);
        edgeStreet.push(0);
        edgeGuide.push(0);
      }
      edgeLength[e]! += length;
      const onStreet = side.lines.some((line) => line >= lineStart && line < lineEnd);
      if (onStreet) edgeStreet[e]! += length;
      if (onStreet || isCompound[atom] !== isCompound[other]) edgeGuide[e]! += length;
    }
    if (sides.length > 0) {
      cx /= sides.length;
      cy /= sides.length;
    }
    areaM2[atom]! += area;
    x[atom]! += cx * Math.max(area, 1e-9);
    y[atom]! += cy * Math.max(area, 1e-9);
  }
  for (let a = 0; a < n; a++) {
    let weight = 0;
    for (const face of facesOfAtom[a]!) weight += Math.max(overlay.faceAreaUnits2(face) * density, 1e-9);
    x[a]! /= weight;
    y[a]! /= weight;
  }
  const neighbours: number[][] = facesOfAtom.map(() => []);
  const edgeOf: number[][] = facesOfAtom.map(() => []);
  edgeA.forEach((a, e) => {
    const b = edgeB[e]!;
    neighbours[a]!.push(b);
    edgeOf[a]!.push(e);
    neighbours[b]!.push(a);
    edgeOf[b]!.push(e);
  });
  const graph: AtomGraph = {
    size: n,
    households,
    population,
    areaM2,
    outerM,
    x,
    y,
    neighbours,
    edgeOf,
    edgeA: Int32Array.from(edgeA),
    edgeB: Int32Array.from(edgeB),
    edgeLengthM: Float64Array.from(edgeLength),
    edgeStreetM: Float64Array.from(edgeStreet),
    edgeGuideM: Float64Array.from(edgeGuide),
  };
  return { overlay, graph, atomOfFace, facesOfAtom, unitsOfAtom, cutLines };
}

function nearestAtom(
  overlay: Overlay,
  facesOfAtom: readonly (readonly number[])[],
  census: RegionCensus,
  unit: number,
): number {
  const point = census.points[census.unitList[unit]!.points[0]!]!;
  let best = -1;
  let bestDistance = Infinity;
  facesOfAtom.forEach((faces, atom) => {
    for (const face of faces) {
      for (const side of overlay.faceSides(face)) {
        const [ax, ay] = overlay.position(side.from);
        const distance = (ax - point.lon) ** 2 + (ay - point.lat) ** 2;
        if (distance < bestDistance) {
          bestDistance = distance;
          best = atom;
        }
      }
    }
  });
  return best;
}
