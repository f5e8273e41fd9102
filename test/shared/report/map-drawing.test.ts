import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipLineToBox, clipRingToBox, clipSegmentToBox } from '../../../shared/report/clip-to-box';
import { drawDivisionMap } from '../../../shared/report/draw-division-map';
import { niceLength } from '../../../shared/report/map-furniture';
import type { PagePoint, SceneText } from '../../../shared/report/map-scene';
import { estimateTextWidth } from '../../../shared/report/map-scene';
import { fitProjection } from '../../../shared/report/page-projection';
import { placeLabels } from '../../../shared/report/place-labels';
import { sceneToSvg } from '../../../shared/report/scene-to-svg';
import { metresPerDegree, segmentLengthM } from '../../../shared/geometry';
import { at, cells, community, division, grid, township } from './report-fixtures';

const box = { x: 10, y: 20, width: 100, height: 60 };
const point = fc.tuple(
  fc.double({ min: -100, max: 250, noNaN: true }),
  fc.double({ min: -100, max: 250, noNaN: true }),
);

function area(ring: readonly PagePoint[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [ax, ay] = ring[i]!;
    const [bx, by] = ring[(i + 1) % ring.length]!;
    sum += ax * by - bx * ay;
  }
  return Math.abs(sum) / 2;
}

const inside = ([x, y]: PagePoint) =>
  x >= box.x - 1e-9 && x <= box.x + box.width + 1e-9 && y >= box.y - 1e-9 && y <= box.y + box.height + 1e-9;

describe('clipping to the page box', () => {
  it('keeps every clipped vertex inside and never adds area', () => {
    fc.assert(
      fc.property(fc.array(point, { minLength: 3, maxLength: 12 }), (points) => {
        // A simple ring (the points in angle order around their mean): a ring crossing itself has lobes
        // whose signed areas cancel, and clipping one lobe away may rightly leave more |area| than before.
        const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
        const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
        const angle = ([x, y]: PagePoint) => Math.atan2(y - meanY, x - meanX);
        const ring = [...points].sort((a, b) => angle(a) - angle(b));
        const clipped = clipRingToBox(ring, box);
        expect(clipped.every(inside)).toBe(true);
        expect(area(clipped)).toBeLessThanOrEqual(area(ring) + 1e-6);
      }),
    );
  });

  it('leaves a convex ring inside the box as it is and clips a covering one to the box', () => {
    const small: PagePoint[] = [
      [20, 30],
      [40, 30],
      [40, 50],
    ];
    expect(clipRingToBox(small, box)).toEqual(small);
    const big: PagePoint[] = [
      [-1000, -1000],
      [1000, -1000],
      [1000, 1000],
      [-1000, 1000],
    ];
    expect(area(clipRingToBox(big, box))).toBeCloseTo(box.width * box.height, 6);
  });

  it('clips segments and polylines to what lies in the box', () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        const clipped = clipSegmentToBox(a, b, box);
        if (clipped) expect(clipped.every(inside)).toBe(true);
        if (inside(a) && inside(b)) expect(clipped).toEqual([a, b]);
      }),
    );
    const runs = clipLineToBox(
      [
        [0, 0],
        [5, 5],
        [50, 50],
        [500, 500],
        [600, 600],
      ],
      box,
    );
    expect(runs).toEqual([
      [
        [5, 5],
        [50, 50],
        [500, 500],
      ],
    ]);
  });
});

