import type { Hatch, PageBox, PagePoint, Rgb, Scene, SceneArea, SceneText } from './map-scene';
import { areaHatchSegments } from './hatch-segments';

function colour(value: Rgb): string {
  const part = (n: number) =>
    Math.round(Math.min(Math.max(n, 0), 1) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${part(value.r)}${part(value.g)}${part(value.b)}`;
}

function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function pathData(rings: readonly (readonly PagePoint[])[], close: boolean): string {
  return rings
    .map(
      (ring) =>
        ring.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${n(x)} ${n(y)}`).join('') + (close ? 'Z' : ''),
    )
    .join('');
}

function hatchSvg(area: SceneArea, hatch: Hatch, id: string): string {
  const segments = areaHatchSegments(area, hatch);
  if (segments.length === 0) return '';
  const lines = segments.map(([a, b]) => `M${n(a[0])} ${n(a[1])}L${n(b[0])} ${n(b[1])}`).join('');
  return (
    `<clipPath id="${id}"><path d="${pathData(area.rings, true)}" clip-rule="evenodd"/></clipPath>` +
    `<path d="${lines}" clip-path="url(#${id})" stroke="${colour(hatch.colour)}" stroke-width="${n(hatch.width)}" fill="none"/>`
  );
}

function textSvg(item: SceneText): string {
  const anchor = item.anchor === 'start' ? 'start' : item.anchor === 'middle' ? 'middle' : 'end';
  const rotate = item.angle ? ` transform="rotate(${n(-item.angle)} ${n(item.x)} ${n(item.y)})"` : '';
  const halo = item.halo
    ? ` stroke="${colour(item.halo)}" stroke-width="${n(item.size * 0.3)}" stroke-opacity="0.85" paint-order="stroke" stroke-linejoin="round"`
    : '';
  return (
    `<text x="${n(item.x)}" y="${n(item.y)}" dy="0.35em" font-size="${n(item.size)}" text-anchor="${anchor}"` +
    `${item.bold ? ' font-weight="bold"' : ''} fill="${colour(item.colour)}"${halo}${rotate}>${escapeXml(item.text)}</text>`
  );
}

function sceneParts(scene: Scene, idPrefix: string): string {
  const parts: string[] = [];
  let hatchCount = 0;
  for (const item of scene.items) {
    if (item.kind === 'area') {
      if (item.rings.length === 0) continue;
      if (item.fill)
        parts.push(
          `<path d="${pathData(item.rings, true)}" fill="${colour(item.fill)}" fill-rule="evenodd"/>`,
        );
      if (item.hatch) parts.push(hatchSvg(item, item.hatch, `${idPrefix}-h${hatchCount++}`));
      if (item.stroke) {
        const dash =
          item.dash && item.dash.length > 0 ? ` stroke-dasharray="${item.dash.map(n).join(' ')}"` : '';
        parts.push(
          `<path d="${pathData(item.rings, true)}" fill="none" stroke="${colour(item.stroke)}" stroke-width="${n(item.strokeWidth ?? 1)}" stroke-linejoin="round"${dash}/>`,
        );
      }
    } else if (item.kind === 'line') {
      const dash =
        item.dash && item.dash.length > 0 ? ` stroke-dasharray="${item.dash.map(n).join(' ')}"` : '';
      parts.push(
        `<path d="${pathData(item.lines, false)}" fill="none" stroke="${colour(item.stroke)}" stroke-width="${n(item.strokeWidth)}" stroke-linejoin="round" stroke-linecap="round"${dash}/>`,
      );
    } else parts.push(textSvg(item));
  }
  const box = scene.clip;
  return (
    `<clipPath id="${idPrefix}-clip"><rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${n(box.height)}"/></clipPath>` +
    `<g clip-path="url(#${idPrefix}-clip)">${parts.join('')}</g>`
  );
}

/**
 * Renders scenes (a map and its legend, say) as one standalone SVG element string for the HTML report
 * and the app: the same items as the PDF back-end, each scene clipped to its box, hatching by clip paths.
 * `idPrefix` keeps ids unique when several SVGs share one HTML page.
 */
export function scenesToSvg(
  scenes: readonly Scene[],
  viewBox: PageBox,
  idPrefix = 'map',
  title?: string,
): string {
  const heading = title ? `<title>${escapeXml(title)}</title>` : '';
  const body = scenes.map((scene, index) => sceneParts(scene, `${idPrefix}-${index}`)).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${n(viewBox.x)} ${n(viewBox.y)} ${n(viewBox.width)} ${n(viewBox.height)}" ` +
    `width="${n(viewBox.width)}" height="${n(viewBox.height)}" role="img" ` +
    `font-family="'Noto Sans SC','Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif">` +
    `${heading}${body}</svg>`
  );
}

/** One scene as a standalone SVG the size of its box (see {@link scenesToSvg}). */
export function sceneToSvg(scene: Scene, idPrefix = 'map', title?: string): string {
  return scenesToSvg([scene], scene.clip, idPrefix, title);
}
