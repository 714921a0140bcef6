import { EcgFormatError } from '../errors.js';
import type { FlacBitReader } from './flac-bits.js';

/** Coefficients of FLAC's fixed predictors of order 0-4 (most recent sample first). */
const FIXED_COEFFICIENTS: readonly (readonly number[])[] = [[], [1], [2, -1], [3, -3, 1], [4, -6, 4, -1]];

/**
 * Decodes one subframe of `blockSize` samples at `bitsPerSample` bits (one more for a stereo side channel) into
 * `out[0, blockSize)`. Samples are kept as doubles: a side channel of 32-bit audio needs 33 bits, and predictor
 * sums need up to 51 bits, both exact in a double but not in 32-bit integer arithmetic.
 */
export function decodeFlacSubframe(
  reader: FlacBitReader,
  blockSize: number,
  bitsPerSample: number,
  out: Float64Array,
): void {
  const offset = reader.byteOffset;
  const fail = (message: string, field: string, expected: string, found: string): never => {
    throw new EcgFormatError(message, { file: reader.fileName, byteOffset: offset, field, expected, found });
  };
  const what = 'subframe header';
  if (reader.readUnsigned(1, what) !== 0) fail('subframe padding bit set', 'subframe header', '0', '1');
  const type = reader.readUnsigned(6, what);
  const wasted = reader.readUnsigned(1, what) === 1 ? reader.readUnary('subframe wasted bits') + 1 : 0;
  if (wasted >= bitsPerSample) {
    fail(
      'more wasted bits than bits per sample',
      'subframe wasted bits',
      `< ${bitsPerSample}`,
      String(wasted),
    );
  }
  const bits = bitsPerSample - wasted;

  if (type === 0) {
    out.fill(reader.readSigned(bits, 'constant subframe'), 0, blockSize);
  } else if (type === 1) {
    for (let i = 0; i < blockSize; i++) out[i] = reader.readSigned(bits, 'verbatim subframe');
  } else if (type >= 8 && type <= 12) {
    const order = type - 8;
    readWarmUp(reader, bits, order, blockSize, out);
    readResidual(reader, blockSize, order, out);
    predict(FIXED_COEFFICIENTS[order], 0, blockSize, out);
  } else if (type >= 32) {
    const order = type - 31;
    readWarmUp(reader, bits, order, blockSize, out);
    const precision = reader.readUnsigned(4, 'LPC coefficient precision') + 1;
    if (precision === 16)
      fail('invalid LPC coefficient precision', 'LPC coefficient precision', '1-15', 'code 15');
    const shift = reader.readSigned(5, 'LPC shift');
    if (shift < 0) fail('negative LPC shift', 'LPC shift', '0-15', String(shift));
    const coefficients: number[] = [];
    for (let j = 0; j < order; j++) coefficients.push(reader.readSigned(precision, 'LPC coefficients'));
    readResidual(reader, blockSize, order, out);
    predict(coefficients, shift, blockSize, out);
  } else {
    fail(
      'reserved subframe type',
      'subframe type',
      'constant, verbatim, fixed order 0-4 or LPC',
      `0b${type.toString(2)}`,
    );
  }
  if (wasted > 0) {
    const scale = 2 ** wasted;
    for (let i = 0; i < blockSize; i++) out[i] *= scale;
  }
}

function readWarmUp(
  reader: FlacBitReader,
  bits: number,
  order: number,
  blockSize: number,
  out: Float64Array,
): void {
  if (order > blockSize) {
    throw new EcgFormatError('predictor order exceeds the block size', {
      file: reader.fileName,
      byteOffset: reader.byteOffset,
      field: 'subframe predictor order',
      expected: `at most ${blockSize}`,
      found: String(order),
    });
  }
  for (let i = 0; i < order; i++) out[i] = reader.readSigned(bits, 'warm-up samples');
}

/**
 * Adds the prediction to the residuals in `out[order, blockSize)`, where `order` is the number of coefficients:
 * `out[i] += floor(sum_j coefficients[j] * out[i-1-j] / 2^shift)`. Division by a power of two with floor is the
 * arithmetic right shift of the format, exact on doubles.
 */
function predict(coefficients: readonly number[], shift: number, blockSize: number, out: Float64Array): void {
  const order = coefficients.length;
  const divisor = 2 ** shift;
  for (let i = order; i < blockSize; i++) {
    let sum = 0;
    for (let j = 0; j < order; j++) sum += coefficients[j] * out[i - 1 - j];
    out[i] += Math.floor(sum / divisor);
  }
}

/**
 * Reads the partitioned Rice-coded residual into `out[order, blockSize)`. Coding method 0 has 4-bit Rice
 * parameters and escape code 15, method 1 5-bit parameters and escape 31; an escaped partition stores its
 * values as plain signed integers of a 5-bit width (0 meaning all zero).
 */
function readResidual(reader: FlacBitReader, blockSize: number, order: number, out: Float64Array): void {
  const offset = reader.byteOffset;
  const fail = (message: string, field: string, expected: string, found: string): never => {
    throw new EcgFormatError(message, { file: reader.fileName, byteOffset: offset, field, expected, found });
  };
  const method = reader.readUnsigned(2, 'residual coding method');
  if (method > 1) fail('reserved residual coding method', 'residual coding method', '0 or 1', String(method));
  const parameterBits = method === 0 ? 4 : 5;
  const escapeCode = method === 0 ? 15 : 31;
  const partitionOrder = reader.readUnsigned(4, 'residual partition order');
  const partitionSize = blockSize >> partitionOrder;
  if (partitionSize << partitionOrder !== blockSize || partitionSize < order) {
    fail(
      'residual partition order does not fit the block',
      'residual partition order',
      `2^order dividing block size ${blockSize} into partitions of at least ${order} samples`,
      String(partitionOrder),
    );
  }
  let i = order;
  for (let partition = 0; partition < 1 << partitionOrder; partition++) {
    const end = (partition + 1) * partitionSize;
    const parameter = reader.readUnsigned(parameterBits, 'Rice parameter');
    if (parameter === escapeCode) {
      const bits = reader.readUnsigned(5, 'escaped residual width');
      for (; i < end; i++) out[i] = reader.readSigned(bits, 'escaped residual');
      continue;
    }
    const scale = 2 ** parameter;
    for (; i < end; i++) {
      const folded =
        reader.readUnary('Rice residual') * scale + reader.readUnsigned(parameter, 'Rice residual');
      // Zigzag: 0, 1, 2, 3, 4 ... stand for 0, -1, 1, -2, 2 ...
      out[i] = folded % 2 === 0 ? folded / 2 : -(folded + 1) / 2;
    }
  }
}
