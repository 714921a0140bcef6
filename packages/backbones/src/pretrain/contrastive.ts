import { SeededRandom } from '@enecg/ecg-io';
import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../core/backbone.js';
import { type AugmentationOptions, augmentView, DEFAULT_AUGMENTATION, maxStretch } from './augment.js';
import { GroupedBatchSampler } from './batches.js';
import { ntXentLoss } from './nt-xent.js';
import { ProjectionHead, SpeedHead } from './projection-head.js';
import type { PreparedSegment } from './windows.js';

/** Options of {@link pretrainContrastive}. */
export interface ContrastiveOptions {
  /** Optimisation steps. */
  steps: number;
  /** Windows per step (default 16); the backbone sees two views of each. */
  batchSize?: number;
  /** Peak Adam learning rate (default 1e-3), reached after `warmupSteps`, then cosine decay to a tenth. */
  learningRate?: number;
  /** Default: a tenth of the steps, at most 50. */
  warmupSteps?: number;
  /** NT-Xent temperature (default 0.1). */
  temperature?: number;
  /** Projection head sizes (default hidden = min(embedding, 128), output 32). */
  projectionHidden?: number;
  projectionDim?: number;
  /** Gradients are scaled down to this global norm (default 5). */
  clipNorm?: number;
  /**
   * Weight of the speed pretext task (default 0: off). When > 0, each window also gets a third view played
   * `r` times faster (`r` log-uniform in `speedRange`, no other change of time), and a linear head on the
   * difference of its embedding and the first view's predicts `log r`; its mean squared error, divided by the
   * variance of `log r`, is added to NT-Xent with this weight. It makes time scale (heart rate) a linear
   * direction of the embedding, while the contrastive views stay unstretched.
   */
  speedWeight?: number;
  /** Range of the speed factor `r` (default [0.8, 1.25], limited by the segments' margins). */
  speedRange?: readonly [number, number];
  /**
   * `one-per-group` (default): a batch holds at most one window per recording group, so windows of one
   * recording are never each other's negatives; `uniform`: any windows.
   */
  sampling?: 'one-per-group' | 'uniform';
  /** Seed of the batch order, the augmentations and the projection head (default 0). */
  seed?: number;
  augmentation?: AugmentationOptions;
  /** Segments kept out of training: their loss (fixed views, inference mode) is measured before and after. */
  validation?: readonly PreparedSegment[];
  /** Also measure the validation loss every this many steps (default: only before and after). */
  validateEvery?: number;
  /** Called after every step. */
  onProgress?: (progress: ContrastiveProgress) => void;
}

/** Progress of {@link pretrainContrastive} after a step. */
export interface ContrastiveProgress {
  step: number;
  steps: number;
  loss: number;
  learningRate: number;
  elapsedS: number;
  /** Estimated seconds left, from the mean step time so far. */
  etaS: number;
  /** Passes over the training segments started. */
  passes: number;
  validationLoss?: number;
}

/** What {@link pretrainContrastive} did. */
export interface ContrastiveResult {
  steps: number;
  batchSize: number;
  /** Training loss of every step (NT-Xent plus the weighted speed loss). */
  losses: number[];
  /** The two terms of every step's loss: NT-Xent and the normalised speed error (0 when off). */
  components: { contrastive: number[]; speed: number[] };
  /** Mean training loss over the last tenth of the steps. */
  finalLoss: number;
  /** Validation loss at the given steps (step 0: before training), with its two terms. */
  validation: { step: number; loss: number; contrastive: number; speed: number }[];
  /** Passes over the training segments started. */
  passes: number;
  seconds: number;
}

/**
 * Self-supervised contrastive pretraining (SimCLR, NT-Xent) of any backbone through its `embed`: each step
 * draws `batchSize` segments (one per recording group), makes two augmented views of each (`augmentView`: time
 * shift, amplitude, noise, baseline wander, lead dropout; never time stretching, so the heart rate is kept),
 * embeds them in training mode, projects them with a small MLP head, and minimises NT-Xent with Adam over the
 * backbone's and the head's parameters. The backbone is unfrozen while training and frozen again afterwards if
 * it was frozen; the head is discarded. No tensor outlives the call.
 */
