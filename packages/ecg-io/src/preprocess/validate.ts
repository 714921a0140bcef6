import { EcgRangeError } from '../errors.js';

/** Throws `EcgRangeError` unless `value` is an integer >= `min`. */
export function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new EcgRangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}

/** Throws `EcgRangeError` unless `value` is a finite number > 0. */
export function requirePositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new EcgRangeError(`${name} must be a finite number > 0, got ${value}`);
  }
}

/** Throws `EcgRangeError` unless `0 < hz < fs / 2`. */
export function requireBelowNyquist(name: string, hz: number, fs: number): void {
  requirePositive('sampling frequency', fs);
  if (!Number.isFinite(hz) || hz <= 0 || hz >= fs / 2) {
    throw new EcgRangeError(`${name} must be in (0, ${fs / 2}) Hz (fs = ${fs} Hz), got ${hz}`);
  }
}

/** Throws `EcgRangeError` when the signal has fewer than `min` samples. */
export function requireLength(name: string, x: ArrayLike<number>, min: number): void {
  if (x.length < min) {
    throw new EcgRangeError(`${name} needs at least ${min} samples, got ${x.length}`);
  }
}
