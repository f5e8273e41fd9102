/** A colour as red, green, blue in 0..1 (what both the PDF and the SVG back-end take). */
export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** Builds an {@link Rgb} from a `#rrggbb` string. */
export function hex(value: string): Rgb {
  const n = Number.parseInt(value.replace('#', ''), 16);
  return { r: ((n >> 16) & 255) / 255, g: ((n >> 8) & 255) / 255, b: (n & 255) / 255 };
}

/** A point on the page in points, y growing downwards (like SVG; the PDF back-end flips it). */
export type PagePoint = readonly [number, number];

/** A rectangle on the page, y downwards. */
export interface PageBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Parallel lines drawn inside an area: the colour-blind-safe second cue beside hue (ui.md). */
export interface Hatch {
  readonly colour: Rgb;
  /** Distance between lines, in points. */
  readonly spacing: number;
  /** Angle of the lines in degrees, counter-clockwise from the x axis. */
  readonly angle: number;
  readonly width: number;
}

/** A filled and/or outlined area (rings, even-odd), optionally hatched. */
export interface SceneArea {
  readonly kind: 'area';
  readonly rings: readonly (readonly PagePoint[])[];
  readonly fill?: Rgb;
  readonly stroke?: Rgb;
  readonly strokeWidth?: number;
  /** Dash pattern in points (on, off, ...); solid when absent. */
  readonly dash?: readonly number[];
  readonly hatch?: Hatch;
}

/** Open polylines (streets, rivers, scale-bar ticks). */
export interface SceneLine {
  readonly kind: 'line';
  readonly lines: readonly (readonly PagePoint[])[];
  readonly stroke: Rgb;
  readonly strokeWidth: number;
  readonly dash?: readonly number[];
}

/** One line of text; `y` is the vertical middle of the text. */
export interface SceneText {
  readonly kind: 'text';
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly size: number;
  readonly colour: Rgb;
  readonly anchor: 'start' | 'middle' | 'end';
  readonly bold?: boolean;
  /** A pale box behind the text so that it reads over lines and fills. */
  readonly halo?: Rgb;
  /** Rotation in degrees counter-clockwise about (x, y). */
  readonly angle?: number;
}

export type SceneItem = SceneArea | SceneLine | SceneText;

/**
 * A drawing made once from a division and rendered by two back-ends (PDF via pdf-lib, SVG as a string):
 * the items in painting order, clipped to `clip`.
 */
export interface Scene {
  readonly clip: PageBox;
  readonly items: readonly SceneItem[];
}

/** Measures the width of a text at a size, in points. Back-ends with a real font give its metrics. */
export type MeasureText = (value: string, size: number, bold?: boolean) => number;

/**
 * Width estimate without font metrics: CJK and full-width characters are one em, Latin letters and
 * digits about 0.56 em (Noto Sans SC's proportions). Used by the SVG back-end and for layout guesses.
 */
export const estimateTextWidth: MeasureText = (value, size) => {
  let em = 0;
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    em += code >= 0x2e80 || (code >= 0xff00 && code <= 0xffef) ? 1 : code === 32 ? 0.27 : 0.56;
  }
  return em * size;
};
