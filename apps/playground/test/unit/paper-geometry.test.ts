import { describe, expect, it } from 'vitest';
import { gridLines } from '../../src/viewer/grid.js';
import {
  calibrationPulse,
  gutterMm,
  paperLayout,
  rowBaselinePx,
  rowHeightMm,
} from '../../src/viewer/layout.js';
import { CSS_PX_PER_MM, type PaperScale, STANDARD_PAPER } from '../../src/viewer/paper-scale.js';
import { tracePolylines } from '../../src/viewer/trace.js';

const placement = { baselinePx: 100, offsetMv: 0 };

/** x or y coordinates of a flat [x0, y0, x1, y1, ...] polyline. */
const xs = (points: number[]) => points.filter((_, index) => index % 2 === 0);
const ys = (points: number[]) => points.filter((_, index) => index % 2 === 1);

/** Compares pixel positions as floats (a line at the strip's start may come out as -0). */
function expectPositions(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  for (const [index, value] of actual.entries()) expect(value).toBeCloseTo(expected[index], 9);
}

describe('calibration', () => {
  it('uses the CSS reference millimetre: 96 px per inch of 25.4 mm', () => {
    expect(STANDARD_PAPER.pxPerMm).toBeCloseTo(3.779527559, 9);
    expect(STANDARD_PAPER.mmPerSecond).toBe(25);
    expect(STANDARD_PAPER.mmPerMv).toBe(10);
  });
});

describe('tracePolylines', () => {
  it('moves a 1 mV step exactly 10 mm up at 10 mm/mV', () => {
    const [line] = tracePolylines([0, 0, 1, 1], 100, STANDARD_PAPER, { startS: 0, endS: 1 }, placement);
    expect(ys(line)).toEqual([100, 100, 100 - 10 * CSS_PX_PER_MM, 100 - 10 * CSS_PX_PER_MM]);
  });

  it('spans 25 mm for 1 s at 25 mm/s, and 50 mm at 50 mm/s', () => {
    const samples = new Float64Array(501);
    const [standard] = tracePolylines(samples, 250, STANDARD_PAPER, { startS: 0, endS: 2 }, placement);
    expect(standard[250 * 2] - standard[0]).toBeCloseTo(25 * CSS_PX_PER_MM, 9);
    const fast: PaperScale = { ...STANDARD_PAPER, mmPerSecond: 50 };
    const [zoomed] = tracePolylines(samples, 250, fast, { startS: 0, endS: 2 }, placement);
    expect(zoomed[250 * 2] - zoomed[0]).toBeCloseTo(50 * CSS_PX_PER_MM, 9);
  });

  it('follows a custom px-per-mm calibration and gain', () => {
    const scale: PaperScale = { pxPerMm: 4, mmPerSecond: 25, mmPerMv: 20 };
    const [line] = tracePolylines([0, 0.5], 1, scale, { startS: 0, endS: 1 }, placement);
    expect(line).toEqual([0, 100, 100, 100 - 0.5 * 20 * 4]);
  });

  it('draws the offset voltage on the baseline', () => {
    const [line] = tracePolylines(
      [2, 3],
      1,
      STANDARD_PAPER,
      { startS: 0, endS: 1 },
      { baselinePx: 50, offsetMv: 2 },
    );
    expect(ys(line)).toEqual([50, 50 - 10 * CSS_PX_PER_MM]);
  });

  it('leaves gaps where samples are missing (NaN)', () => {
    const samples = [0, 1, Number.NaN, 2, Number.NaN, Number.NaN, 3, 4];
    const lines = tracePolylines(samples, 1, STANDARD_PAPER, { startS: 0, endS: 7 }, placement);
    expect(lines.map((line) => line.length / 2)).toEqual([2, 1, 2]);
    const pxPerS = 25 * CSS_PX_PER_MM;
    expect(lines.map((line) => xs(line).map((x) => x / pxPerS))).toEqual([[0, 1], [3], [6, 7]]);
  });

  it('draws only the visible window plus one sample on each side, x measured from its start', () => {
    const samples = Array.from({ length: 100 }, (_, index) => index);
    const [line] = tracePolylines(samples, 10, STANDARD_PAPER, { startS: 2.05, endS: 3.05 }, placement);
    const pxPerS = 25 * CSS_PX_PER_MM;
    const times = xs(line).map((x) => x / pxPerS + 2.05);
    expect(times[0]).toBeCloseTo(2.0, 9);
    expect(times.at(-1)).toBeCloseTo(3.1, 9);
    expect(times).toHaveLength(12);
  });

  it('returns nothing for a window past the end of the signal', () => {
    expect(tracePolylines([1, 2, 3], 1, STANDARD_PAPER, { startS: 10, endS: 20 }, placement)).toEqual([]);
  });
});

