import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Backbone,
  CONFORMANCE_CHECKS,
  type ConformanceOptions,
  type ConformanceReport,
  runConformance,
} from '../src/index.js';

/**
 * The thin vitest wrapper around `runConformance` (copy it into your own tests, see
 * CONTRIBUTING-BACKBONES.md): runs the suite once and reports each check as its own test.
 */
export function describeConformance(
  name: string,
  create: () => Backbone,
  options?: ConformanceOptions,
): void {
  describe(`conformance: ${name}`, () => {
    let report: ConformanceReport;
    beforeAll(async () => {
      report = await runConformance(create, options);
    }, 120_000);
    for (const check of CONFORMANCE_CHECKS) {
      it(check.name, (context) => {
        const result = report.results.find((r) => r.name === check.name)!;
        if (result.status === 'skipped') context.skip(result.message);
        expect(result.status, result.message).toBe('passed');
      });
    }
  });
}
