import { EcgRangeError } from '../errors.js';

/**
 * Most samples of one signal read at once (2^28: 1 GiB of Int32 plus 2 GiB of Float64 physical values).
 * Longer reads are refused before anything is allocated; read such records in ranges (`from`/`to`).
 */
export const MAX_SAMPLES_PER_SIGNAL = 2 ** 28;

/** Throws EcgRangeError when a read would hold more than MAX_SAMPLES_PER_SIGNAL samples of a signal. */
export function checkReadSize(samples: number, file: string): void {
  if (samples > MAX_SAMPLES_PER_SIGNAL) {
    throw new EcgRangeError(
      `reading ${samples} samples per signal at once is refused (limit ${MAX_SAMPLES_PER_SIGNAL}); ` +
        'read a shorter range with the from/to options',
      { file },
    );
  }
}
