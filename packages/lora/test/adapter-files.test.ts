import {
  float32ToBfloat16,
  float32ToFloat16,
  parseSafetensors,
  serializeSafetensors,
} from '@enecg/safetensors';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  AdapterFormatError,
  AdapterIOError,
  AdapterKeysError,
  AdapterNameError,
  AdapterShapeError,
  AdapterVersionError,
  applyLora,
  type LoraModel,
  loadAdapter,
  loadLora,
  readAdapterWithHandler,
  saveAdapter,
  saveAdapterWithHandler,
} from '../src/index.js';
import {
  float32SafetensorsFile,
  maxAbsDiff,
  nestedModel,
  predictValues,
  pseudoRandom,
  values,
} from './helpers.js';

const input = tf.tensor(pseudoRandom(3 * 4, 51), [3, 4]);

/** A trained-looking adapter: every trainable weight set to deterministic non-zero values. */
function trainedLora(config: Parameters<typeof applyLora>[1]): LoraModel {
  const lora = applyLora(nestedModel(), config);
  lora.model.trainableWeights.forEach((weight, index) => {
    const shape = weight.shape as number[];
    weight.write(
      tf.tensor(
        pseudoRandom(
          shape.reduce((a, b) => a * b, 1),
          100 + index,
        ),
        shape,
      ),
    );
  });
  return lora;
}

function tensorNames(files: { safetensors: Uint8Array }): string[] {
  return [...parseSafetensors(files.safetensors).tensors.keys()].sort();
}

describe('saveAdapter', () => {
  it('writes PEFT names, PyTorch layouts and a PEFT adapter_config.json', () => {
    const lora = trainedLora({
      targetModules: ['fc1', 'fc2'],
      modulesToSave: ['head'],
      r: 2,
      loraAlpha: 4,
      taskType: 'SEQ_CLS',
    });
    const files = saveAdapter(lora);
    const { tensors, metadata } = parseSafetensors(files.safetensors);
    expect(metadata).toEqual({ format: 'pt' });
    expect([...tensors].map(([name, tensor]) => `${name} ${tensor.dtype} [${tensor.shape}]`).sort()).toEqual([
      'base_model.model.encoder.fc1.lora_A.weight F32 [2,4]',
      'base_model.model.encoder.fc1.lora_B.weight F32 [6,2]',
      'base_model.model.encoder.fc2.lora_A.weight F32 [2,6]',
      'base_model.model.encoder.fc2.lora_B.weight F32 [5,2]',
      'base_model.model.head.bias F32 [3]',
      'base_model.model.head.weight F32 [3,5]',
    ]);
    // lora_A.weight is the transpose of the TensorFlow.js A ([in, r]).
    const fc1 = lora.loraLayers()[0].layer.adapterWeights('default');
    expect(
      Array.from(tensors.get('base_model.model.encoder.fc1.lora_A.weight')!.data as Float32Array),
    ).toEqual(values(tf.transpose(fc1.loraA.read())));
    expect(files.config).toMatchObject({
      peft_type: 'LORA',
      enecg_lora_format_version: 1,
      task_type: 'SEQ_CLS',
      r: 2,
      lora_alpha: 4,
      lora_dropout: 0,
      target_modules: ['fc1', 'fc2'],
      modules_to_save: ['head'],
      bias: 'none',
      use_rslora: false,
      init_lora_weights: true,
      fan_in_fan_out: false,
      inference_mode: true,
    });
  });

  it('saves biases as bias asks, under PEFT names', () => {
    expect(
      tensorNames(saveAdapter(trainedLora({ targetModules: ['fc1'], r: 1, bias: 'lora_only' }))),
    ).toEqual([
      'base_model.model.encoder.fc1.base_layer.bias',
      'base_model.model.encoder.fc1.lora_A.weight',
      'base_model.model.encoder.fc1.lora_B.weight',
    ]);
    expect(tensorNames(saveAdapter(trainedLora({ targetModules: ['fc1'], r: 1, bias: 'all' })))).toEqual([
      'base_model.model.encoder.fc1.base_layer.bias',
      'base_model.model.encoder.fc1.lora_A.weight',
      'base_model.model.encoder.fc1.lora_B.weight',
      'base_model.model.encoder.fc2.bias',
      'base_model.model.head.bias',
    ]);
  });

  it('round-trips bit for bit through save and load, and gives the same outputs', () => {
    const config = {
      targetModules: /encoder\.fc\d/,
      modulesToSave: ['head'],
      r: 2,
      loraAlpha: 3,
      bias: 'lora_only' as const,
      rankPattern: { fc2: 1 },
      useRslora: true,
    };
    const trained = trainedLora(config);
    const files = saveAdapter(trained);
    const expected = predictValues(trained.model, input);

    const { lora, report } = loadLora(nestedModel(), {
      config: JSON.stringify(files.config),
      safetensors: files.safetensors,
    });
    expect(report).toEqual({ adapterName: 'default', missingKeys: [], unexpectedKeys: [] });
    expect(lora.getConfig()).toMatchObject({
      r: 2,
      loraAlpha: 3,
      bias: 'lora_only',
      rankPattern: { fc2: 1 },
      useRslora: true,
    });
    expect(lora.getConfig().targetModules).toEqual(/encoder\.fc\d/);
    const again = saveAdapter(lora);
    expect(again.safetensors).toEqual(files.safetensors);
    expect(predictValues(lora.model, input)).toEqual(expected);
    // Loaded adapters are frozen unless asked (PEFT's is_trainable).
    expect(lora.model.trainableWeights).toEqual([]);
    const trainable = loadLora(nestedModel(), files, { isTrainable: true }).lora;
    expect(trainable.model.trainableWeights.length).toBe(2 + 2 + 2 + 2); // A and B of fc1, fc2; their biases; head
  });
});

