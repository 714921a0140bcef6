import { EcgFormatError } from '../errors.js';

/**
 * Reads a FLAC stream MSB-first, as the format stores it. Values are returned as JavaScript numbers, which hold
 * every integer FLAC needs exactly (the widest field is 36 bits; subframe samples are at most 33 bits).
 * Reading past the end throws EcgFormatError naming the file, the byte offset and what was being read.
 */
export class FlacBitReader {
  /** Index of the byte holding the next unread bit. */
  private byte = 0;
  /** Bits of that byte already consumed (0-7). */
  private bit = 0;

  constructor(
    readonly bytes: Uint8Array,
    readonly fileName: string,
  ) {}

  /** Byte offset of the next unread bit (rounded down). */
  get byteOffset(): number {
    return this.byte;
  }

  /** Whether the reader stands on a byte boundary. */
  get aligned(): boolean {
    return this.bit === 0;
  }

  /** Moves to the byte at `offset` (bit 0). */
  seek(offset: number): void {
    this.byte = offset;
    this.bit = 0;
  }

  /** Reads an unsigned `count`-bit value (`count` <= 53). `what` names the field in the truncation error. */
  readUnsigned(count: number, what: string): number {
    let value = 0;
    while (count > 0) {
      if (this.byte >= this.bytes.length) this.truncated(what);
      const available = 8 - this.bit;
      const take = Math.min(available, count);
      const chunk = (this.bytes[this.byte] >> (available - take)) & ((1 << take) - 1);
      // Multiplication instead of a shift keeps values wider than 31 bits exact.
      value = value * (1 << take) + chunk;
      count -= take;
      this.bit += take;
      if (this.bit === 8) {
        this.bit = 0;
        this.byte++;
      }
    }
    return value;
  }

  /** Reads a two's complement `count`-bit value (`count` <= 53; 0 bits read as 0). */
  readSigned(count: number, what: string): number {
    if (count === 0) return 0;
    const value = this.readUnsigned(count, what);
    return value >= 2 ** (count - 1) ? value - 2 ** count : value;
  }

  /** Counts zero bits up to and including the next one bit (FLAC's unary code); returns the number of zeros. */
  readUnary(what: string): number {
    let zeros = 0;
    for (;;) {
      if (this.byte >= this.bytes.length) this.truncated(what);
      // Bits of the current byte not yet consumed, left-aligned in the low 8 bits.
      const rest = (this.bytes[this.byte] << this.bit) & 0xff;
      if (rest === 0) {
        zeros += 8 - this.bit;
        this.bit = 0;
        this.byte++;
        continue;
      }
      const leading = Math.clz32(rest) - 24;
      zeros += leading;
      this.bit += leading + 1;
      if (this.bit === 8) {
        this.bit = 0;
        this.byte++;
      }
      return zeros;
    }
  }

  /** Skips to the next byte boundary (FLAC frames are zero-padded to whole bytes before their CRC-16). */
  alignToByte(): void {
    if (this.bit !== 0) {
      this.bit = 0;
      this.byte++;
    }
  }

  /** Throws EcgFormatError for reading `what` past the end of the stream. */
  private truncated(what: string): never {
    throw new EcgFormatError(`FLAC stream ends inside ${what}`, {
      file: this.fileName,
      byteOffset: this.bytes.length,
      field: what,
      expected: 'more data',
      found: 'end of file',
    });
  }
}
