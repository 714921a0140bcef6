// The output head of one expert for one task: an FFN (hidden layers with ReLU, then a linear output layer) on the
// expert's embedding. In 'lora' mode the hidden layers keep their seeded random initialisation frozen and learn
// LoRA updates (@enecg/lora), and the output layer trains in full (PEFT `modules_to_save`), as the reference
// EnECG code (whose output layer, by a bug, never trained). In 'full' mode every weight trains.
//
// The training loop does not call the Layers model: it runs the same computation directly on the head's
// variables (see `forward`), which is faster and lets every dropout mask be seeded. A test checks that both
// agree.
import {
  ADAPTER_CONFIG_FILE,
  ADAPTER_WEIGHTS_FILE,
  applyLora,
  type LoraLayer,
  type LoraModel,
  loadLora,
  loraScaling,
  saveAdapter,
  trainableParameters,
} from '@enecg/lora';
import * as tf from '@tensorflow/tfjs';
import { contentHash } from '../cache/feature-cache.js';
import { EnEcgFileError } from './errors.js';
import { constantInputMatMul, frozenKernelMatMul } from './fast-matmul.js';
import { deriveSeed } from './seeds.js';
import { type F32Tensor, readWeightsFile, writeWeightsFile } from './weights-file.js';

/** Everything that defines a head's architecture and initial weights. */
export interface HeadSpec {
  inputSize: number;
  outputSize: number;
  hidden: number[];
  mode: 'lora' | 'full';
  lora: { r: number; alpha: number; dropout: number };
  /** Seed of the initial weights (already specific to this expert and task). */
  seed: number;
  /** Recorded as the adapter's `base_model_name_or_path`, e.g. `enecg-head/dlinear/rr`. */
  name: string;
}

/** One dense layer as the training loop sees it. */
interface DenseParameters {
  kernel: tf.Variable;
  /** The frozen kernel's transpose, for the gradient of hidden LoRA layers (null otherwise). */
  kernelT: tf.Tensor2D | null;
  bias: tf.Variable;
  /** The LoRA update (hidden layers in 'lora' mode). */
  lora: { a: tf.Variable; b: tf.Variable; scaling: number; dropout: number } | null;
  relu: boolean;
}

/** File of a 'full' head's weights (PyTorch layout: `fc1.weight` [out, in], `fc1.bias`, ..., `output.*`). */
export const FULL_HEAD_FILE = 'head.safetensors';

/** Options of {@link ExpertHead.forward}. */
export interface HeadForwardOptions {
  /** Apply LoRA dropout. Default false. */
  training?: boolean;
  /** Seeds of the dropout masks, one per call (required when training with dropout). */
  nextSeed?: () => number;
  /** `firstLayerBase(x)` computed earlier for these rows (the frozen part of the first layer). */
  firstLayerBase?: tf.Tensor2D;
  /** xᵀ [inputSize, B], for faster gradients in training (see fast-matmul.ts). */
  inputTransposed?: tf.Tensor2D;
}

/** An FFN head with LoRA-adapted (or fully trained) layers. */
export class ExpertHead {
  private readonly layers: DenseParameters[];

  private constructor(
    readonly spec: HeadSpec,
    private readonly base: tf.Sequential,
    private readonly lora: LoraModel | null,
  ) {
    this.layers = lora ? loraParameters(spec, lora) : fullParameters(spec, base);
  }

  /** A new head: seeded initial weights; in 'lora' mode A is seeded too and B starts at zero (PEFT's init). */
  static create(spec: HeadSpec): ExpertHead {
    const base = buildBase(spec);
    if (spec.mode === 'full') return new ExpertHead(spec, base, null);
    const lora = applyLora(base, {
      targetModules: hiddenNames(spec),
      r: spec.lora.r,
      loraAlpha: spec.lora.alpha,
      loraDropout: spec.lora.dropout,
      modulesToSave: ['output'],
      rankPattern: cappedRanks(spec),
      baseModelNameOrPath: spec.name,
    });
    // @enecg/lora initialises A without a seed; draw it again, seeded, from the same distribution
    // (Kaiming-uniform with a = sqrt(5): U(±1/sqrt(fan_in))), so that equal seeds give equal models.
    for (const { path, layer } of lora.loraLayers()) {
      const { loraA } = layer.adapterWeights('default');
      const fanIn = loraA.shape[0] as number;
      const bound = 1 / Math.sqrt(fanIn);
      tf.tidy(() => {
        loraA.write(
          tf.randomUniform(
            loraA.shape as number[],
            -bound,
            bound,
            'float32',
            deriveSeed(spec.seed, path, 'A'),
          ),
        );
      });
    }
    return new ExpertHead(spec, base, lora);
  }

