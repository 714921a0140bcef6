import {
  baselineWander,
  type ElectrodeNoise,
  electrodeMotion,
  emgNoise,
  type NoiseOptions,
  powerlineNoise,
} from './noise.js';
import type { SeededRandom } from './random.js';
import { electrodesToLeads, type IndependentLeads, twelveLeadPower } from './twelve-leads.js';

/** Adds the requested noise to the leads, each kind scaled to its SNR; returns warnings for kinds left out. */
export function addNoise(
  leads: IndependentLeads,
  noise: NoiseOptions,
  breathingHz: number,
  fs: number,
  random: SeededRandom,
): string[] {
  const length = leads[0].length;
  const signalPower = twelveLeadPower(leads);
  const warnings: string[] = [];
  const add = (snrDb: number | undefined, make: () => ElectrodeNoise) => {
    if (snrDb === undefined) return;
    const noiseLeads = electrodesToLeads(make());
    const factor = Math.sqrt(signalPower / (twelveLeadPower(noiseLeads) * 10 ** (snrDb / 10)));
    leads.forEach((lead, k) => {
      for (let n = 0; n < length; n++) lead[n] += factor * noiseLeads[k][n];
    });
  };
  add(noise.baselineWanderSnrDb, () =>
    baselineWander(length, fs, breathingHz, random.fork('baseline-wander')),
  );
  add(noise.emgSnrDb, () => emgNoise(length, fs, random.fork('emg')));
  const lineHz = noise.powerlineHz ?? 50;
  if (noise.powerlineSnrDb !== undefined && lineHz >= fs / 2) {
    warnings.push(
      `no ${lineHz} Hz power-line noise: it is not below the Nyquist frequency of ${fs} Hz sampling`,
    );
  } else {
    add(noise.powerlineSnrDb, () => powerlineNoise(length, fs, lineHz, random.fork('powerline')));
  }
  add(noise.electrodeMotionSnrDb, () => electrodeMotion(length, fs, random.fork('electrode-motion')));
  return warnings;
}