describe('loading an adapter written by PEFT', () => {
  it('puts hand-written PyTorch-layout values in the right places', () => {
    // A Linear(4 -> 6) adapter of rank 1: lora_A.weight [1, 4], lora_B.weight [6, 1]; alpha 2, so scale 2.
    const a = [1, 2, 3, 4];
    const b = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    const headWeight = pseudoRandom(15, 3); // PyTorch [out 3, in 5]
    const headBias = [0.25, -0.5, 1];
    const safetensors = float32SafetensorsFile([
      ['base_model.model.encoder.fc1.lora_A.weight', [1, 4], a],
      ['base_model.model.encoder.fc1.lora_B.weight', [6, 1], b],
      ['base_model.model.head.weight', [3, 5], Array.from(headWeight)],
      ['base_model.model.head.bias', [3], headBias],
    ]);
    const config = {
      peft_type: 'LORA',
      task_type: null,
      r: 1,
      lora_alpha: 2,
      lora_dropout: 0.1,
      target_modules: ['fc1'],
      modules_to_save: ['head'],
      bias: 'none',
      fan_in_fan_out: false,
      init_lora_weights: true,
      inference_mode: true,
      peft_version: '0.17.0',
    };
    const base = nestedModel();
    const fc1Kernel = values((base.getLayer('encoder') as tf.LayersModel).getLayer('fc1').getWeights()[0]);
    const { lora } = loadLora(base, { config: JSON.stringify(config), safetensors });

    const fc1 = lora.loraLayers()[0].layer;
    expect(fc1.adapterWeights('default').loraA.shape).toEqual([4, 1]);
    expect(values(fc1.adapterWeights('default').loraA.read())).toEqual(a);
    // delta W in TensorFlow.js [in, out] orientation: scale · A[0][i] · B[o][0]
    const expectedDelta = a.flatMap((ai) => b.map((bo) => 2 * ai * bo));
    expect(maxAbsDiff(values(fc1.deltaWeight('default')), expectedDelta)).toBeLessThan(1e-6);
    lora.merge();
    const merged = values(fc1.baseKernel.read());
    expect(
      maxAbsDiff(
        merged,
        fc1Kernel.map((w, i) => w + expectedDelta[i]),
      ),
    ).toBeLessThan(1e-6);

    const head = lora.modulesToSaveLayers()[0].layer.adapterLayer('default');
    const kernel = head.getWeights()[0].arraySync() as number[][]; // [in 5, out 3]
    for (let o = 0; o < 3; o++) for (let i = 0; i < 5; i++) expect(kernel[i][o]).toBe(headWeight[o * 5 + i]);
    expect(values(head.getWeights()[1])).toEqual(headBias);
  });

  it('maps Conv1d lora_A [r, in, k] and lora_B [out, r, 1] onto TensorFlow.js kernels', () => {
    const model = tf.sequential({
      layers: [tf.layers.conv1d({ filters: 3, kernelSize: 2, inputShape: [6, 2], name: 'conv' })],
    });
    const aValues = [1, 2, 3, 4, 5, 6, 7, 8]; // [r 2, in 2, k 2], element (r, i, k) = aValues[r*4 + i*2 + k]
    const bValues = [1, 2, 3, 4, 5, 6]; // [out 3, r 2, 1], element (o, r) = bValues[o*2 + r]
    const { lora } = loadLora(model, {
      config: { peft_type: 'LORA', r: 2, lora_alpha: 2, target_modules: ['conv'] },
      safetensors: float32SafetensorsFile([
        ['base_model.model.conv.lora_A.weight', [2, 2, 2], aValues],
        ['base_model.model.conv.lora_B.weight', [3, 2, 1], bValues],
      ]),
    });
    const { loraA, loraB } = lora.loraLayers()[0].layer.adapterWeights('default');
    const a = loraA.read().arraySync() as number[][][]; // [k, in, r]
    const b = loraB.read().arraySync() as number[][][]; // [1, r, out]
    for (let r = 0; r < 2; r++) {
      for (let i = 0; i < 2; i++)
        for (let k = 0; k < 2; k++) expect(a[k][i][r]).toBe(aValues[r * 4 + i * 2 + k]);
      for (let o = 0; o < 3; o++) expect(b[0][r][o]).toBe(bValues[o * 2 + r]);
    }
  });

  it('accepts float16 and bfloat16 files', () => {
    const trained = trainedLora({ targetModules: ['fc1'], r: 2 });
    const { config, safetensors } = saveAdapter(trained);
    const { tensors } = parseSafetensors(safetensors);
    const original = values(trained.loraLayers()[0].layer.adapterWeights('default').loraA.read());
    for (const [dtype, encode, tolerance] of [
      ['F16', float32ToFloat16, 1e-3],
      ['BF16', float32ToBfloat16, 1e-2],
    ] as const) {
      const converted = new Map(
        [...tensors].map(([name, t]) => [
          name,
          { dtype, shape: t.shape, data: encode(t.data as Float32Array) },
        ]),
      );
      const { lora } = loadLora(nestedModel(), { config, safetensors: serializeSafetensors(converted) });
      const loaded = values(lora.loraLayers()[0].layer.adapterWeights('default').loraA.read());
      expect(maxAbsDiff(loaded, original)).toBeLessThan(tolerance);
      expect(loaded).not.toEqual(original); // rounded through 16 bits
    }
  });
});

