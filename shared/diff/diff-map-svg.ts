import type { Position } from 'geojson';
import type { AreaGeometry, Division, Language } from '../model';
import type { Box } from '../geometry/box-index';
import { polygonsOf } from '../geometry/lattice';
import type { DivisionDiff } from './division-diff';
import { DIFF_KIND_LABELS, DIFF_WORDS } from './diff-words';

/**
 * Styles of the three change classes. Colour-blind safe: Okabe–Ito hues, but each class also differs in
 * lightness (dark, medium, light) and in pattern (diagonal lines, cross-hatch, dots) and outline (solid,
 * dashed, solid thick), so they read apart in grey and for red–green colour blindness.
 */
const CLASSES = {
  added: { ink: '#003f6b', fill: '#7fb8de', pattern: 'added', dash: '' },
  removed: { ink: '#8a3b00', fill: '#f3c6a5', pattern: 'removed', dash: '6 3' },
  changed: { ink: '#6b4e00', fill: '#fbe7a6', pattern: 'changed', dash: '' },
} as const;
type ChangeClass = keyof typeof CLASSES;

const PATTERNS = `<defs>
<pattern id="p-added" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
<rect width="6" height="6" fill="${CLASSES.added.fill}"/><line x1="0" y1="0" x2="0" y2="6" stroke="${CLASSES.added.ink}" stroke-width="2.4"/></pattern>
<pattern id="p-removed" width="7" height="7" patternUnits="userSpaceOnUse">
<rect width="7" height="7" fill="${CLASSES.removed.fill}"/><path d="M0 0L7 7M7 0L0 7" stroke="${CLASSES.removed.ink}" stroke-width="0.9"/></pattern>
<pattern id="p-changed" width="6" height="6" patternUnits="userSpaceOnUse">
<rect width="6" height="6" fill="${CLASSES.changed.fill}"/><circle cx="3" cy="3" r="1.1" fill="${CLASSES.changed.ink}"/></pattern>
</defs>`;

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface Projection {
  readonly width: number;
  readonly height: number;
  point(position: Position): [number, number];
}