  /**
   * A head from saved files: the adapter folder's `adapter_config.json` and `adapter_model.safetensors` ('lora';
   * the frozen base weights are re-created from the seed) or `head.safetensors` ('full').
   *
   * @throws EnEcgFileError naming the file when it does not fit the head.
   */
  static fromFiles(spec: HeadSpec, files: ReadonlyMap<string, Uint8Array>, folder: string): ExpertHead {
    const base = buildBase(spec);
    try {
      if (spec.mode === 'full') {
        const file = `${folder}/${FULL_HEAD_FILE}`;
        const bytes = requireFile(files, FULL_HEAD_FILE, file);
        const head = new ExpertHead(spec, base, null);
        head.assignFull(readWeightsFile(bytes, file).tensors, file);
        return head;
      }
      const config = new TextDecoder().decode(
        requireFile(files, ADAPTER_CONFIG_FILE, `${folder}/${ADAPTER_CONFIG_FILE}`),
      );
      const safetensors = requireFile(files, ADAPTER_WEIGHTS_FILE, `${folder}/${ADAPTER_WEIGHTS_FILE}`);
      let lora: LoraModel;
      try {
        ({ lora } = loadLora(base, { config, safetensors }, { isTrainable: true }));
      } catch (error) {
        if (error instanceof EnEcgFileError) throw error;
        throw new EnEcgFileError(`${folder}/${ADAPTER_WEIGHTS_FILE}`, (error as Error).message);
      }
      return new ExpertHead(spec, base, lora);
    } catch (error) {
      base.dispose();
      throw error;
    }
  }

  /**
   * The head as a TensorFlow.js Layers model: the @enecg/lora `LoraModel`'s model ('lora') or the plain FFN
   * ('full'). It shares its weights with this head; `forward` computes the same function.
   */
  get layersModel(): tf.LayersModel {
    return this.lora ? this.lora.model : this.base;
  }

  /** The head's output [B, outputSize] for embeddings x [B, inputSize]. */
  forward(x: tf.Tensor2D, options: HeadForwardOptions = {}): tf.Tensor2D {
    const training = options.training === true;
    return tf.tidy(() => {
      let h: tf.Tensor2D = x;
      this.layers.forEach((layer, i) => {
        // The embedding is data, so with its transpose at hand the first layer's weight gradients are plain products.
        const xT = i === 0 && training ? options.inputTransposed : undefined;
        let y: tf.Tensor2D;
        if (i === 0 && options.firstLayerBase) y = options.firstLayerBase;
        else if (xT && !layer.lora)
          y = tf.add(constantInputMatMul(h, xT, layer.kernel as tf.Tensor2D), layer.bias);
        else if (training && layer.kernelT)
          y = tf.add(frozenKernelMatMul(h, layer.kernel as tf.Tensor2D, layer.kernelT), layer.bias);
        else y = tf.add(tf.matMul(h, layer.kernel as tf.Tensor2D), layer.bias);
        if (layer.lora) y = tf.add(y, this.loraUpdate(layer.lora, h, xT, training, options.nextSeed));
        h = (layer.relu ? tf.relu(y) : y) as tf.Tensor2D;
      });
      return h;
    });
  }

  /** scaling · dropout(x)·A·B, with PEFT's dropout on the LoRA path's input (training only). */
  private loraUpdate(
    lora: NonNullable<DenseParameters['lora']>,
    x: tf.Tensor2D,
    xT: tf.Tensor2D | undefined,
    training: boolean,
    nextSeed: (() => number) | undefined,
  ): tf.Tensor2D {
    const { a, b, scaling, dropout } = lora;
    const dropping = training && dropout > 0;
    if (dropping && !nextSeed) throw new Error('training with LoRA dropout needs nextSeed');
    let low: tf.Tensor2D;
    if (xT) {
      let input = x;
      let inputT = xT;
      if (dropping) {
        // The mask is drawn in the transposed layout, so that only one transpose is needed.
        const keep = 1 - dropout;
        const uniform = tf.randomUniform(xT.shape, 0, 1, 'float32', nextSeed!());
        inputT = tf.mul(xT, tf.div(tf.floor(tf.add(uniform, keep)), keep));
        input = tf.transpose(inputT);
      }
      low = constantInputMatMul(input, inputT, a as tf.Tensor2D);
    } else {
      const input = dropping ? (tf.dropout(x, dropout, undefined, nextSeed!()) as tf.Tensor2D) : x;
      low = tf.matMul(input, a as tf.Tensor2D);
    }
    return tf.mul(tf.matMul(low, b as tf.Tensor2D), scaling);
  }

