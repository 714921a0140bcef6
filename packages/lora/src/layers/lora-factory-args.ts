import type { LoraAdapterSettings } from './adapter-settings.js';
import type { LayerArgs } from './layer-utils.js';
import type { LoraLayerArgs } from './lora-layer.js';

/** Arguments of the layer factories (`loraDense`, ...): the base layer's plus the adapter settings. */
export type LoraFactoryArgs<T extends LayerArgs> = T &
  Partial<LoraAdapterSettings> & {
    /** Name of the adapter the layer starts with. Default 'default'. */
    adapterName?: string;
    /** Train the base layer's bias too. Default false. */
    trainBias?: boolean;
  };

/** Splits a factory's arguments into those of the base layer and those of the LoRA layer around it. */
export function splitLoraArgs<T extends LayerArgs>(
  args: LoraFactoryArgs<T>,
): { baseArgs: T; layerArgs: Omit<LoraLayerArgs, 'baseLayer'> } {
  const {
    r,
    loraAlpha,
    loraDropout,
    useRslora,
    initLoraWeights,
    adapterName = 'default',
    trainBias,
    ...rest
  } = args;
  return {
    baseArgs: rest as unknown as T,
    layerArgs: {
      // No name: the LoRA layer takes the base layer's (given or generated) name.
      inputShape: rest.inputShape,
      batchInputShape: rest.batchInputShape,
      batchSize: rest.batchSize,
      trainable: rest.trainable,
      adapters: [{ name: adapterName, r, loraAlpha, loraDropout, useRslora, initLoraWeights }],
      trainBias,
      ownsBaseLayer: true,
    },
  };
}
