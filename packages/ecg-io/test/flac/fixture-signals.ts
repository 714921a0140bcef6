// The samples stored in test/flac/fixtures/*.flac. make-fixtures.ts encodes exactly these with the reference
// `flac` encoder; the tests decode the files and expect these values back. Everything here is deterministic.

/** A FLAC fixture: its file under fixtures/, what it stores, and how the reference encoder was asked to code it. */
export interface FlacFixture {
  file: string;
  bitsPerSample: number;
  sampleRate: number;
  /** Samples per channel. */
  channels: Int32Array[];
  /** Options given to the reference encoder (besides `--lax --no-padding`). */
  encoderArgs: string[];
  /** What the fixture exercises, as seen in `flac --analyze` output of the committed file (test titles). */
  covers: string;
}

/** The variable-block-size fixture: stretches of one signal, each encoded with its own block size. */
export interface VariableBlockFixture {
  file: string;
  bitsPerSample: number;
  sampleRate: number;
  channels: Int32Array[];
  parts: { start: number; end: number; blockSize: number }[];
}

/** Deterministic pseudo-random integers in [-range, range] (mulberry32). */
function random(seed: number): (range: number) => number {
  let state = seed >>> 0;
  return (range) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.round((unit * 2 - 1) * range);
  };
}

/** An ECG-like periodic wave (sharp spike every `period` samples on a slow sine) of the given amplitude. */
function wave(i: number, period: number, amplitude: number): number {
  const phase = (i % period) / period;
  const spike = Math.exp(-(((phase - 0.3) / 0.015) ** 2));
  return Math.round(amplitude * (0.8 * spike + 0.2 * Math.sin(2 * Math.PI * phase)));
}

function clamp(value: number, bits: number): number {
  const max = 2 ** (bits - 1) - 1;
  return Math.max(-max - 1, Math.min(max, value));
}

/**
 * Two channels in 1152-sample stretches whose relation changes, so that the encoder picks each stereo coding:
 * near-identical channels (mid/side), noise on both with right = left + small (left/side), a clean right
 * with a noisy left (right/side), unrelated channels (independent), silence, and full-scale square waves.
 */
function stereoSignal(length: number, bits: number, seed: number): Int32Array[] {
  const noise = random(seed);
  const full = 2 ** (bits - 1);
  const left = new Int32Array(length);
  const right = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    const stretch = Math.floor(i / 1152) % 6;
    const base = wave(i, 397, full * 0.6);
    let l = base;
    let r = base;
    if (stretch === 0) {
      r = base + noise(3);
    } else if (stretch === 1) {
      l = noise(full * 0.9);
      r = l + noise(5);
    } else if (stretch === 2) {
      l = base + noise(full * 0.3);
    } else if (stretch === 3) {
      l = base + noise(full * 0.01);
      r = wave(i + 100, 211, full * 0.3) + noise(full * 0.02);
    } else if (stretch === 4) {
      l = 0;
      r = 0;
    } else {
      l = i % 2 === 0 ? full - 1 : -full;
      r = -l - 1;
    }
    left[i] = clamp(l, bits);
    right[i] = clamp(r, bits);
  }
  return [left, right];
}

/** One channel whose samples are multiples of 16 (4 wasted bits), with constant stretches (all-zero residual). */
function wastedBitsSignal(length: number, seed: number): Int32Array[] {
  const noise = random(seed);
  const samples = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    const flat = Math.floor(i / 500) % 3 === 2;
    samples[i] = flat ? 4096 : (wave(i, 150, 30_000) + noise(200)) * 16;
  }
  return [samples];
}

/** The fixtures, generated on demand. */
export function flacFixtures(): FlacFixture[] {
  return [
    {
      file: 'stereo-16bit-1000hz.flac',
      bitsPerSample: 16,
      sampleRate: 1000,
      channels: stereoSignal(7000, 16, 1),
      encoderArgs: ['-8', '-e', '-b', '1152'],
      covers: 'all four stereo codings, verbatim/constant/fixed/LPC subframes, 4-bit Rice, rate code 12',
    },
    {
      file: 'stereo-32bit-257hz.flac',
      bitsPerSample: 32,
      sampleRate: 257,
      channels: stereoSignal(7000, 32, 2),
      encoderArgs: ['-8', '-b', '1152'],
      covers: '32-bit samples, 33-bit side channels, 5-bit Rice parameters, LPC order 10, rate code 13',
    },
    {
      file: 'mono-20bit-250hz-wasted.flac',
      bitsPerSample: 20,
      sampleRate: 250,
      channels: wastedBitsSignal(3000, 3),
      encoderArgs: ['-5', '-b', '500'],
      covers: '20-bit samples, wasted bits (4 and 12), constant subframes, rate code 14',
    },
  ];
}

/** Frames of 576, 1152 and 192 samples, plus short last frames of each stretch, numbered by sample. */
export function variableBlockFixture(): VariableBlockFixture {
  return {
    file: 'variable-blocks-16bit.flac',
    bitsPerSample: 16,
    sampleRate: 1000,
    channels: stereoSignal(5000, 16, 4),
    parts: [
      { start: 0, end: 1000, blockSize: 576 },
      { start: 1000, end: 4000, blockSize: 1152 },
      { start: 4000, end: 5000, blockSize: 192 },
    ],
  };
}