export async function pretrainContrastive(
  backbone: Backbone,
  segments: readonly PreparedSegment[],
  options: ContrastiveOptions,
): Promise<ContrastiveResult> {
  const {
    steps,
    batchSize = 16,
    learningRate = 1e-3,
    warmupSteps = Math.min(50, Math.ceil(steps / 10)),
    temperature = 0.1,
    projectionHidden = Math.min(backbone.embeddingSize, 128),
    projectionDim = 32,
    clipNorm = 5,
    seed = 0,
    augmentation = DEFAULT_AUGMENTATION,
    validation = [],
    validateEvery = 0,
    sampling = 'one-per-group',
    speedWeight = 0,
    speedRange = [0.8, 1.25],
    onProgress,
  } = options;
  if (!Number.isInteger(steps) || steps < 1)
    throw new RangeError(`pretrainContrastive: steps must be >= 1, got ${steps}`);
  if (!Number.isInteger(batchSize) || batchSize < 2) {
    throw new RangeError(`pretrainContrastive: batchSize must be an integer >= 2, got ${batchSize}`);
  }
  checkSegments(backbone, segments);
  checkSegments(backbone, validation);

  const wasFrozen = backbone.frozen;
  backbone.unfreeze();
  const head = new ProjectionHead(backbone.embeddingSize, projectionHidden, projectionDim, seed + 1);
  const speed = speedWeight > 0 ? new SpeedHead(backbone.embeddingSize, seed + 4) : null;
  const optimizer: tf.Optimizer = tf.train.adam(learningRate);
  const sampler = new GroupedBatchSampler(
    segments.map((s, i) => (sampling === 'uniform' ? String(i) : s.group)),
    batchSize,
    seed,
  );
  const random = new SeededRandom(seed + 2);
  const variables = [...backbone.trainableVariables(), ...head.variables(), ...(speed?.variables() ?? [])];
  const task: Objective = { head, speed, speedWeight, speedRange, temperature, augmentation };
  const losses: number[] = [];
  const components: ContrastiveResult['components'] = { contrastive: [], speed: [] };
  const validationLosses: ContrastiveResult['validation'] = [];
  const started = Date.now();
  const validate = async (step: number) => {
    if (validation.length < 2) return undefined;
    const terms = await validationLoss(backbone, task, validation, batchSize, seed);
    validationLosses.push({ step, ...terms });
    return terms.loss;
  };
  try {
    await validate(0);
    for (let step = 1; step <= steps; step++) {
      const rate = scheduledRate(step, steps, warmupSteps, learningRate);
      (optimizer as unknown as { learningRate: number }).learningRate = rate;
      const batch = sampler.next().map((i) => segments[i]);
      const views = makeViews(batch, backbone.input.sampleRate, random, task);
      let terms: tf.Scalar[] = [];
      const { value, grads } = tf.variableGrads(() => {
        const [total, ...parts] = objective(backbone, task, views, true);
        terms = parts.map((part) => tf.keep(part));
        return total;
      }, variables);
      tf.dispose(views.logSpeed ? [views.x, views.logSpeed] : [views.x]);
      const clipped = clipByGlobalNorm(grads, clipNorm);
      optimizer.applyGradients(clipped);
      const loss = (await value.data())[0];
      const [contrastive, speedTerm] = await Promise.all(terms.map(async (t) => (await t.data())[0]));
      tf.dispose([value, ...terms, ...Object.values(grads), ...Object.values(clipped)]);
      losses.push(loss);
      components.contrastive.push(contrastive);
      components.speed.push(speedTerm);
      const validationLoss =
        (validateEvery > 0 && step % validateEvery === 0) || step === steps
          ? await validate(step)
          : undefined;
      const elapsedS = (Date.now() - started) / 1000;
      onProgress?.({
        step,
        steps,
        loss,
        learningRate: rate,
        elapsedS,
        etaS: (elapsedS / step) * (steps - step),
        passes: sampler.passes,
        validationLoss,
      });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    optimizer.dispose();
    head.dispose();
    speed?.dispose();
    if (wasFrozen) backbone.freeze();
  }
  const tail = losses.slice(-Math.max(1, Math.floor(steps / 10)));
  return {
    steps,
    batchSize,
    losses,
    components,
    finalLoss: tail.reduce((a, b) => a + b, 0) / tail.length,
    validation: validationLosses,
    passes: sampler.passes,
    seconds: (Date.now() - started) / 1000,
  };
}

/** Linear warm-up to `peak`, then cosine decay to `peak / 10` at the last step. */
export function scheduledRate(step: number, steps: number, warmupSteps: number, peak: number): number {
  if (step <= warmupSteps) return (peak * step) / Math.max(1, warmupSteps);
  const progress = (step - warmupSteps) / Math.max(1, steps - warmupSteps);
  return peak * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress)));
}

/** What the loss is made of (shared by training and validation). */
interface Objective {
  head: ProjectionHead;
  speed: SpeedHead | null;
  speedWeight: number;
  speedRange: readonly [number, number];
  temperature: number;
  augmentation: AugmentationOptions;
}

/** A batch of views: `x` is `[2N, ...]` (two views of each window) or `[3N, ...]` with the sped-up views. */
interface Views {
  x: tf.Tensor3D;
  /** `[N]` log speed factor of the third views, when the speed task is on. */
  logSpeed: tf.Tensor1D | null;
}