  /**
   * x·W + b of the first layer, for a head whose first kernel is frozen ('lora' mode; null otherwise). It does
   * not change during training, so the training loop computes it once per record instead of every step.
   */
  firstLayerBase(x: tf.Tensor2D): tf.Tensor2D | null {
    const first = this.layers[0];
    if (!first.lora) return null;
    return tf.tidy(() => tf.add(tf.matMul(x, first.kernel as tf.Tensor2D), first.bias) as tf.Tensor2D);
  }

  /** The variables that train: LoRA A/B and the output layer ('lora'), or every weight ('full'). */
  trainableVariables(): tf.Variable[] {
    return this.layers.flatMap((layer) => {
      if (layer.lora) return [layer.lora.a, layer.lora.b];
      return [layer.kernel, layer.bias];
    });
  }

  /** Parameters of the head: all (frozen base weights and PEFT's frozen original output layer included) and trainable. */
  parameterCounts(): { total: number; trainable: number } {
    const { total } = trainableParameters(this.lora ?? this.base);
    const trainable = this.trainableVariables().reduce((n, v) => n + v.size, 0);
    return { total, trainable };
  }

  /** SHA-256 of the frozen base weights of the LoRA-adapted layers (null in 'full' mode). */
  async frozenWeightsHash(): Promise<string | null> {
    const frozen = this.layers.filter((layer) => layer.lora);
    if (frozen.length === 0) return null;
    const data = await Promise.all(frozen.flatMap((l) => [l.kernel.data(), l.bias.data()]));
    return contentHash(data as Float32Array[]);
  }

  /** The head's files: the PEFT adapter ('lora') or `head.safetensors` ('full'). */
  save(): Map<string, Uint8Array> {
    if (this.lora) {
      const { config, safetensors } = saveAdapter(this.lora);
      return new Map([
        [ADAPTER_CONFIG_FILE, new TextEncoder().encode(`${JSON.stringify(config, null, 2)}\n`)],
        [ADAPTER_WEIGHTS_FILE, safetensors],
      ]);
    }
    const tensors = new Map<string, F32Tensor>();
    layerNames(this.spec).forEach((name, i) => {
      const { kernel, bias } = this.layers[i];
      const [rows, columns] = kernel.shape;
      tensors.set(`${name}.weight`, {
        shape: [columns, rows],
        data: tf.tidy(() => tf.transpose(kernel).dataSync() as Float32Array),
      });
      tensors.set(`${name}.bias`, { shape: [...bias.shape], data: bias.dataSync() as Float32Array });
    });
    return new Map([[FULL_HEAD_FILE, writeWeightsFile(tensors, { format: 'enecg-head', layout: 'torch' })]]);
  }

  dispose(): void {
    tf.dispose(this.layers.flatMap((layer) => (layer.kernelT ? [layer.kernelT] : [])));
    this.lora?.dispose();
    this.base.dispose();
  }

  private assignFull(tensors: Map<string, F32Tensor>, file: string): void {
    const names = layerNames(this.spec);
    const expected = names.flatMap((name) => [`${name}.weight`, `${name}.bias`]);
    const missing = expected.filter((key) => !tensors.has(key));
    const unexpected = [...tensors.keys()].filter((key) => !expected.includes(key));
    if (missing.length || unexpected.length) {
      throw new EnEcgFileError(
        file,
        `missing tensors [${missing.join(', ')}], unexpected [${unexpected.join(', ')}]`,
      );
    }
    names.forEach((name, i) => {
      const { kernel, bias } = this.layers[i];
      const weight = tensors.get(`${name}.weight`)!;
      const biasValue = tensors.get(`${name}.bias`)!;
      const want = [kernel.shape[1], kernel.shape[0]];
      if (weight.shape.join() !== want.join() || biasValue.shape.join() !== bias.shape.join()) {
        throw new EnEcgFileError(
          file,
          `${name}: expected weight [${want}] and bias [${bias.shape}], got [${weight.shape}] and [${biasValue.shape}]`,
        );
      }
    });
    tf.tidy(() => {
      names.forEach((name, i) => {
        const { kernel, bias } = this.layers[i];
        const weight = tensors.get(`${name}.weight`)!;
        kernel.assign(tf.transpose(tf.tensor2d(weight.data, weight.shape as [number, number])));
        bias.assign(tf.tensor1d(tensors.get(`${name}.bias`)!.data));
      });
    });
  }
}

