import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireData, sampleData } from '@enecg/test-data';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperLayout, rowBaselinePx } from '../../src/viewer/layout.js';
import { CSS_PX_PER_MM, STANDARD_PAPER } from '../../src/viewer/paper-scale.js';
import { BROWSER_TESTS_REQUIRED, launchChromium, missingChromiumReason } from './chromium.js';
import { pixelCensus } from './pixel-census.js';
import { type ServedApp, serveDist } from './serve-dist.js';

const missingChromium = missingChromiumReason();
const skip = missingChromium !== null && !BROWSER_TESTS_REQUIRED;
if (skip) console.warn(`[browser tests] skipped: ${missingChromium} (with CI=true this is a failure)`);

describe.skipIf(skip)('playground in headless Chromium', () => {
  let app: ServedApp | undefined;
  let browser: BrowserContext | undefined;
  let page: Page;
  let profileDir: string;
  /** Where screenshots are saved for people to look at. */
  let screenshotDir: string;
  /** Every URL the app's page requested. */
  const requests: string[] = [];
  /** Uncaught exceptions and console errors of the app's page. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (missingChromium !== null)
      throw new Error(`${missingChromium} Browser tests are required when CI=true.`);
    requireData();
    app = await serveDist();
    profileDir = mkdtempSync(join(tmpdir(), 'enecg-chromium-profile-'));
    screenshotDir = mkdtempSync(join(tmpdir(), 'enecg-playground-screenshots-'));
    browser = await launchChromium(profileDir);
    page = await browser.newPage();
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    // Record Content-Security-Policy violations: the app itself must cause none.
    await page.addInitScript(() => {
      const violations: string[] = [];
      Object.assign(window, { cspViolations: violations });
      document.addEventListener('securitypolicyviolation', (event) =>
        violations.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    await page.goto(app.origin);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (profileDir !== undefined) rmSync(profileDir, { recursive: true, force: true });
  });

  const openFiles = (paths: string[]) => page.getByTestId('file-input').setInputFiles(paths);

  it('says on the page that ECG data never leaves it, and carries a same-origin CSP', async () => {
    expect(await page.getByTestId('privacy-note').textContent()).toContain('never leaves this page');
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("connect-src 'self'");
  });

  it('opens MIT-BIH record 100 (.hea + .dat) and draws both leads on calibrated ECG paper', async () => {
    await openFiles([sampleData('100.hea'), sampleData('100.dat')]);
    await expect
      .poll(() => page.getByTestId('record-summary').textContent())
      .toBe('Record 100: 2 signals (MLII, V5), 360 Hz, 1805.6 s.');
    const canvas = page.getByTestId('ecg-canvas');
    const box = (await canvas.boundingBox())!;
    const layout = paperLayout({
      scale: STANDARD_PAPER,
      rowCount: 2,
      canvasWidthPx: box.width,
      durationS: 1805.56,
      scrollLeftPx: 0,
    });
    expect(box.height).toBeCloseTo(layout.heightPx, 0);

    const png = await canvas.screenshot();
    const screenshot = join(screenshotDir, 'record-100.png');
    writeFileSync(screenshot, png);
    console.log(`[browser tests] screenshot of record 100: ${screenshot}`);

    // Each row's trace area (right of the gutter, past the lead label) and the first row's calibration pulse.
    const traceLeft = Math.ceil(layout.gutterPx) + 120;
    const rows = [0, 1].map((row) => ({
      x: traceLeft,
      y: Math.round(row * layout.rowHeightPx),
      width: Math.floor(box.width) - traceLeft,
      height: Math.floor(layout.rowHeightPx),
    }));
    const pulse = { x: 0, y: 0, width: Math.floor(layout.gutterPx), height: Math.floor(layout.rowHeightPx) };
    const scratch = await browser!.newPage();
    const [mlii, v5, pulseCensus] = await pixelCensus(scratch, png, [...rows, pulse]);
    await scratch.close();

    for (const census of [mlii, v5]) {
      // A trace crossing the whole width leaves at least a pixel of ink per column; the grid covers > 10 %.
      expect(census.ink).toBeGreaterThan(rows[0].width);
      expect(census.grid / census.total).toBeGreaterThan(0.1);
    }
    // The calibration pulse is 1 mV = 10 mm high: 37.8 px at the CSS millimetre (±2 px for line width).
    expect(pulseCensus.inkBottom - pulseCensus.inkTop).toBeGreaterThan(10 * CSS_PX_PER_MM - 2);
    expect(pulseCensus.inkBottom - pulseCensus.inkTop).toBeLessThan(10 * CSS_PX_PER_MM + 2);
    expect(pulseCensus.inkBottom).toBeCloseTo(rowBaselinePx(layout, 0), -1);
  });

  it('scrolls through time, zooms and hides deselected leads', async () => {
    await page.locator('.paper-scroller').evaluate((scroller) => {
      scroller.scrollLeft = 10 * 25 * (96 / 25.4);
    });
    await expect.poll(() => page.getByTestId('paper-caption').textContent()).toMatch(/^10\.00 s – /);

    await page.getByTestId('paper-speed').selectOption('50');
    await expect
      .poll(() => page.getByTestId('paper-caption').textContent())
      .toMatch(/^10\.00 s – .*50 mm\/s/);

    const rowHeight = 30 * CSS_PX_PER_MM;
    await page.getByRole('checkbox', { name: 'V5' }).uncheck();
    await expect
      .poll(async () => (await page.getByTestId('ecg-canvas').boundingBox())?.height)
      .toBeCloseTo(rowHeight, 0);
    await page.getByRole('checkbox', { name: 'V5' }).check();
    await page.getByTestId('paper-speed').selectOption('25');
  });

  it('names the missing .dat file when only the header is opened', async () => {
    await openFiles([sampleData('100.hea')]);
    await expect
      .poll(() => page.getByTestId('open-error').textContent())
      .toBe(
        '100.hea needs 100.dat, which was not among the opened files. Open 100.hea together with 100.dat.',
      );
  });

  it('names an unreadable header and keeps the page working', async () => {
    await page.getByTestId('file-input').setInputFiles({
      name: 'broken.hea',
      mimeType: 'text/plain',
      buffer: Buffer.from('this is not a WFDB header\n'),
    });
    await expect
      .poll(() => page.getByTestId('open-error').textContent())
      .toMatch(/^Cannot read broken\.hea: broken\.hea/);
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
    await expect
      .poll(() => page.getByTestId('open-error').textContent())
      .toMatch(/^notes\.txt: not a format/);
    expect(await page.getByTestId('ecg-canvas').isVisible()).toBe(true);
  });

  it('switches backends to wasm and cpu, and to webgpu or says why it was skipped', async () => {
    const select = page.getByTestId('backend-select');
    const active = page.getByTestId('backend-active');
    await expect.poll(() => active.textContent()).toMatch(/^In use: /);
    console.log(
      `[browser tests] backends on load: ${(await page.locator('.backend-list li').allTextContents()).join(' | ')}`,
    );
    for (const backend of ['wasm', 'cpu']) {
      await select.selectOption(backend);
      await expect.poll(() => active.textContent()).toBe(`In use: ${backend}`);
    }
    const hasAdapter = await page.evaluate(async () => {
      const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      return gpu !== undefined && (await gpu.requestAdapter()) !== null;
    });
    await select.selectOption('webgpu');
    if (hasAdapter) {
      await expect.poll(() => active.textContent()).toBe('In use: webgpu');
    } else {
      await expect.poll(() => active.textContent()).toBe('In use: cpu');
      expect(await page.getByTestId('backend-status-webgpu').textContent()).toMatch(/^webgpu: skipped: \S/);
    }
    const statuses = await page.locator('.backend-list li').allTextContents();
    console.log(`[browser tests] backends: ${statuses.join(' | ')}`);
    const screenshot = join(screenshotDir, 'page.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`[browser tests] screenshot of the page: ${screenshot}`);
  });

  it('says why WebGPU was skipped when there is no adapter, and runs on the next backend', async () => {
    const noGpuPage = await browser!.newPage();
    noGpuPage.on('request', (request) => requests.push(request.url()));
    // What a machine without a usable GPU looks like to the page.
    await noGpuPage.addInitScript(() => {
      const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      if (gpu !== undefined) gpu.requestAdapter = async () => null;
    });
    await noGpuPage.goto(app!.origin);
    await expect
      .poll(() => noGpuPage.getByTestId('backend-active').textContent())
      .toMatch(/^In use: (webgl|wasm|cpu)$/);
    expect(await noGpuPage.getByTestId('backend-status-webgpu').textContent()).toBe(
      'webgpu: skipped: no adapter (navigator.gpu.requestAdapter() returned null)',
    );
    await noGpuPage.close();
  });

  it('made requests only to its own origin, the tfjs .wasm binary included', () => {
    const origin = app!.origin;
    console.log(`[browser tests] requests: ${requests.join(' ')}`);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(requests.some((url) => /\/tfjs-wasm\/tfjs-backend-wasm[\w-]*\.wasm$/.test(url))).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('has caused no CSP violation, and its CSP blocks a request to another origin', async () => {
    expect(
      await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
    ).toEqual([]);
    const blocked = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective), {
            once: true,
          });
          fetch('http://192.0.2.1/upload', { method: 'POST', body: 'ecg' }).catch(() => {});
        }),
    );
    expect(blocked).toBe('connect-src');
  });
});