describe('gridLines', () => {
  it('puts a line every millimetre and a major one every 5 mm', () => {
    const lines = gridLines(0, 20 * 4, 4);
    expectPositions(lines.major, [0, 20, 40, 60, 80]);
    expect(lines.minor).toHaveLength(16);
    expectPositions(lines.minor.slice(0, 4), [4, 8, 12, 16]);
  });

  it('moves the lines with the paper when scrolled', () => {
    const lines = gridLines(2.5, 10 * 4, 4);
    expectPositions(lines.minor, [2, 6, 14, 18, 22, 26, 34, 38]);
    expectPositions(lines.major, [10, 30]);
  });

  it('keeps a line that falls on the strip edge despite rounding error', () => {
    // A strip from 1235 mm to 1240 mm, both ends a hair inside the lines.
    const lines = gridLines(1235 + 1e-12, 5 * CSS_PX_PER_MM - 1e-10, CSS_PX_PER_MM);
    expectPositions(lines.major, [0, 5 * CSS_PX_PER_MM]);
    expect(lines.minor).toHaveLength(4);
  });
});

describe('paperLayout', () => {
  it('gives each lead a 30 mm row at 10 mm/mV, baseline in the middle on a major grid line', () => {
    expect(rowHeightMm(10)).toBe(30);
    expect(rowHeightMm(5)).toBe(20);
    expect(rowHeightMm(20)).toBe(60);
    const layout = paperLayout({
      scale: STANDARD_PAPER,
      rowCount: 2,
      canvasWidthPx: 800,
      durationS: 10,
      scrollLeftPx: 0,
    });
    expect(layout.rowHeightPx).toBeCloseTo(30 * CSS_PX_PER_MM, 9);
    expect(layout.heightPx).toBeCloseTo(60 * CSS_PX_PER_MM, 9);
    expect(rowBaselinePx(layout, 1)).toBeCloseTo(45 * CSS_PX_PER_MM, 9);
  });

  it('maps scrolling to the visible time window and the record to the scroll width', () => {
    const scale: PaperScale = { pxPerMm: 4, mmPerSecond: 25, mmPerMv: 10 };
    const gutterPx = gutterMm(25) * 4;
    const layout = paperLayout({
      scale,
      rowCount: 1,
      canvasWidthPx: gutterPx + 400,
      durationS: 60,
      scrollLeftPx: 300,
    });
    expect(layout.gutterPx).toBe(40);
    expect(layout.traceWidthPx).toBe(400);
    expect(layout.window.startS).toBe(3);
    expect(layout.window.endS).toBe(7);
    expect(layout.contentWidthPx).toBe(40 + 60 * 100);
  });

  it('widens the gutter so the 0.2 s pulse fits at any speed', () => {
    expect(gutterMm(25)).toBe(10);
    expect(gutterMm(100)).toBe(25);
    expect(gutterMm(6.25)).toBe(5);
  });
});

describe('calibrationPulse', () => {
  it('is 10 mm high and 5 mm wide on standard paper', () => {
    const pulse = calibrationPulse(STANDARD_PAPER, 40, 100);
    const height = Math.max(...ys(pulse)) - Math.min(...ys(pulse));
    expect(height).toBeCloseTo(10 * CSS_PX_PER_MM, 9);
    const top = xs(pulse).filter((_, index) => ys(pulse)[index] < 100);
    expect(top[1] - top[0]).toBeCloseTo(5 * CSS_PX_PER_MM, 9);
    expect(xs(pulse).at(-1)).toBe(40);
  });
});
