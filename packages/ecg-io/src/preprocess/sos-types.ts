/**
 * One second-order section `[b0, b1, b2, a0, a1, a2]` of an IIR filter,
 * `H(z) = (b0 + b1 z^-1 + b2 z^-2) / (a0 + a1 z^-1 + a2 z^-2)`, with `a0 = 1` (scipy's `sos` row layout).
 */
export type SecondOrderSection = readonly [number, number, number, number, number, number];

/** An IIR filter as a cascade of second-order sections, applied first to last (scipy's `sos` array). */
export type Sos = readonly SecondOrderSection[];
