import type { Language } from '../model';
import type { MeasureText, PageBox, SceneItem } from './map-scene';
import { INK } from './map-styles';
import type { PageProjection } from './page-projection';

/** The longest 1, 2 or 5 × 10^k metres not above `maxMetres`. */
export function niceLength(maxMetres: number): number {
  if (!(maxMetres > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(maxMetres));
  for (const step of [5, 2, 1]) if (step * power <= maxMetres) return step * power;
  return power;
}

/** A length for a scale bar or a table: metres under 1 km, else kilometres. */
export function formatDistance(metres: number, lang: Language): string {
  if (metres >= 1000) {
    const km = Number((metres / 1000).toFixed(2));
    return lang === 'zh' ? `${km} 千米` : `${km} km`;
  }
  return lang === 'zh' ? `${metres} 米` : `${metres} m`;
}

/**
 * A scale bar in the lower left corner of the map box: two black and two white blocks at a round length
 * of at most a quarter of the box, labelled 0, half and the length, on a white ground.
 */
export function scaleBar(projection: PageProjection, measure: MeasureText, lang: Language): SceneItem[] {
  const box = projection.box;
  const metres = niceLength(projection.metresPerPoint * box.width * 0.25);
  const length = metres / projection.metresPerPoint;
  const x = box.x + 12;
  const y = box.y + box.height - 16;
  const height = 4;
  const endLabel = formatDistance(metres, lang);
  const items: SceneItem[] = [
    {
      kind: 'area',
      rings: [
        [
          [x - 6, y - 14],
          [x + length + measure(endLabel, 7) / 2 + 6, y - 14],
          [x + length + measure(endLabel, 7) / 2 + 6, y + height + 5],
          [x - 6, y + height + 5],
        ],
      ],
      fill: INK.paper,
    },
  ];
  for (let i = 0; i < 4; i++) {
    const x0 = x + (length * i) / 4;
    const x1 = x + (length * (i + 1)) / 4;
    items.push({
      kind: 'area',
      rings: [
        [
          [x0, y],
          [x1, y],
          [x1, y + height],
          [x0, y + height],
        ],
      ],
      fill: i % 2 === 0 ? INK.township : INK.paper,
      stroke: INK.township,
      strokeWidth: 0.6,
    });
  }
  const labelY = y - 6;
  items.push({ kind: 'text', x, y: labelY, text: '0', size: 7, colour: INK.text, anchor: 'middle' });
  items.push({
    kind: 'text',
    x: x + length / 2,
    y: labelY,
    text: formatDistance(metres / 2, lang).replace(/ .*$/, ''),
    size: 7,
    colour: INK.text,
    anchor: 'middle',
  });
  items.push({
    kind: 'text',
    x: x + length,
    y: labelY,
    text: endLabel,
    size: 7,
    colour: INK.text,
    anchor: 'middle',
  });
  return items;
}

/** Where {@link northArrow} draws in a map box (kept clear of labels). */
export function northArrowBox(box: PageBox): PageBox {
  return { x: box.x + box.width - 34, y: box.y + 4, width: 30, height: 46 };
}

/** Where {@link scaleBar} draws at most in a map box (kept clear of labels). */
export function scaleBarBox(box: PageBox): PageBox {
  return { x: box.x, y: box.y + box.height - 32, width: box.width * 0.25 + 50, height: 32 };
}

/** A north arrow in the upper right corner of the map box: a split triangle under 北 (N). */
export function northArrow(box: PageBox, lang: Language): SceneItem[] {
  const cx = box.x + box.width - 20;
  const top = box.y + 20;
  const bottom = top + 24;
  const half = 7;
  return [
    {
      kind: 'area',
      rings: [
        [
          [cx - 12, top - 14],
          [cx + 12, top - 14],
          [cx + 12, bottom + 4],
          [cx - 12, bottom + 4],
        ],
      ],
      fill: INK.paper,
    },
    {
      kind: 'area',
      rings: [
        [
          [cx, top],
          [cx - half, bottom],
          [cx, bottom - 6],
        ],
      ],
      fill: INK.township,
      stroke: INK.township,
      strokeWidth: 0.8,
    },
    {
      kind: 'area',
      rings: [
        [
          [cx, top],
          [cx + half, bottom],
          [cx, bottom - 6],
        ],
      ],
      fill: INK.paper,
      stroke: INK.township,
      strokeWidth: 0.8,
    },
    {
      kind: 'text',
      x: cx,
      y: top - 7,
      text: lang === 'zh' ? '北' : 'N',
      size: 9,
      bold: true,
      colour: INK.text,
      anchor: 'middle',
    },
  ];
}
