// Seeds derived from the model seed and a path of names, so that each random initialisation depends only on the
// model seed and what it initialises (not on how many other things were initialised before it): the head of
// expert `dlinear` for task `rr` starts the same in a five-expert ensemble and in the single-expert baseline.

/** A 31-bit seed from the model seed and a path such as ('head', 'dlinear', 'rr', 'fc1', 'kernel'). */
export function deriveSeed(seed: number, ...path: (string | number)[]): number {
  // FNV-1a over the UTF-16 code units of the joined path.
  let hash = 0x811c9dc5;
  const text = [seed, ...path].join('/');
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash & 0x7fffffff;
}