function hiddenNames(spec: HeadSpec): string[] {
  return spec.hidden.map((_, i) => `fc${i + 1}`);
}

function layerNames(spec: HeadSpec): string[] {
  return [...hiddenNames(spec), 'output'];
}

/** LoRA ranks above min(in, out) of a layer (e.g. a 4-d embedding with r 8) are capped through rank_pattern. */
function cappedRanks(spec: HeadSpec): Record<string, number> {
  const sizes = [spec.inputSize, ...spec.hidden];
  const pattern: Record<string, number> = {};
  hiddenNames(spec).forEach((name, i) => {
    const largest = Math.min(sizes[i], sizes[i + 1]);
    if (spec.lora.r > largest) pattern[name] = largest;
  });
  return pattern;
}

/** The base FFN with PyTorch's nn.Linear initialisation (U(±1/sqrt(fan_in)) for kernel and bias), seeded. */
function buildBase(spec: HeadSpec): tf.Sequential {
  const sizes = [spec.inputSize, ...spec.hidden, spec.outputSize];
  const names = layerNames(spec);
  const uniform = (fanIn: number, seed: number) =>
    tf.initializers.randomUniform({ minval: -1 / Math.sqrt(fanIn), maxval: 1 / Math.sqrt(fanIn), seed });
  return tf.sequential({
    layers: names.map((name, i) =>
      tf.layers.dense({
        name,
        units: sizes[i + 1],
        activation: i < spec.hidden.length ? 'relu' : 'linear',
        ...(i === 0 ? { inputShape: [sizes[0]] } : {}),
        kernelInitializer: uniform(sizes[i], deriveSeed(spec.seed, name, 'kernel')),
        biasInitializer: uniform(sizes[i], deriveSeed(spec.seed, name, 'bias')),
      }),
    ),
  });
}

function denseWeights(layer: tf.layers.Layer): { kernel: tf.Variable; bias: tf.Variable } {
  const [kernel, bias] = layer.weights;
  return { kernel: kernel.read() as tf.Variable, bias: bias.read() as tf.Variable };
}

function fullParameters(spec: HeadSpec, base: tf.Sequential): DenseParameters[] {
  return layerNames(spec).map((name, i) => ({
    ...denseWeights(base.getLayer(name)),
    kernelT: null,
    lora: null,
    relu: i < spec.hidden.length,
  }));
}

function loraParameters(spec: HeadSpec, lora: LoraModel): DenseParameters[] {
  const loraLayers = new Map<string, LoraLayer>(lora.loraLayers().map(({ path, layer }) => [path, layer]));
  const hidden = hiddenNames(spec).map((name, i) => {
    const layer = loraLayers.get(name);
    if (!layer) throw new Error(`head ${spec.name}: layer ${name} has no LoRA adapter`);
    const { loraA, loraB } = layer.adapterWeights('default');
    const settings = layer.adapterSettings('default');
    const kernel = layer.baseKernel.read() as tf.Variable;
    return {
      kernel,
      // The first layer's frozen product is precomputed in training; the others need Wᵀ for their gradient.
      kernelT: i === 0 ? null : (tf.transpose(kernel) as tf.Tensor2D),
      bias: layer.baseBias!.read() as tf.Variable,
      lora: {
        a: loraA.read() as tf.Variable,
        b: loraB.read() as tf.Variable,
        scaling: loraScaling(settings),
        dropout: settings.loraDropout,
      },
      relu: true,
    };
  });
  const output = lora.modulesToSaveLayers().find(({ path }) => path === 'output');
  if (!output) throw new Error(`head ${spec.name}: the output layer is not a module to save`);
  const copy = output.layer.adapterLayer('default');
  return [...hidden, { ...denseWeights(copy), kernelT: null, lora: null, relu: false }];
}

function requireFile(files: ReadonlyMap<string, Uint8Array>, name: string, path: string): Uint8Array {
  const bytes = files.get(name);
  if (!bytes) throw new EnEcgFileError(path, 'missing');
  return bytes;
}
