/** How samples of a WFDB storage format are laid out (see the WFDB signal(5) man page). */
export interface WfdbFormat {
  /** The format code written in headers. */
  code: number;
  /**
   * `null`: no signal file, every sample missing (format 0); `difference`: 8-bit first differences (format 8);
   * `amplitude`: fixed-size packed amplitudes; `flac`: FLAC-compressed (508, 516, 524).
   */
  kind: 'null' | 'difference' | 'amplitude' | 'flac';
  /** Bits per stored sample. */
  bits: number;
  /** Samples packed together into `bytesPerBlock` bytes (2 in 3 for format 212, 3 in 4 for 310/311). */
  samplesPerBlock: number;
  bytesPerBlock: number;
  /** Stored value that marks a missing sample (the most negative value), or `null` when there is none. */
  invalidValue: number | null;
  /** ADC resolution assumed when a header omits it (as the WFDB library does). */
  defaultAdcResolution: number;
}

/** ADC resolution the WFDB library assumes for formats that do not imply one (`WFDB_DEFRES`). */
const WFDB_DEFAULT_RESOLUTION = 12;

function format(
  code: number,
  kind: WfdbFormat['kind'],
  bits: number,
  samplesPerBlock: number,
  bytesPerBlock: number,
  defaultAdcResolution = WFDB_DEFAULT_RESOLUTION,
): WfdbFormat {
  const invalidValue = kind === 'amplitude' || kind === 'flac' ? -(2 ** (bits - 1)) : null;
  return { code, kind, bits, samplesPerBlock, bytesPerBlock, invalidValue, defaultAdcResolution };
}

const FORMATS: ReadonlyMap<number, WfdbFormat> = new Map(
  [
    format(0, 'null', 0, 1, 0),
    format(8, 'difference', 8, 1, 1),
    format(16, 'amplitude', 16, 1, 2),
    format(24, 'amplitude', 24, 1, 3),
    format(32, 'amplitude', 32, 1, 4),
    format(61, 'amplitude', 16, 1, 2),
    format(80, 'amplitude', 8, 1, 1, 8),
    format(160, 'amplitude', 16, 1, 2, 16),
    format(212, 'amplitude', 12, 2, 3, 12),
    format(310, 'amplitude', 10, 3, 4, 10),
    format(311, 'amplitude', 10, 3, 4, 10),
    format(508, 'flac', 8, 1, 0),
    format(516, 'flac', 16, 1, 0),
    format(524, 'flac', 24, 1, 0),
  ].map((f) => [f.code, f]),
);

/** Every WFDB format code this library reads. */
export const WFDB_FORMAT_CODES: readonly number[] = [...FORMATS.keys()];

/** The layout of a WFDB format, or `undefined` for a code this library does not know. */
export function wfdbFormat(code: number): WfdbFormat | undefined {
  return FORMATS.get(code);
}

/**
 * How many whole samples `byteCount` bytes of a packed format hold. A partial final block still holds some
 * samples: format 212 stores a lone last sample in 2 bytes; 310 needs 2 bytes for its first sample of a
 * block; 311 needs 2 bytes for the first and one more byte for each following sample (as WFDB reads them).
 */
export function samplesInBytes(format: WfdbFormat, byteCount: number): number {
  const blocks = Math.floor(byteCount / format.bytesPerBlock);
  const rest = byteCount - blocks * format.bytesPerBlock;
  let partial = 0;
  if (format.samplesPerBlock > 1 && rest >= 2) partial = format.code === 311 ? rest - 1 : 1;
  return blocks * format.samplesPerBlock + partial;
}