describe('adapter loading errors', () => {
  const valid = () => saveAdapter(trainedLora({ targetModules: ['fc1'], modulesToSave: ['head'], r: 2 }));

  it('names the tensor and both shapes on a shape mismatch, leaving the base model untouched', () => {
    const { config, safetensors } = valid();
    const { tensors } = parseSafetensors(safetensors);
    tensors.set('base_model.model.encoder.fc1.lora_A.weight', {
      dtype: 'F32',
      shape: [2, 5],
      data: new Float32Array(10),
    });
    const base = nestedModel();
    let error: AdapterShapeError | undefined;
    try {
      loadLora(base, { config, safetensors: serializeSafetensors(tensors) });
    } catch (caught) {
      error = caught as AdapterShapeError;
    }
    expect(error).toBeInstanceOf(AdapterShapeError);
    expect(error!.tensor).toBe('base_model.model.encoder.fc1.lora_A.weight');
    expect(error!.expected).toEqual([2, 4]);
    expect(error!.found).toEqual([2, 5]);
    expect(error!.message).toMatch(/has shape \[2,5\], the model needs \[2,4\]/);
    expect(base.trainableWeights.length).toBe(6);
  });

  it('reports missing and unexpected tensors (strict by default)', () => {
    const { config, safetensors } = valid();
    const { tensors } = parseSafetensors(safetensors);
    tensors.delete('base_model.model.head.bias');
    tensors.set('base_model.model.encoder.fc9.lora_A.weight', {
      dtype: 'F32',
      shape: [1],
      data: new Float32Array(1),
    });
    const files = { config, safetensors: serializeSafetensors(tensors) };
    expect(() => loadLora(nestedModel(), files)).toThrow(AdapterKeysError);
    try {
      loadLora(nestedModel(), files);
    } catch (error) {
      expect((error as AdapterKeysError).missingKeys).toEqual(['base_model.model.head.bias']);
      expect((error as AdapterKeysError).unexpectedKeys).toEqual([
        'base_model.model.encoder.fc9.lora_A.weight',
      ]);
    }
    const { report } = loadLora(nestedModel(), files, { strict: false });
    expect(report.missingKeys).toEqual(['base_model.model.head.bias']);
    expect(report.unexpectedKeys).toEqual(['base_model.model.encoder.fc9.lora_A.weight']);
  });

  it('rejects newer format versions, other PEFT types, unsupported options and bad JSON', () => {
    const { config, safetensors } = valid();
    const load = (changes: object | string) =>
      loadLora(nestedModel(), {
        config: typeof changes === 'string' ? changes : { ...config, ...changes },
        safetensors,
      });
    expect(() => load({ enecg_lora_format_version: 2 })).toThrow(AdapterVersionError);
    expect(() => load({ enecg_lora_format_version: 2 })).toThrow(
      /version 2 is newer than this library supports \(1\)/,
    );
    expect(() => load({ peft_type: 'IA3' })).toThrow(/peft_type is "IA3", not "LORA"/);
    expect(() => load({ use_dora: true })).toThrow(/use_dora=true/);
    expect(() => load({ init_lora_weights: 'pissa' })).toThrow(/init_lora_weights "pissa" is not supported/);
    expect(() => load({ r: -1 })).toThrow(AdapterFormatError);
    expect(() => load('{"peft_type": ')).toThrow(/adapter_config.json: malformed JSON/);
    expect(() => load({ target_modules: ['fc7'] })).toThrow(/"fc7" match no layer/);
  });

  it('refuses to load over an existing adapter name', () => {
    const files = valid();
    const { lora } = loadLora(nestedModel(), files);
    expect(() => loadAdapter(lora, files)).toThrow(AdapterNameError);
    const report = loadAdapter(lora, files, { adapterName: 'other' });
    expect(report.adapterName).toBe('other');
    expect(lora.adapterNames).toEqual(['default', 'other']);
    expect(lora.activeAdapter).toBe('default');
  });
});

