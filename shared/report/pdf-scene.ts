import type { PDFFont, PDFOperator, PDFPage } from 'pdf-lib';
import {
  clipEvenOdd,
  closePath,
  degrees,
  endPath,
  LineCapStyle,
  LineJoinStyle,
  lineTo,
  moveTo,
  PDFOperator as Operator,
  PDFOperatorNames,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  clip,
  rgb,
  setDashPattern,
  setFillingRgbColor,
  setLineCap,
  setLineJoin,
  setLineWidth,
  setStrokingRgbColor,
  stroke,
} from 'pdf-lib';
import { areaHatchSegments } from './hatch-segments';
import type { Hatch, MeasureText, PagePoint, Rgb, Scene, SceneArea, SceneText } from './map-scene';
import { appendAll } from '../model';

/** The regular and bold faces a page draws text with. */
export interface PdfFaces {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  /** Text widths from these faces (cached by the builder). */
  readonly measure: MeasureText;
}

function pathOps(rings: readonly (readonly PagePoint[])[], height: number): PDFOperator[] {
  const ops: PDFOperator[] = [];
  for (const ring of rings) {
    ring.forEach(([x, y], index) => ops.push(index === 0 ? moveTo(x, height - y) : lineTo(x, height - y)));
    ops.push(closePath());
  }
  return ops;
}

function hatchOps(area: SceneArea, hatch: Hatch, height: number): PDFOperator[] {
  const segments = areaHatchSegments(area, hatch);
  if (segments.length === 0) return [];
  const ops: PDFOperator[] = [pushGraphicsState(), ...pathOps(area.rings, height), clipEvenOdd(), endPath()];
  ops.push(setStrokingRgbColor(hatch.colour.r, hatch.colour.g, hatch.colour.b), setLineWidth(hatch.width));
  for (const [a, b] of segments) {
    ops.push(moveTo(a[0], height - a[1]), lineTo(b[0], height - b[1]));
  }
  ops.push(stroke(), popGraphicsState());
  return ops;
}

function colourOps(fill: Rgb | undefined, strokeColour: Rgb | undefined): PDFOperator[] {
  const ops: PDFOperator[] = [];
  if (fill) ops.push(setFillingRgbColor(fill.r, fill.g, fill.b));
  if (strokeColour) ops.push(setStrokingRgbColor(strokeColour.r, strokeColour.g, strokeColour.b));
  return ops;
}

function areaOps(area: SceneArea, height: number): PDFOperator[] {
  if (area.rings.length === 0) return [];
  const ops: PDFOperator[] = [];
  if (area.fill) {
    appendAll(appendAll(ops, colourOps(area.fill, undefined)), pathOps(area.rings, height));
    ops.push(Operator.of(PDFOperatorNames.FillEvenOdd));
  }
  if (area.hatch) appendAll(ops, hatchOps(area, area.hatch, height));
  if (area.stroke) {
    ops.push(
      pushGraphicsState(),
      ...colourOps(undefined, area.stroke),
      setLineWidth(area.strokeWidth ?? 1),
      setLineJoin(LineJoinStyle.Round),
      setDashPattern([...(area.dash ?? [])], 0),
      ...pathOps(area.rings, height),
      stroke(),
      popGraphicsState(),
    );
  }
  return ops;
}

/** Where a text's baseline starts for its anchor, middle and rotation, in PDF coordinates (y up). */
function textOrigin(item: SceneText, width: number, height: number): { x: number; y: number } {
  const angle = ((item.angle ?? 0) * Math.PI) / 180;
  const u = item.anchor === 'start' ? 0 : item.anchor === 'middle' ? -width / 2 : -width;
  const v = -0.35 * item.size;
  return {
    x: item.x + u * Math.cos(angle) - v * Math.sin(angle),
    y: height - item.y + u * Math.sin(angle) + v * Math.cos(angle),
  };
}

function drawText(page: PDFPage, item: SceneText, faces: PdfFaces): void {
  const height = page.getHeight();
  const font = item.bold ? faces.bold : faces.regular;
  const width = faces.measure(item.text, item.size, item.bold);
  const angle = item.angle ?? 0;
  if (item.halo) {
    const a = (angle * Math.PI) / 180;
    const u = (item.anchor === 'start' ? 0 : item.anchor === 'middle' ? -width / 2 : -width) - 1.2;
    const v = -0.62 * item.size;
    page.drawRectangle({
      x: item.x + u * Math.cos(a) - v * Math.sin(a),
      y: height - item.y + u * Math.sin(a) + v * Math.cos(a),
      width: width + 2.4,
      height: item.size * 1.24,
      rotate: degrees(angle),
      color: rgb(item.halo.r, item.halo.g, item.halo.b),
      opacity: 0.78,
    });
  }
  const origin = textOrigin(item, width, height);
  page.drawText(item.text, {
    x: origin.x,
    y: origin.y,
    size: item.size,
    font,
    color: rgb(item.colour.r, item.colour.g, item.colour.b),
    rotate: degrees(angle),
  });
}

/**
 * Renders a scene onto a PDF page as vector paths (PDF operators) and text in the embedded font,
 * clipped to the scene's box. Page coordinates are y-down like the scene; they are flipped here.
 */
export function drawSceneOnPdf(page: PDFPage, scene: Scene, faces: PdfFaces): void {
  const height = page.getHeight();
  const { clip: box } = scene;
  page.pushOperators(
    pushGraphicsState(),
    rectangle(box.x, height - box.y - box.height, box.width, box.height),
    clip(),
    endPath(),
    setLineCap(LineCapStyle.Round),
    setLineJoin(LineJoinStyle.Round),
  );
  for (const item of scene.items) {
    if (item.kind === 'area') page.pushOperators(...areaOps(item, height));
    else if (item.kind === 'line') {
      const ops: PDFOperator[] = [
        pushGraphicsState(),
        ...colourOps(undefined, item.stroke),
        setLineWidth(item.strokeWidth),
        setDashPattern([...(item.dash ?? [])], 0),
      ];
      for (const line of item.lines)
        line.forEach(([x, y], index) =>
          ops.push(index === 0 ? moveTo(x, height - y) : lineTo(x, height - y)),
        );
      ops.push(stroke(), popGraphicsState());
      page.pushOperators(...ops);
    } else drawText(page, item, faces);
  }
  page.pushOperators(popGraphicsState());
}
