import { EcgFormatError } from '../errors.js';
import { decodeAux } from './aux-text.js';
import { AUX, CHN, NUM, SKIP, SUB, VALUE_BITS } from './mit-format.js';

/** An annotation as stored, before the file's definition table is applied (no symbol yet). */
export interface StoredAnnotation {
  sample: number;
  code: number;
  subtype: number;
  chan: number;
  num: number;
  aux?: string;
}

/** Annotations in file order, plus non-fatal problems. */
export interface ParsedWords {
  annotations: StoredAnnotation[];
  warnings: string[];
}

/**
 * Reads the words of an MIT-format annotation file, as WFDB's getann does: SKIPs add to the time of the next
 * annotation, SUB and AUX belong to the annotation before them, CHN and NUM to it and every later one. The
 * 8-bit fields take the low byte of the 10-bit value as WFDB does (`subtyp` and `num` signed, `chan` unsigned).
 */
export function parseAnnotationWords(bytes: Uint8Array, fileName: string): ParsedWords {
  const annotations: StoredAnnotation[] = [];
  const warnings: string[] = [];
  function fail(message: string, byteOffset: number, field: string, expected: string, found: string): never {
    throw new EcgFormatError(message, { file: fileName, byteOffset, field, expected, found });
  }
  let time = 0;
  let chan = 0;
  let num = 0;
  let offset = 0;
  for (;;) {
    if (offset + 2 > bytes.length) {
      if (offset < bytes.length) {
        fail('annotation file ends in the middle of a word', offset, 'annotation word', '2 bytes', '1 byte');
      }
      warnings.push(`${fileName}: no end-of-file marker (the file may be cut short)`);
      break;
    }
    const word = bytes[offset] | (bytes[offset + 1] << 8);
    const wordOffset = offset;
    offset += 2;
    if (word === 0) {
      if (offset < bytes.length) {
        warnings.push(`${fileName}: ${bytes.length - offset} bytes after the end-of-file marker ignored`);
      }
      break;
    }
    const code = word >> VALUE_BITS;
    const value = word & 0x3ff;
    if (code === SKIP) {
      if (offset + 4 > bytes.length) {
        fail(
          'annotation file ends inside a SKIP',
          wordOffset,
          'SKIP interval',
          '4 bytes',
          `${bytes.length - offset} bytes`,
        );
      }
      // PDP-11 long: high 16-bit word first, each word little-endian; signed.
      const high = bytes[offset] | (bytes[offset + 1] << 8);
      const low = bytes[offset + 2] | (bytes[offset + 3] << 8);
      time += ((high << 16) | low) >> 0;
      offset += 4;
      if (!Number.isSafeInteger(time)) {
        fail(
          'annotation time out of range',
          wordOffset,
          'SKIP interval',
          'a time within ±2^53',
          String(time),
        );
      }
      continue;
    }
    if (code < SKIP) {
      time += value;
      annotations.push({ sample: time, code, subtype: 0, chan, num });
      continue;
    }
    const current = annotations.at(-1);
    if (current === undefined) {
      fail(
        'annotation field before any annotation',
        wordOffset,
        'annotation word',
        'an annotation or SKIP',
        `code ${code}`,
      );
    }
    if (code === SUB) {
      current.subtype = (value << 24) >> 24;
    } else if (code === CHN) {
      chan = value & 0xff;
      current.chan = chan;
    } else if (code === NUM) {
      num = (value << 24) >> 24;
      current.num = num;
    } else if (code === AUX) {
      const length = value & 0xff;
      if (offset + length > bytes.length) {
        fail(
          'annotation file ends inside an aux text',
          wordOffset,
          'AUX',
          `${length} bytes`,
          `${bytes.length - offset} bytes`,
        );
      }
      current.aux = decodeAux(bytes.subarray(offset, offset + length));
      // Odd lengths are followed by a pad byte that keeps words aligned.
      offset = Math.min(bytes.length, offset + length + (length & 1));
    }
  }
  return { annotations, warnings };
}
