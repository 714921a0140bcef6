import type { Page } from 'playwright-core';

/** A rectangle of a screenshot, in pixels. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What a region of an ECG paper screenshot contains. */
export interface PixelCensus {
  total: number;
  /** Dark pixels: trace, pulse or label ink. */
  ink: number;
  /** Reddish pixels: the paper's grid. */
  grid: number;
  /** Rows (within the region) of the topmost and bottommost ink pixel; -1 when there is no ink. */
  inkTop: number;
  inkBottom: number;
}

/**
 * Counts ink and grid pixels in regions of a PNG screenshot. The PNG is decoded by the browser itself
 * (createImageBitmap) in `scratchPage`, a page separate from the app so the app's request log stays clean.
 */
export async function pixelCensus(scratchPage: Page, png: Buffer, regions: Region[]): Promise<PixelCensus[]> {
  return scratchPage.evaluate(
    async ({ base64, regions }) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      return regions.map(({ x, y, width, height }) => {
        const { data } = context.getImageData(x, y, width, height);
        const census = { total: width * height, ink: 0, grid: 0, inkTop: -1, inkBottom: -1 };
        for (let offset = 0; offset < data.length; offset += 4) {
          const [red, green, blue] = [data[offset], data[offset + 1], data[offset + 2]];
          if (Math.max(red, green, blue) < 110) {
            census.ink++;
            const row = Math.floor(offset / 4 / width);
            if (census.inkTop === -1) census.inkTop = row;
            census.inkBottom = row;
          } else if (red > 200 && red - green > 20 && red - blue > 20) {
            census.grid++;
          }
        }
        return census;
      });
    },
    { base64: png.toString('base64'), regions },
  );
}