describe('the page projection', () => {
  it('fits the box inside the page box and keeps ground proportions (same metres per point both ways)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 73, max: 134, noNaN: true }),
        fc.double({ min: 4, max: 53, noNaN: true }),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        (west, south, dLon, dLat) => {
          const page = { x: 30, y: 40, width: 500, height: 300 };
          const projection = fitProjection([west, south, west + dLon, south + dLat], page, 10);
          for (const [lon, lat] of [
            [west, south],
            [west + dLon, south + dLat],
          ] as const) {
            const [x, y] = projection.project(lon, lat);
            expect(x).toBeGreaterThanOrEqual(page.x + 10 - 1e-6);
            expect(x).toBeLessThanOrEqual(page.x + page.width - 10 + 1e-6);
            expect(y).toBeGreaterThanOrEqual(page.y + 10 - 1e-6);
            expect(y).toBeLessThanOrEqual(page.y + page.height - 10 + 1e-6);
          }
          // North is up.
          expect(projection.project(west, south + dLat)[1]).toBeLessThan(projection.project(west, south)[1]);
          // A short east-west and a short north-south step of the same ground length have the same length on paper.
          const midLat = south + dLat / 2;
          const step = 100;
          const perDegree = metresPerDegree(midLat);
          const [x0, y0] = projection.project(west, midLat);
          const [x1] = projection.project(west + step / perDegree.lon, midLat);
          const [, y2] = projection.project(west, midLat + step / perDegree.lat);
          expect((x1 - x0) / (y0 - y2)).toBeCloseTo(1, 3);
          expect(step / (x1 - x0)).toBeCloseTo(projection.metresPerPoint, 2);
        },
      ),
    );
  });

  it('makes round scale-bar lengths', () => {
    expect([1, 7, 23, 180, 999, 1500, 4300].map(niceLength)).toEqual([1, 5, 20, 100, 500, 1000, 2000]);
  });
});

describe('labels', () => {
  it('never overlap and stay inside the box', () => {
    const label = fc.record({
      x: fc.double({ min: 0, max: 200, noNaN: true }),
      y: fc.double({ min: 0, max: 120, noNaN: true }),
      priority: fc.integer({ min: 0, max: 4 }),
      name: fc.string({ minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.array(label, { maxLength: 30 }), (labels) => {
        const placed = placeLabels(
          labels.map((l) => ({
            x: l.x,
            y: l.y,
            priority: l.priority,
            lines: [{ text: l.name, size: 8, bold: false }],
            colour: { r: 0, g: 0, b: 0 },
          })),
          box,
          estimateTextWidth,
        );
        const rects = placed.map((t: SceneText) => {
          const w = estimateTextWidth(t.text, t.size) + 2;
          const h = t.size * 1.15 + 1;
          return { x0: t.x - w / 2, x1: t.x + w / 2, y0: t.y - h / 2, y1: t.y + h / 2 };
        });
        for (const r of rects) {
          expect(r.x0).toBeGreaterThanOrEqual(box.x - 1e-9);
          expect(r.x1).toBeLessThanOrEqual(box.x + box.width + 1e-9);
        }
        for (let i = 0; i < rects.length; i++)
          for (let j = i + 1; j < rects.length; j++) {
            const a = rects[i]!;
            const b = rects[j]!;
            expect(a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1).toBe(false);
          }
      }),
    );
  });
});

describe('drawDivisionMap', () => {
  const A = '510302003001';
  const d = division(
    township(cells(0, 0, 4, 2)),
    community(A, '光明社区', cells(0, 0, 4, 2)),
    grid(`${A}001`, '第一网格', A, cells(0, 0, 2, 2)),
    { ...grid(`${A}002`, '专属网格甲', A, cells(2, 0, 4, 2)), gridType: 'exclusive' as const },
  );

  it('draws the same scene as SVG, with hatching for an exclusive grid, labels, scale bar and north arrow', () => {
    const { scene, projection } = drawDivisionMap(d, {
      box: { x: 0, y: 0, width: 400, height: 200 },
      colourBy: 'community',
    });
    expect(scene.items.some((item) => item.kind === 'area' && item.hatch !== undefined)).toBe(true);
    const texts = scene.items
      .filter((item): item is SceneText => item.kind === 'text')
      .map((item) => item.text);
    expect(texts).toEqual(expect.arrayContaining(['第一网格', '专属网格甲', '北', '0']));
    const svg = sceneToSvg(scene);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('第一网格');
    expect(svg).toContain('clip-path');
    // Ground distances and paper distances agree at the map's scale.
    const [ax, ay] = at(0, 0);
    const [bx, by] = at(4, 0);
    const [x0] = projection.project(ax, ay);
    const [x1] = projection.project(bx, by);
    expect(segmentLengthM(ax, ay, bx, by) / (x1 - x0)).toBeCloseTo(projection.metresPerPoint, 1);
  });

  it('prints no text when labels, scale bar and north arrow are turned off', () => {
    const { scene } = drawDivisionMap(d, {
      box: { x: 0, y: 0, width: 120, height: 60 },
      colourBy: 'target',
      labels: 'none',
      scaleBar: false,
      northArrow: false,
    });
    expect(scene.items.filter((item) => item.kind === 'text')).toEqual([]);
  });
});