/** The box of some geometries' outer rings, or undefined when they have no valid position. */
function boxOf(geometries: readonly AreaGeometry[]): Box | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const geometry of geometries) {
    for (const polygon of polygonsOf(geometry)) {
      for (const [x = NaN, y = NaN] of polygon[0] ?? []) {
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  }
  return Number.isFinite(minX) ? { minX, minY, maxX, maxY } : undefined;
}

/**
 * The box shown: around the changed grids with a third of their extent (at least ~300 m) as context, so
 * that small grids among large rural villages are readable; the whole division when nothing changed.
 */
function focusBox(changed: Box | undefined, all: Box): Box {
  if (!changed) return all;
  const padX = Math.max((changed.maxX - changed.minX) / 3, 0.003);
  const padY = Math.max((changed.maxY - changed.minY) / 3, 0.003);
  return {
    minX: Math.max(changed.minX - padX, all.minX),
    minY: Math.max(changed.minY - padY, all.minY),
    maxX: Math.min(changed.maxX + padX, all.maxX),
    maxY: Math.min(changed.maxY + padY, all.maxY),
  };
}

/** Equirectangular with x scaled by cos(latitude) at the centre: true shapes at township scale. */
function projection(box: Box, width: number): Projection | undefined {
  const { minX, minY, maxX, maxY } = box;
  if (maxX <= minX || maxY <= minY) return undefined;
  const kx = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const margin = 8;
  const scale = (width - 2 * margin) / ((maxX - minX) * kx);
  const height = Math.ceil((maxY - minY) * scale + 2 * margin);
  return {
    width,
    height,
    point: ([x = 0, y = 0]) => [margin + (x - minX) * kx * scale, margin + (maxY - y) * scale],
  };
}

function pathOf(geometry: AreaGeometry, project: Projection): string {
  return polygonsOf(geometry)
    .map((polygon) =>
      polygon
        .map(
          (ring) =>
            ring
              .map((position, i) => {
                const [x, y] = project.point(position);
                return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
              })
              .join('') + 'Z',
        )
        .join(''),
    )
    .join('');
}

function centre(geometry: AreaGeometry, project: Projection): [number, number] {
  // The centre of the largest ring's box: good enough for a label on a small map.
  let best: Position[] = [];
  for (const polygon of polygonsOf(geometry)) if ((polygon[0]?.length ?? 0) > best.length) best = polygon[0]!;
  const points = best.map((position) => project.point(position));
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

/**
 * An SVG map of a diff (inline, no external resources): the new division's communities and unchanged
 * grids in grey, removed grids (old boundaries) cross-hatched with dashed outlines, added grids with
 * dark diagonal lines, split/merged/changed grids (new boundaries) dotted and labelled with their code's
 * last three digits; a legend below. Grids only (micro-grids are in the table).
 */
export function diffMapSvg(
  diff: DivisionDiff,
  before: Division,
  after: Division,
  lang: Language,
  width = 900,
): string {
  const classOf = new Map<string, ChangeClass>();
  const removedCodes = new Set<string>();
  for (const change of diff.changes) {
    if (change.layer !== 'grid') continue;
    if (change.kind === 'removed') for (const code of change.fromCodes) removedCodes.add(code);
    else for (const code of change.codes) classOf.set(code, change.kind === 'added' ? 'added' : 'changed');
  }
  const removed = [...before.grid.values()].filter((grid) => removedCodes.has(grid.code));
  const grids = [...after.grid.values()];
  const communities = [...after.community.values()];
  const all = boxOf([...communities, ...grids, ...removed].map((area) => area.geometry));
  const changed = boxOf([
    ...removed.map((grid) => grid.geometry),
    ...grids.filter((grid) => classOf.has(grid.code)).map((grid) => grid.geometry),
  ]);
  const project = all ? projection(focusBox(changed, all), width) : undefined;
  if (!project) return '';
  const shapes: string[] = [];
  for (const community of communities) {
    shapes.push(
      `<path d="${pathOf(community.geometry, project)}" fill="#f4f4f4" stroke="#777" stroke-width="1.6"/>`,
    );
  }
  for (const grid of grids) {
    if (classOf.has(grid.code)) continue;
    shapes.push(
      `<path d="${pathOf(grid.geometry, project)}" fill="#ffffff" stroke="#9a9a9a" stroke-width="0.7"/>`,
    );
  }
  const labels: string[] = [];
  const draw = (geometry: AreaGeometry, code: string, cls: ChangeClass): void => {
    const style = CLASSES[cls];
    shapes.push(
      `<path d="${pathOf(geometry, project)}" fill="url(#p-${style.pattern})" fill-opacity="0.9" stroke="${style.ink}" stroke-width="${cls === 'changed' ? 2 : 1.4}"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}><title>${escapeXml(code)}</title></path>`,
    );
    const [x, y] = centre(geometry, project);
    labels.push(
      `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="middle" dominant-baseline="middle" font-size="11" font-weight="bold" fill="#111" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeXml(code.slice(-3))}</text>`,
    );
  };
  for (const grid of removed) draw(grid.geometry, grid.code, 'removed');
  for (const grid of grids) {
    const cls = classOf.get(grid.code);
    if (cls) draw(grid.geometry, grid.code, cls);
  }
  const legendItems: [ChangeClass, string][] = [
    ['added', DIFF_KIND_LABELS.added[lang]],
    ['removed', DIFF_KIND_LABELS.removed[lang]],
    ['changed', DIFF_WORDS.changed[lang]],
  ];
  const legendY = project.height + 20;
  const legend = legendItems
    .map(([cls, label], i) => {
      const style = CLASSES[cls];
      const y = legendY + 22 + i * 24;
      return (
        `<rect x="10" y="${y - 12}" width="34" height="18" fill="url(#p-${style.pattern})" stroke="${style.ink}" stroke-width="1.4"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>` +
        `<text x="52" y="${y + 2}" font-size="13" fill="#111">${escapeXml(label)}</text>`
      );
    })
    .join('');
  const unchanged =
    `<rect x="10" y="${legendY + 22 + 3 * 24 - 12}" width="34" height="18" fill="#fff" stroke="#9a9a9a"/>` +
    `<text x="52" y="${legendY + 22 + 3 * 24 + 2}" font-size="13" fill="#111">${escapeXml(DIFF_WORDS.unchanged[lang])}</text>`;
  const height = legendY + 22 + 4 * 24;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(DIFF_WORDS.title[lang])}" font-family="Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif">
${PATTERNS}
<clipPath id="map-area"><rect x="0" y="0" width="${width}" height="${project.height}"/></clipPath>
<g clip-path="url(#map-area)">
${shapes.join('\n')}
${labels.join('\n')}
</g>
<rect x="0.5" y="0.5" width="${width - 1}" height="${project.height - 1}" fill="none" stroke="#888"/>
<text x="10" y="${legendY + 4}" font-size="13" font-weight="bold" fill="#111">${escapeXml(DIFF_WORDS.legend[lang])}</text>
${legend}${unchanged}
</svg>`;
}
