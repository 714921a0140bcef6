/**
 * ECG paper calibration. Standard paper runs at 25 mm/s with 10 mm per mV, on a 1 mm grid with a heavier line
 * every 5 mm (so one small square is 40 ms x 0.1 mV, one large square 200 ms x 0.5 mV).
 *
 * Millimetres become pixels through `pxPerMm`. The default is the CSS reference millimetre (1 in = 96 CSS px
 * = 25.4 mm), which browsers map to device pixels with devicePixelRatio; it matches a ruler only on screens
 * whose OS scaling is exact, so the viewer lets the user set px per mm (checked against the 10 mm high
 * calibration pulse).
 */
export const STANDARD_SPEED_MM_PER_S = 25;
export const STANDARD_GAIN_MM_PER_MV = 10;
export const MINOR_GRID_MM = 1;
export const MAJOR_GRID_MM = 5;
export const CSS_PX_PER_MM = 96 / 25.4;

/** Paper speeds (mm/s) and gains (mm/mV) offered as time and amplitude zoom. */
export const PAPER_SPEEDS_MM_PER_S = [6.25, 12.5, 25, 50, 100] as const;
export const PAPER_GAINS_MM_PER_MV = [2.5, 5, 10, 20, 40] as const;

/** How millimetres of paper map to time, voltage and screen pixels. */
export interface PaperScale {
  /** CSS pixels per millimetre of paper. */
  pxPerMm: number;
  /** Paper speed: millimetres per second. */
  mmPerSecond: number;
  /** Gain: millimetres per millivolt. */
  mmPerMv: number;
}

export const STANDARD_PAPER: PaperScale = {
  pxPerMm: CSS_PX_PER_MM,
  mmPerSecond: STANDARD_SPEED_MM_PER_S,
  mmPerMv: STANDARD_GAIN_MM_PER_MV,
};

/** CSS pixels per second of signal. */
export function pxPerSecond(scale: PaperScale): number {
  return scale.mmPerSecond * scale.pxPerMm;
}

/** CSS pixels per millivolt. */
export function pxPerMv(scale: PaperScale): number {
  return scale.mmPerMv * scale.pxPerMm;
}
