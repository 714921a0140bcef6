// Minimal complex arithmetic for filter design (poles and zeros). Signals never use it: FFTs work on
// separate real/imaginary Float64Arrays.

/** A complex number. */
export interface Complex {
  re: number;
  im: number;
}

export function complex(re: number, im = 0): Complex {
  return { re, im };
}

export function add(a: Complex, b: Complex): Complex {
  return { re: a.re + b.re, im: a.im + b.im };
}

export function sub(a: Complex, b: Complex): Complex {
  return { re: a.re - b.re, im: a.im - b.im };
}

export function mul(a: Complex, b: Complex): Complex {
  return { re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re };
}

export function div(a: Complex, b: Complex): Complex {
  const d = b.re * b.re + b.im * b.im;
  return { re: (a.re * b.re + a.im * b.im) / d, im: (a.im * b.re - a.re * b.im) / d };
}

export function scale(a: Complex, s: number): Complex {
  return { re: a.re * s, im: a.im * s };
}

export function conj(a: Complex): Complex {
  return { re: a.re, im: -a.im };
}

export function abs(a: Complex): number {
  return Math.hypot(a.re, a.im);
}

/** Principal square root (non-negative real part), like numpy's complex sqrt. */
export function sqrt(a: Complex): Complex {
  const r = abs(a);
  const re = Math.sqrt((r + a.re) / 2);
  const im = Math.sqrt((r - a.re) / 2);
  return { re, im: a.im < 0 ? -im : im };
}

/** `exp(i * theta)`. */
export function expi(theta: number): Complex {
  return { re: Math.cos(theta), im: Math.sin(theta) };
}

/** Product of all values (1 for an empty list). */
export function product(values: readonly Complex[]): Complex {
  let p = complex(1);
  for (const v of values) p = mul(p, v);
  return p;
}
