import { EcgFormatError } from '../errors.js';

/**
 * Reads the fixed-width ASCII fields of an EDF/BDF header, with errors naming the file, the field, its byte
 * offset and what was expected. Text is decoded as Latin-1 (one character per byte) since files do not keep
 * to the ASCII the format asks for.
 */
export class EdfFieldReader {
  constructor(
    private readonly bytes: Uint8Array,
    readonly fileName: string,
  ) {}

  /** The field `[offset, offset + width)` with trailing blanks removed. */
  text(offset: number, width: number): string {
    let text = '';
    for (let i = offset; i < offset + width; i++) text += String.fromCharCode(this.bytes[i]);
    return text.trimEnd();
  }

  /** An integer field; `field` names it in errors (e.g. `number of data records`). */
  integer(offset: number, width: number, field: string): number {
    const text = this.text(offset, width).trim();
    if (!/^[+-]?\d+$/.test(text)) this.fail(offset, field, 'an integer', text);
    return Number(text);
  }

  /** A decimal number field (`-1000.00`, `0.5`, `1E-3`). */
  decimal(offset: number, width: number, field: string): number {
    const text = this.text(offset, width).trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text))
      this.fail(offset, field, 'a decimal number', text);
    return Number(text);
  }

  /** Throws EcgFormatError for the field at `offset`. */
  fail(offset: number, field: string, expected: string, found: string): never {
    throw new EcgFormatError(`invalid EDF header field "${field}"`, {
      file: this.fileName,
      byteOffset: offset,
      field: `EDF header: ${field}`,
      expected,
      found,
    });
  }
}
