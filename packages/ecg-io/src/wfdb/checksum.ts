/**
 * WFDB checksum of one signal: the sum of its stored values modulo 2^16, as a signed 16-bit number. `values`
 * holds frames of `frameSize` values; the signal's `samplesPerFrame` values start at `slot` in each frame.
 * Only the first `frames` frames count.
 */
export function signalChecksum(
  values: Int32Array,
  frames: number,
  frameSize: number,
  slot: number,
  samplesPerFrame: number,
): number {
  let sum = 0;
  for (let frame = 0; frame < frames; frame++) {
    const start = frame * frameSize + slot;
    for (let i = start; i < start + samplesPerFrame; i++) sum = (sum + values[i]) | 0;
  }
  return (sum << 16) >> 16;
}

/** Whether a header checksum (written signed or unsigned) matches a computed one. */
export function checksumMatches(declared: number, computed: number): boolean {
  return (declared & 0xffff) === (computed & 0xffff);
}
