/** The TensorFlow.js backends the app can run on, fastest first. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

export type BackendName = (typeof BACKENDS)[number];

/** What happened when one backend was tried. */
export type BackendAttempt =
  | { backend: BackendName; outcome: 'chosen' }
  | { backend: BackendName; outcome: 'skipped'; reason: string };

/** Result of trying backends in order of preference. */
export interface BackendChoice {
  /** The backend tfjs runs on now (the previous one when none of the tried ones worked), or null. */
  active: BackendName | null;
  /** The backends tried, in order; those after the chosen one were not tried. */
  attempts: BackendAttempt[];
}

/** Why each backend was last skipped, updated with new attempts (a backend that now works loses its reason). */
export function updateSkipReasons(
  previous: Readonly<Partial<Record<BackendName, string>>>,
  attempts: readonly BackendAttempt[],
): Partial<Record<BackendName, string>> {
  const reasons = { ...previous };
  for (const attempt of attempts) {
    if (attempt.outcome === 'skipped') reasons[attempt.backend] = attempt.reason;
    else delete reasons[attempt.backend];
  }
  return reasons;
}
