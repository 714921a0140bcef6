import type { DisplaySignal } from './display-signals.js';
import { gridLines } from './grid.js';
import { calibrationPulse, type PaperLayout, rowBaselinePx } from './layout.js';
import type { PaperScale } from './paper-scale.js';
import { tracePolylines } from './trace.js';

/** Colours of the paper, exported for the browser test that checks a screenshot. */
export const PAPER_COLORS = {
  background: '#fff8f6',
  minorGrid: '#f4c9c9',
  majorGrid: '#e38d8d',
  trace: '#111111',
  label: '#1b1b1b',
  labelBackground: 'rgba(255, 248, 246, 0.85)',
} as const;

const TRACE_WIDTH_PX = 1.25;
const LABEL_FONT = '600 12px system-ui, sans-serif';

/** Everything `drawPaper` needs. */
export interface PaperDrawing {
  layout: PaperLayout;
  scale: PaperScale;
  signals: readonly DisplaySignal[];
  samplingFrequency: number;
  /** Canvas width in CSS px. */
  widthPx: number;
  devicePixelRatio: number;
}

/**
 * Draws ECG paper on a canvas whose backing store is `widthPx x layout.heightPx` CSS px times
 * devicePixelRatio: the grid, then per lead (one row each) its calibration pulse in the fixed left gutter,
 * its trace for the visible time window and its label.
 */
export function drawPaper(context: CanvasRenderingContext2D, drawing: PaperDrawing): void {
  const { layout, scale, widthPx, devicePixelRatio } = drawing;
  context.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
  context.fillStyle = PAPER_COLORS.background;
  context.fillRect(0, 0, widthPx, layout.heightPx);
  drawGrid(context, drawing);

  context.strokeStyle = PAPER_COLORS.trace;
  context.fillStyle = PAPER_COLORS.trace;
  context.lineWidth = TRACE_WIDTH_PX;
  context.lineJoin = 'round';
  drawing.signals.forEach((signal, row) => {
    const baselinePx = rowBaselinePx(layout, row);
    strokePolyline(context, calibrationPulse(scale, layout.gutterPx, baselinePx));
    context.save();
    context.beginPath();
    context.rect(layout.gutterPx, 0, layout.traceWidthPx, layout.heightPx);
    context.clip();
    context.translate(layout.gutterPx, 0);
    const polylines = tracePolylines(signal.samplesMv, drawing.samplingFrequency, scale, layout.window, {
      baselinePx,
      offsetMv: signal.medianMv,
    });
    for (const polyline of polylines) strokePolyline(context, polyline);
    context.restore();
    drawLabel(context, signal.label, layout.gutterPx + 4, row * layout.rowHeightPx + 4);
  });
}

/** Grid lines, snapped to whole device pixels so they stay sharp: 1 device px for 1 mm, 2 for 5 mm. */
function drawGrid(context: CanvasRenderingContext2D, drawing: PaperDrawing): void {
  const { layout, scale, widthPx, devicePixelRatio } = drawing;
  const { pxPerMm } = scale;
  const gutter = gridLines(0, layout.gutterPx, pxPerMm);
  const trace = gridLines(layout.window.startS * scale.mmPerSecond, layout.traceWidthPx, pxPerMm);
  const rows = gridLines(0, layout.heightPx, pxPerMm);
  const shift = (positions: number[]) => positions.map((x) => x + layout.gutterPx);
  const kinds = [
    {
      color: PAPER_COLORS.minorGrid,
      devicePx: 1,
      x: [...gutter.minor, ...shift(trace.minor)],
      y: rows.minor,
    },
    {
      color: PAPER_COLORS.majorGrid,
      devicePx: 2,
      x: [...gutter.major, ...shift(trace.major)],
      y: rows.major,
    },
  ];
  for (const { color, devicePx, x, y } of kinds) {
    const thickness = devicePx / devicePixelRatio;
    const snap = (position: number) => Math.round(position * devicePixelRatio) / devicePixelRatio;
    context.fillStyle = color;
    for (const position of x) context.fillRect(snap(position), 0, thickness, layout.heightPx);
    for (const position of y) context.fillRect(0, snap(position), widthPx, thickness);
  }
}

/** Strokes a flat `[x0, y0, x1, y1, ...]` polyline; a single point becomes a dot. */
function strokePolyline(context: CanvasRenderingContext2D, points: readonly number[]): void {
  if (points.length === 2) {
    context.fillRect(
      points[0] - TRACE_WIDTH_PX / 2,
      points[1] - TRACE_WIDTH_PX / 2,
      TRACE_WIDTH_PX,
      TRACE_WIDTH_PX,
    );
    return;
  }
  context.beginPath();
  context.moveTo(points[0], points[1]);
  for (let index = 2; index < points.length; index += 2) context.lineTo(points[index], points[index + 1]);
  context.stroke();
}

function drawLabel(context: CanvasRenderingContext2D, text: string, x: number, y: number): void {
  context.font = LABEL_FONT;
  context.textBaseline = 'top';
  const width = context.measureText(text).width;
  context.fillStyle = PAPER_COLORS.labelBackground;
  context.fillRect(x - 2, y - 2, width + 4, 16);
  context.fillStyle = PAPER_COLORS.label;
  context.fillText(text, x, y);
  context.fillStyle = PAPER_COLORS.trace;
}