describe('memory', () => {
  it('saving creates no lasting tensors; loading creates only the adapter weights', () => {
    const trained = trainedLora({ targetModules: ['fc1', 'fc2'], modulesToSave: ['head'], r: 2 });
    const before = tf.memory().numTensors;
    const files = saveAdapter(trained);
    expect(tf.memory().numTensors).toBe(before);
    const base = nestedModel();
    const withBase = tf.memory().numTensors;
    const { lora } = loadLora(base, files);
    expect(tf.memory().numTensors).toBe(withBase + 4 + 2); // A and B of fc1 and fc2, the head copy
    lora.dispose();
    expect(tf.memory().numTensors).toBe(withBase);
  });
});

describe('saving and loading through TensorFlow.js IO handlers', () => {
  it('round-trips through model artifacts', async () => {
    const trained = trainedLora({ targetModules: ['fc1', 'fc2'], modulesToSave: ['head'], r: 2 });
    let artifacts: tf.io.ModelArtifacts | undefined;
    await saveAdapterWithHandler(
      trained,
      tf.io.withSaveHandler(async (saved) => {
        artifacts = saved;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    expect(artifacts!.format).toBe('enecg-lora-adapter');
    expect(artifacts!.weightSpecs!.map((spec) => spec.name)).toContain(
      'base_model.model.encoder.fc1.lora_A.weight',
    );
    const files = await readAdapterWithHandler(tf.io.fromMemory(artifacts!));
    const { lora } = loadLora(nestedModel(), files);
    expect(saveAdapter(lora).safetensors).toEqual(saveAdapter(trained).safetensors);
    expect(predictValues(lora.model, input)).toEqual(predictValues(trained.model, input));
  });

  it('says so when no handler serves a URL, or the artifacts are not an adapter', async () => {
    const lora = trainedLora({ targetModules: ['fc1'], r: 1 });
    await expect(saveAdapterWithHandler(lora, 'file:///tmp/adapter')).rejects.toThrow(AdapterIOError);
    await expect(readAdapterWithHandler('nothing://here')).rejects.toThrow(/no TensorFlow.js load handler/);
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (saved) => {
        artifacts = saved;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    await expect(readAdapterWithHandler(tf.io.fromMemory(artifacts!))).rejects.toThrow(/not a LoRA adapter/);
  });
});
