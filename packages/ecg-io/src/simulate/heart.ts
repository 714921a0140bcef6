import { leadVector } from './dower.js';
import { SeededRandom } from './random.js';
import { dot, norm, scaleVec, type Vec3 } from './vec3.js';

/**
 * What differs between simulated patients: the orientation and size of the heart's dipole, the timing of
 * conduction and repolarisation, and the shape of this patient's ectopic beats. Drawn once per patient seed,
 * so every record of a patient shows the same heart.
 */
export interface HeartMorphology {
  /** Rotation (rad) of every wave's dipole about Frank x, y, z: the anatomical position of the heart. */
  rotation: Vec3;
  /** Amplitude factors of the P waves, QRS complexes and T waves. */
  pScale: number;
  qrsScale: number;
  tScale: number;
  /** Factor on the timing of the QRS complex (1 = QRS of 95 ms). */
  qrsWidthScale: number;
  /** PR interval, ms (P onset to QRS onset). */
  prIntervalMs: number;
  /** Heart-rate-corrected QT (Bazett), ms: the QT interval at 60 bpm. */
  qtcMs: number;
  /** Heart rate at rest, bpm. */
  restingHeartRateBpm: number;
  /** Breathing rate, Hz: the respiratory sinus arrhythmia peak of heart rate variability. */
  breathingHz: number;
  /** Standard deviation of the heart rate (bpm) and LF/HF power ratio of its variability. */
  hrStdBpm: number;
  lfHfRatio: number;
  /** Main dipole of this patient's premature ventricular beats (mV); its direction is the ectopic focus. */
  pvcVector: Vec3;
  /** Rotation (rad about x, y, z) of the first and, reversed, the last wave of a PVC from the main one. */
  pvcLoopRotation: Vec3;
  /** Dipole of this patient's ectopic (premature atrial) P waves, mV. */
  ectopicPVector: Vec3;
  /** Dominant frequency of fibrillatory waves when in atrial fibrillation, Hz. */
  fWaveFrequencyHz: number;
}

/** A normal variate clipped to two standard deviations, so no patient is an extreme outlier. */
function clippedNormal(random: SeededRandom, std: number): number {
  return Math.max(-2 * std, Math.min(2 * std, random.normal(0, std)));
}

/** A random unit vector, uniform on the sphere. */
function randomDirection(random: SeededRandom): Vec3 {
  const z = random.uniform(-1, 1);
  const angle = random.uniform(0, 2 * Math.PI);
  const r = Math.sqrt(1 - z * z);
  return [r * Math.cos(angle), r * Math.sin(angle), z];
}

const DEGREE = Math.PI / 180;

/**
 * The heart of the patient with this seed. Ranges are those of healthy adults: PR 130-190 ms, QTc 390-440 ms,
 * QRS 85-105 ms, frontal QRS axis about 60 +- 30 degrees, amplitudes within about x0.67-1.5 of the reference.
 */
export function randomHeart(patientSeed: number): HeartMorphology {
  const random = new SeededRandom(patientSeed);
  const amplitude = () => Math.exp(clippedNormal(random, 0.2));
  const rotation: Vec3 = [
    clippedNormal(random, 8 * DEGREE),
    clippedNormal(random, 12 * DEGREE),
    clippedNormal(random, 15 * DEGREE),
  ];
  const pScale = amplitude();
  const qrsScale = amplitude();
  const tScale = amplitude();
  const qrsWidthScale = random.uniform(0.9, 1.1);
  const prIntervalMs = random.uniform(130, 190);
  const qtcMs = random.uniform(390, 440);
  const restingHeartRateBpm = random.uniform(58, 90);
  const breathingHz = random.uniform(0.2, 0.3);
  const hrStdBpm = random.uniform(1, 3);
  const lfHfRatio = random.uniform(0.5, 2);
  // Ectopic foci anywhere, but with a clear projection on lead II so the beat shows in the rhythm strip.
  const leadII = leadVector('II');
  let focus = randomDirection(random);
  while (Math.abs(dot(focus, leadII)) < 0.5 * norm(leadII)) focus = randomDirection(random);
  const pvcVector = scaleVec(focus, random.uniform(1.3, 1.9));
  const turn = () => random.uniform(20, 45) * DEGREE * (random.next() < 0.5 ? -1 : 1);
  const pvcLoopRotation: Vec3 = [turn(), turn(), turn()];
  const ectopicPVector = scaleVec(randomDirection(random), random.uniform(0.08, 0.15));
  const fWaveFrequencyHz = random.uniform(5, 7.5);
  return {
    rotation,
    pScale,
    qrsScale,
    tScale,
    qrsWidthScale,
    prIntervalMs,
    qtcMs,
    restingHeartRateBpm,
    breathingHz,
    hrStdBpm,
    lfHfRatio,
    pvcVector,
    pvcLoopRotation,
    ectopicPVector,
    fWaveFrequencyHz,
  };
}
