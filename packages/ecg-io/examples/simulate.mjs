// Simulates one labelled 10-s 12-lead ECG and prints its labels.
// Build the package first (pnpm --filter @enecg/ecg-io build), then: node examples/simulate.mjs [seed]
import { simulateEcg } from '../dist/index.js';

const seed = Number(process.argv[2] ?? 5);
const { record, labels } = simulateEcg({
  seed,
  heartRateBpm: 72,
  pvcProbability: 0.2,
  stDeviation: { leads: ['II', 'III', 'aVF'], mv: 0.2 },
  noise: { baselineWanderSnrDb: 25, emgSnrDb: 30, powerlineSnrDb: 35 },
});

const leadNames = record.signals.map((s) => s.name).join(' ');
console.log(`${record.name}: ${leadNames}; ${record.length} samples at ${record.samplingFrequency} Hz`);
console.log(
  `rhythm ${labels.rhythm}, ${labels.heartRateBpm.toFixed(1)} bpm, median RR ${labels.medianRrMs} ms`,
);
console.log(`statements ${labels.scpCodes.join(' ')}; superclasses ${labels.superclasses.join(' ')}`);
const ms = (value) => (value === null ? '-' : `${value.toFixed(0)} ms`);
const { prIntervalMs, qrsDurationMs, qtIntervalMs, qtcMs } = labels;
console.log(`PR ${ms(prIntervalMs)}, QRS ${ms(qrsDurationMs)}, QT ${ms(qtIntervalMs)}, QTc ${ms(qtcMs)}`);
console.log('beats:', labels.beats.map((b) => `${b.symbol}@${b.sample}`).join(' '));
const st = Object.entries(labels.stDeviationMv).map(([lead, mv]) => `${lead} ${mv.toFixed(2)}`);
console.log(`ST deviation at J+60 ms (mV): ${st.join(', ')}`);
const ii = record.physical[1];
console.log(`lead II at the first R peak: ${ii[labels.beats[0].sample].toFixed(3)} mV`);
