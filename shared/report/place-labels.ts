import type { MeasureText, PageBox, Rgb, SceneText } from './map-scene';
import { INK } from './map-styles';

/** A label that would like to be at (x, y): its lines (centred, stacked), priority and colour. */
export interface LabelCandidate {
  readonly x: number;
  readonly y: number;
  readonly lines: readonly { readonly text: string; readonly size: number; readonly bold: boolean }[];
  /** Higher first: a label that collides with a placed one is shortened or dropped. */
  readonly priority: number;
  /** Degrees counter-clockwise (street names follow the street). */
  readonly angle?: number;
  readonly colour: Rgb;
}

interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

function rectOf(candidate: LabelCandidate, lines: LabelCandidate['lines'], measure: MeasureText): Rect {
  const width = Math.max(...lines.map((line) => measure(line.text, line.size, line.bold))) + 2;
  const height = lines.reduce((sum, line) => sum + line.size * 1.15, 0) + 1;
  const angle = ((candidate.angle ?? 0) * Math.PI) / 180;
  const c = Math.abs(Math.cos(angle));
  const s = Math.abs(Math.sin(angle));
  const w = width * c + height * s;
  const h = width * s + height * c;
  return {
    x0: candidate.x - w / 2,
    y0: candidate.y - h / 2,
    x1: candidate.x + w / 2,
    y1: candidate.y + h / 2,
  };
}

/**
 * Places labels greedily by priority: a label is kept where it wants to be if its box lies in the map box
 * and overlaps no label already placed; else a multi-line label tries its first line alone; else it is
 * left out (a crowded map loses its least important labels, never prints one over another). Labels keep
 * clear of the `obstacles` too.
 */
export function placeLabels(
  candidates: readonly LabelCandidate[],
  box: PageBox,
  measure: MeasureText,
  obstacles: readonly PageBox[] = [],
): SceneText[] {
  // Map furniture (north arrow, scale bar) is kept clear like an already placed label.
  const placed: Rect[] = obstacles.map((o) => ({ x0: o.x, y0: o.y, x1: o.x + o.width, y1: o.y + o.height }));
  const out: SceneText[] = [];
  const sorted = [...candidates].sort((a, b) => b.priority - a.priority);
  for (const candidate of sorted) {
    const tries =
      candidate.lines.length > 1 ? [candidate.lines, candidate.lines.slice(0, 1)] : [candidate.lines];
    for (const lines of tries) {
      const rect = rectOf(candidate, lines, measure);
      const inside =
        rect.x0 >= box.x && rect.y0 >= box.y && rect.x1 <= box.x + box.width && rect.y1 <= box.y + box.height;
      if (!inside || placed.some((other) => overlaps(rect, other))) continue;
      placed.push(rect);
      const total = lines.reduce((sum, line) => sum + line.size * 1.15, 0);
      let offset = -total / 2;
      const angle = ((candidate.angle ?? 0) * Math.PI) / 180;
      for (const line of lines) {
        const along = offset + (line.size * 1.15) / 2;
        // Lines stack perpendicular to the text direction (y grows downwards on the page).
        out.push({
          kind: 'text',
          x: candidate.x + along * Math.sin(angle),
          y: candidate.y + along * Math.cos(angle),
          text: line.text,
          size: line.size,
          bold: line.bold,
          colour: candidate.colour,
          anchor: 'middle',
          halo: INK.halo,
          ...(candidate.angle ? { angle: candidate.angle } : {}),
        });
        offset += line.size * 1.15;
      }
      break;
    }
  }
  return out;
}
