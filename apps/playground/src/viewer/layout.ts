import { MAJOR_GRID_MM, type PaperScale, pxPerMv, pxPerSecond } from './paper-scale.js';
import type { TimeWindow } from './trace.js';

/** The standard calibration pulse drawn before each trace: 1 mV high, 0.2 s wide. */
export const CALIBRATION_PULSE_MV = 1;
export const CALIBRATION_PULSE_S = 0.2;
/** Flat paper before and after the calibration pulse. */
const PULSE_MARGIN_MM = 1;
/** Voltage range each lead's row is tall enough for (traces may still overlap, as on printed ECGs). */
const ROW_SPAN_MV = 3;
/** Rows are whole centimetres tall, so each baseline (the row's middle) lies on a grid line. */
const ROW_HEIGHT_STEP_MM = 10;

/** Where things go on the canvas for a given scale, size and scroll position (all in CSS px). */
export interface PaperLayout {
  /** Width of the fixed left margin holding the calibration pulses; traces start right of it. */
  gutterPx: number;
  rowHeightPx: number;
  /** Height of the canvas: one row per lead. */
  heightPx: number;
  /** Width of the scrolling trace area (canvas width minus the gutter). */
  traceWidthPx: number;
  /** Width of the whole record on paper plus the gutter: the scrollable width. */
  contentWidthPx: number;
  /** The part of the record visible in the trace area. */
  window: TimeWindow;
}

/** Inputs of `paperLayout`. */
export interface PaperLayoutInput {
  scale: PaperScale;
  rowCount: number;
  canvasWidthPx: number;
  durationS: number;
  /** How far the paper is scrolled, in CSS px. */
  scrollLeftPx: number;
}

/** Height of one lead's row in mm at a given gain. */
export function rowHeightMm(mmPerMv: number): number {
  return Math.ceil((ROW_SPAN_MV * mmPerMv) / ROW_HEIGHT_STEP_MM) * ROW_HEIGHT_STEP_MM;
}

/** Width of the calibration gutter in mm at a given paper speed: the pulse plus margins, in whole 5 mm squares. */
export function gutterMm(mmPerSecond: number): number {
  const needed = CALIBRATION_PULSE_S * mmPerSecond + 2 * PULSE_MARGIN_MM;
  return Math.ceil(needed / MAJOR_GRID_MM) * MAJOR_GRID_MM;
}

export function paperLayout(input: PaperLayoutInput): PaperLayout {
  const { scale } = input;
  const gutterPx = gutterMm(scale.mmPerSecond) * scale.pxPerMm;
  const rowHeightPx = rowHeightMm(scale.mmPerMv) * scale.pxPerMm;
  const traceWidthPx = Math.max(0, input.canvasWidthPx - gutterPx);
  const startS = input.scrollLeftPx / pxPerSecond(scale);
  return {
    gutterPx,
    rowHeightPx,
    heightPx: input.rowCount * rowHeightPx,
    traceWidthPx,
    contentWidthPx: gutterPx + input.durationS * pxPerSecond(scale),
    window: { startS, endS: startS + traceWidthPx / pxPerSecond(scale) },
  };
}

/** The baseline of row `row` (0 = top): the middle of the row. */
export function rowBaselinePx(layout: PaperLayout, row: number): number {
  return (row + 0.5) * layout.rowHeightPx;
}

/**
 * The calibration pulse in the gutter as a flat `[x0, y0, ...]` polyline: flat, a step up of 1 mV held for
 * 0.2 s, back down, flat to the end of the gutter.
 */
export function calibrationPulse(scale: PaperScale, gutterPx: number, baselinePx: number): number[] {
  const rise = baselinePx - CALIBRATION_PULSE_MV * pxPerMv(scale);
  const start = PULSE_MARGIN_MM * scale.pxPerMm;
  const end = start + CALIBRATION_PULSE_S * pxPerSecond(scale);
  return [0, baselinePx, start, baselinePx, start, rise, end, rise, end, baselinePx, gutterPx, baselinePx];
}
