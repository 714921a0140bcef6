// Three-vectors in Frank's orthogonal lead axes: x to the patient's left, y to the feet, z to the back.

/** A vector `[x, y, z]`; as a heart dipole, in mV. */
export type Vec3 = readonly [number, number, number];

export function scaleVec(v: Vec3, factor: number): Vec3 {
  return [v[0] * factor, v[1] * factor, v[2] * factor];
}

export function addVec(a: Vec3, b: Vec3): Vec3 {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}

export function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

export function norm(v: Vec3): number {
  return Math.sqrt(dot(v, v));
}

/** `v` rotated by `angles[0]` about x, then `angles[1]` about y, then `angles[2]` about z (radians). */
export function rotate(v: Vec3, angles: Vec3): Vec3 {
  const [ax, ay, az] = angles;
  const [x0, y0, z0] = v;
  const y1 = y0 * Math.cos(ax) - z0 * Math.sin(ax);
  const z1 = y0 * Math.sin(ax) + z0 * Math.cos(ax);
  const x2 = x0 * Math.cos(ay) + z1 * Math.sin(ay);
  const z2 = -x0 * Math.sin(ay) + z1 * Math.cos(ay);
  const x3 = x2 * Math.cos(az) - y1 * Math.sin(az);
  const y3 = x2 * Math.sin(az) + y1 * Math.cos(az);
  return [x3, y3, z2];
}

/** Determinant of a 3x3 matrix given by rows. */
function det3(m: readonly (readonly number[])[]): number {
  return (
    m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
    m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
    m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
  );
}

/** Solution of the 3x3 system `m v = b` by Cramer's rule; `m` (given by rows) must be non-singular. */
export function solve3(m: readonly (readonly number[])[], b: readonly number[]): Vec3 {
  const d = det3(m);
  const withColumn = (k: number) => m.map((row, i) => row.map((value, j) => (j === k ? b[i] : value)));
  return [det3(withColumn(0)) / d, det3(withColumn(1)) / d, det3(withColumn(2)) / d];
}