/** First view of every segment, then the second views in the same order, then (speed task) the sped-up views. */
function makeViews(
  batch: readonly PreparedSegment[],
  sampleRate: number,
  random: SeededRandom,
  task: Objective,
): Views {
  const { leads, margin } = batch[0];
  const length = batch[0].length - 2 * margin;
  const count = task.speed ? 3 : 2;
  const data = new Float32Array(count * batch.length * length * leads);
  for (let view = 0; view < 2; view++) {
    batch.forEach((segment, i) => {
      data.set(
        augmentView(segment, sampleRate, random, task.augmentation),
        (view * batch.length + i) * length * leads,
      );
    });
  }
  let logSpeed: tf.Tensor1D | null = null;
  if (task.speed) {
    const factors = batch.map((segment, i) => {
      const high = Math.max(1, maxStretch(segment, task.speedRange[1]));
      const factor = Math.exp(random.uniform(Math.log(task.speedRange[0]), Math.log(high)));
      data.set(
        augmentView(segment, sampleRate, random, task.augmentation, factor),
        (2 * batch.length + i) * length * leads,
      );
      return Math.log(factor);
    });
    logSpeed = tf.tensor1d(factors);
  }
  return { x: tf.tensor3d(data, [count * batch.length, length, leads]), logSpeed };
}

/** `[total, NT-Xent, normalised speed error]` of a batch of views. */
function objective(backbone: Backbone, task: Objective, views: Views, training: boolean): tf.Scalar[] {
  const embedding = backbone.embed(views.x, { training });
  const n = views.x.shape[0] / (task.speed ? 3 : 2);
  const contrastive = ntXentLoss(
    task.head.apply(tf.slice(embedding, 0, 2 * n) as tf.Tensor2D),
    task.temperature,
  );
  if (!task.speed || !views.logSpeed) return [contrastive, contrastive, tf.scalar(0)];
  const difference = tf.sub(tf.slice(embedding, 2 * n, n), tf.slice(embedding, 0, n)) as tf.Tensor2D;
  const [low, high] = task.speedRange;
  // Variance of a uniform log factor: the error of always predicting the mean.
  const variance = (Math.log(high) - Math.log(low)) ** 2 / 12;
  const speedError = tf.div(
    tf.mean(tf.square(tf.sub(task.speed.apply(difference), views.logSpeed))),
    variance,
  ) as tf.Scalar;
  return [tf.add(contrastive, tf.mul(speedError, task.speedWeight)) as tf.Scalar, contrastive, speedError];
}

/** Mean loss terms over fixed views of the validation segments, in inference mode, in batches of `batchSize`. */
async function validationLoss(
  backbone: Backbone,
  task: Objective,
  segments: readonly PreparedSegment[],
  batchSize: number,
  seed: number,
): Promise<{ loss: number; contrastive: number; speed: number }> {
  const random = new SeededRandom(seed + 3); // the same views every time
  const sums = [0, 0, 0];
  let batches = 0;
  for (let start = 0; start + 2 <= segments.length; start += batchSize) {
    const batch = segments.slice(start, start + batchSize);
    if (batch.length < 2) break;
    const views = makeViews(batch, backbone.input.sampleRate, random, task);
    const terms = tf.tidy(() => objective(backbone, task, views, false));
    const values = await Promise.all(terms.map(async (t) => (await t.data())[0]));
    values.forEach((v, k) => {
      sums[k] += v;
    });
    batches++;
    tf.dispose([views.x, ...(views.logSpeed ? [views.logSpeed] : []), ...terms]);
  }
  return { loss: sums[0] / batches, contrastive: sums[1] / batches, speed: sums[2] / batches };
}

function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  return tf.tidy(() => {
    const squares = Object.values(grads).map((g) => tf.sum(tf.square(g)));
    const norm = tf.sqrt(tf.addN(squares));
    const factor = tf.minimum(1, tf.div(maxNorm, tf.add(norm, 1e-6)));
    const out: tf.NamedTensorMap = {};
    for (const [name, g] of Object.entries(grads)) out[name] = tf.mul(g, factor);
    return out;
  });
}

function checkSegments(backbone: Backbone, segments: readonly PreparedSegment[]): void {
  segments.forEach((segment, i) => {
    const length = segment.length - 2 * segment.margin;
    if (length !== backbone.input.length || segment.leads !== backbone.input.leads.length) {
      throw new RangeError(
        `pretrainContrastive: segment ${i} (${segment.id}) gives [${length}, ${segment.leads}] inputs, ` +
          `${backbone.id} expects [${backbone.input.length}, ${backbone.input.leads.length}]`,
      );
    }
  });
}
