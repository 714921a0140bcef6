import type { BackboneDefinition } from '../core/definition.js';
import { type DLinearConfig, dlinear } from './dlinear.js';
import { type EcgFmConfig, ecgFm } from './ecg-fm/ecg-fm.js';
import { type MomentConfig, moment } from './moment/moment.js';
import { type TimesNetConfig, timesnet } from './timesnet/timesnet.js';
import { type XResNet1dConfig, xresnet1d } from './xresnet1d/xresnet1d.js';

/** Configuration types of the built-in backbones, by id. */
export interface BuiltinBackboneConfigs {
  dlinear: DLinearConfig;
  timesnet: TimesNetConfig;
  moment: MomentConfig;
  'ecg-fm': EcgFmConfig;
  xresnet1d: XResNet1dConfig;
}

/** The built-in definitions, registered when the registry loads. */
export const BUILTIN_BACKBONES: readonly BackboneDefinition<object>[] = [
  dlinear as BackboneDefinition<object>,
  timesnet as BackboneDefinition<object>,
  moment as BackboneDefinition<object>,
  ecgFm as BackboneDefinition<object>,
  xresnet1d as BackboneDefinition<object>,
];
