import type { Vec3 } from './vec3.js';

/**
 * One Gaussian wave of the heart dipole (the model of Sameni et al. 2007 with one event per wave): the dipole
 * adds `vector * exp(-(t - centerS)^2 / (2 widthS^2))`, time `t` measured from the beat's fiducial point
 * (the R peak for ventricular beats, the P-wave centre for atrial ones). Vector in mV, Frank axes.
 */
export interface DipoleWave {
  centerS: number;
  widthS: number;
  vector: Vec3;
}

/** The waves of one beat of one pacemaker (atria or ventricles). */
export type BeatTemplate = readonly DipoleWave[];

/**
 * Gaussian widths either side of a wave's centre taken as its visible extent (onset to offset) for the
 * interval labels (PR, QRS, QT): there the wave has fallen to 4.4 % of its peak.
 */
export const VISIBLE_WIDTHS = 2.5;

/**
 * Gaussian widths either side of a wave's centre after which it is treated as zero: 3.4e-4 of its peak, below
 * a microvolt for every wave of this model. The integrator keeps each beat's phase window this wide.
 */
export const SUPPORT_WIDTHS = 4;

/** Earliest time (s from the fiducial point) `widths` widths before the centre of any wave of the templates. */
export function waveStart(templates: readonly BeatTemplate[], widths: number): number {
  return Math.min(...templates.flatMap((t) => t.map((w) => w.centerS - widths * w.widthS)));
}

/** Latest time (s from the fiducial point) `widths` widths after the centre of any wave of the templates. */
export function waveEnd(templates: readonly BeatTemplate[], widths: number): number {
  return Math.max(...templates.flatMap((t) => t.map((w) => w.centerS + widths * w.widthS)));
}

/** The dipole of a template at time `t` (s, from the fiducial point): the closed form of the model. */
export function templateDipole(template: BeatTemplate, t: number): Vec3 {
  let x = 0;
  let y = 0;
  let z = 0;
  for (const wave of template) {
    const g = Math.exp(-0.5 * ((t - wave.centerS) / wave.widthS) ** 2);
    x += g * wave.vector[0];
    y += g * wave.vector[1];
    z += g * wave.vector[2];
  }
  return [x, y, z];
}

/** A template with every wave's vector multiplied by `factor`. */
export function scaleTemplate(template: BeatTemplate, factor: number): BeatTemplate {
  return template.map((w) => ({
    ...w,
    vector: [w.vector[0] * factor, w.vector[1] * factor, w.vector[2] * factor],
  }));
}
