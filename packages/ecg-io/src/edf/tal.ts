// Time-stamped annotation lists (TALs) of EDF+ annotation signals (EDF+ specification, section 2.2):
//   +onset[\x15duration]\x14text\x14text\x14\x00
// one after the other in a data record's share of the signal, the rest of which is 0 bytes.
import { decodeUtf8OrLatin1 } from '../annotations/aux-text.js';
import { EcgFormatError } from '../errors.js';

/** One TAL: onset and optional duration in seconds, and its texts (the time-keeping TAL has an empty one). */
export interface Tal {
  onset: number;
  duration?: number;
  texts: string[];
}

const TEXT_END = 0x14;
const DURATION_START = 0x15;

/** Parses the TALs in `bytes[start, end)` (one annotation signal, one data record) of file `fileName`. */
export function parseTals(bytes: Uint8Array, start: number, end: number, fileName: string): Tal[] {
  const tals: Tal[] = [];
  let position = start;
  while (position < end) {
    if (bytes[position] === 0) {
      position++;
      continue;
    }
    const talEnd = bytes.subarray(position, end).indexOf(0);
    const fail = (message: string, expected: string, found: string): never => {
      throw new EcgFormatError(message, {
        file: fileName,
        byteOffset: position,
        field: 'EDF+ annotation',
        expected,
        found,
      });
    };
    if (talEnd === -1)
      fail('EDF+ annotation list not ended by a 0 byte within its data record', 'a 0 byte', 'none');
    const tal = bytes.subarray(position, position + talEnd);
    if (tal[tal.length - 1] !== TEXT_END)
      fail(
        'EDF+ annotation list does not end with byte 20',
        'byte 20 before the 0 byte',
        `byte ${tal[tal.length - 1]}`,
      );
    const parts = split(tal.subarray(0, tal.length - 1), TEXT_END);
    const [onsetText, durationText, ...extra] = split(parts[0], DURATION_START).map(decodeUtf8OrLatin1);
    if (!/^[+-]\d+(\.\d*)?$/.test(onsetText))
      fail('invalid EDF+ annotation onset', 'a signed number of seconds (+12.5)', onsetText);
    if (durationText !== undefined && (extra.length > 0 || !/^\d+(\.\d*)?$/.test(durationText))) {
      fail('invalid EDF+ annotation duration', 'an unsigned number of seconds', durationText);
    }
    tals.push({
      onset: Number(onsetText),
      ...(durationText === undefined ? {} : { duration: Number(durationText) }),
      texts: parts.slice(1).map(decodeUtf8OrLatin1),
    });
    position += talEnd + 1;
  }
  return tals;
}

/** Splits bytes at every `separator`. */
function split(bytes: Uint8Array, separator: number): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let from = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === separator) {
      parts.push(bytes.subarray(from, i));
      from = i + 1;
    }
  }
  return parts;
}
