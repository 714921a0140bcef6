// @enecg/moe: mixture-of-experts gates, routers, auxiliary losses and expert combination for TensorFlow.js.

export { GATE_ACTIVATIONS, type GateActivation } from './activations.js';
export { combineDense, evaluateExperts } from './combine/dense.js';
export type { Expert, ExpertFunction } from './combine/experts.js';
export { GatedSumLayer } from './combine/gated-sum-layer.js';
export { dispatchSparse } from './combine/sparse.js';
export * from './errors.js';
export {
  type CapacityRouting,
  expertCapacity,
  type OverflowPolicy,
  routeWithCapacity,
} from './gates/capacity-routing.js';
export { ExpertChoiceRouter, type ExpertChoiceRouterConfig } from './gates/expert-choice-router.js';
export { type Gate, type GateApplyOptions, GateModule, type GateOutput } from './gates/gate.js';
export { NoisyTopKGate, type NoisyTopKGateConfig } from './gates/noisy-top-k-gate.js';
export { SoftmaxGate, type SoftmaxGateConfig } from './gates/softmax-gate.js';
export {
  SoftmaxGateLayer,
  type SoftmaxGateLayerArgs,
  type SoftmaxGateOptions,
} from './gates/softmax-gate-layer.js';
export { SwitchRouter, type SwitchRouterConfig } from './gates/switch-router.js';
export { cvSquared, loadBalancingLoss, normalCdf, probabilityInTopK, routerZLoss } from './losses.js';
export {
  type CombineMode,
  MixtureOfExperts,
  type MixtureOfExpertsConfig,
  type MoeApplyOptions,
  type MoeOutput,
} from './mixture-of-experts.js';
