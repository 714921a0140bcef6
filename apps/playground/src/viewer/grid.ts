import { MAJOR_GRID_MM, MINOR_GRID_MM } from './paper-scale.js';

/** Positions (CSS px from the start of a strip of paper) of its grid lines. */
export interface GridLines {
  /** Every 1 mm line that is not also a 5 mm line. */
  minor: number[];
  /** Every 5 mm line. */
  major: number[];
}

/** Tolerance for floating-point error when a strip starts or ends exactly on a line. */
const EPSILON_MM = 1e-9;

/**
 * The grid lines across a strip of paper `lengthPx` long whose first pixel lies `startMm` millimetres into
 * the paper (`startMm` grows as the paper is scrolled). Lines sit at whole millimetres of paper, so they move
 * with the trace when scrolling.
 */
export function gridLines(startMm: number, lengthPx: number, pxPerMm: number): GridLines {
  const lines: GridLines = { minor: [], major: [] };
  const first = Math.ceil((startMm - EPSILON_MM) / MINOR_GRID_MM);
  const last = Math.floor((startMm + lengthPx / pxPerMm + EPSILON_MM) / MINOR_GRID_MM);
  for (let index = first; index <= last; index++) {
    const mm = index * MINOR_GRID_MM;
    const px = (mm - startMm) * pxPerMm;
    if (index % (MAJOR_GRID_MM / MINOR_GRID_MM) === 0) lines.major.push(px);
    else lines.minor.push(px);
  }
  return lines;
}
