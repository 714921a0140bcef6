import { describe, expect, it } from 'vitest';
import {
  ANNOTATION_CODES,
  annotationCodeInfo,
  isBeat,
  standardCode,
  standardSymbol,
} from '../../src/annotations/index.js';

describe('annotation code table', () => {
  it('holds the 39 codes of WFDB ecgcodes.h with their mnemonics', () => {
    expect(ANNOTATION_CODES).toHaveLength(39);
    expect(ANNOTATION_CODES.map((c) => c.symbol).join('')).toBe('NLRaVFJASEj/Q~|sT*D"=pB^t+u?![]en@xf()r');
    expect(annotationCodeInfo(5)).toEqual({
      code: 5,
      symbol: 'V',
      name: 'PVC',
      description: 'Premature ventricular contraction',
      isBeat: true,
    });
  });

  it('classifies beats as WFDB isqrs does', () => {
    const beats = Array.from({ length: 60 }, (_, code) => code).filter(isBeat);
    expect(beats).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 25, 30, 31, 34, 35, 38, 41]);
  });

  it('maps codes without a mnemonic as WFDB prints them, and symbols back to codes', () => {
    expect([0, 15, 17, 42, 58].map(standardSymbol)).toEqual([' ', '[15]', '[17]', '[42]', '[58]']);
    expect(standardCode('+')).toBe(28);
    expect(standardCode('[15]')).toBeUndefined();
  });
});
