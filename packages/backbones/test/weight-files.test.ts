import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSafetensors, serializeSafetensors } from '@enecg/safetensors';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Backbone,
  ChecksumError,
  createBackbone,
  deserializeBackbone,
  loadBackboneFromFile,
  loadBackboneFromUrl,
  loadBackboneWeights,
  loadBackboneWithHandler,
  loadTorchWeightsFromFile,
  readBackboneFile,
  saveBackboneToFile,
  saveBackboneWithHandler,
  serializeBackbone,
  WeightFormatError,
  WeightIOError,
} from '../src/node.js';
import { TINY_CONFIGS } from './tiny-configs.js';

const create = (seed = 1) => createBackbone('xresnet1d', { config: TINY_CONFIGS.xresnet1d, seed });

function embedding(backbone: Backbone): number[] {
  return tf.tidy(() =>
    Array.from(backbone.embed(tf.randomNormal([2, 40, 3], 0, 1, 'float32', 9)).dataSync()),
  );
}

/** Bytes after the safetensors header. */
function dataSection(file: Uint8Array): Uint8Array {
  return file.subarray(8 + Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true)));
}

describe('backbone weight files', () => {
  it('records id, configuration and the SHA-256 of the tensor data in the metadata', async () => {
    const backbone = create();
    const bytes = await serializeBackbone(backbone);
    const { metadata, tensors } = parseSafetensors(bytes);
    expect(metadata).toMatchObject({
      format: 'enecg-backbone',
      format_version: '1',
      backbone_id: 'xresnet1d',
      layout: 'tfjs',
    });
    expect(JSON.parse(metadata.config)).toEqual(backbone.config);
    expect(metadata.sha256).toBe(createHash('sha256').update(dataSection(bytes)).digest('hex'));
    expect([...tensors.keys()].sort()).toEqual(
      backbone
        .weightInfo()
        .map((w) => w.name)
        .sort(),
    );
    backbone.dispose();
  });

  it('rebuilds the same backbone from its file (frozen unless asked)', async () => {
    const backbone = create();
    const restored = await deserializeBackbone(await serializeBackbone(backbone));
    expect(restored.id).toBe('xresnet1d');
    expect(restored.config).toEqual(backbone.config);
    expect(restored.frozen).toBe(true);
    expect(embedding(restored)).toEqual(embedding(backbone));
    const trainable = await deserializeBackbone(await serializeBackbone(backbone), { frozen: false });
    expect(trainable.frozen).toBe(false);
    for (const b of [backbone, restored, trainable]) b.dispose();
  });

  it('rejects a file whose tensor data changed', async () => {
    const backbone = create();
    const bytes = await serializeBackbone(backbone);
    const tampered = bytes.slice();
    tampered[tampered.length - 1] ^= 1;
    await expect(deserializeBackbone(tampered, { source: 'x.safetensors' })).rejects.toThrow(ChecksumError);
    await expect(readBackboneFile(tampered)).rejects.toThrow(
      /sha256 of the tensor data is [0-9a-f]{64}, the file records/,
    );
    backbone.dispose();
  });

  it('rejects a plain safetensors file, naming what to use instead', async () => {
    const file = serializeSafetensors(
      { w: { dtype: 'F32', shape: [1], data: new Float32Array(1) } },
      { format: 'pt' },
    );
    await expect(readBackboneFile(file, 'model.safetensors')).rejects.toThrow(WeightFormatError);
    await expect(readBackboneFile(file, 'model.safetensors')).rejects.toThrow(
      /load PyTorch checkpoints with loadTorchWeights/,
    );
  });

  it('loads into an existing backbone only when id and configuration match', async () => {
    const backbone = create(1);
    const bytes = await serializeBackbone(backbone);
    const other = create(2);
    expect(embedding(other)).not.toEqual(embedding(backbone));
    await loadBackboneWeights(other, bytes);
    expect(embedding(other)).toEqual(embedding(backbone));
    const wider = createBackbone('xresnet1d', { config: { ...TINY_CONFIGS.xresnet1d, stageSizes: [8, 12] } });
    await expect(loadBackboneWeights(wider, bytes)).rejects.toThrow(
      'configuration differs (stageSizes: file [8,8], backbone [8,12])',
    );
    const dlinear = createBackbone('dlinear');
    await expect(loadBackboneWeights(dlinear, bytes)).rejects.toThrow(
      'weights of backbone "xresnet1d", not "dlinear"',
    );
    for (const b of [backbone, other, wider, dlinear]) b.dispose();
  });

  it('round-trips through a TensorFlow.js IO handler and verifies its checksum', async () => {
    const backbone = create();
    let saved: tf.io.ModelArtifacts | undefined;
    await saveBackboneWithHandler(
      backbone,
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    expect(saved?.format).toBe('enecg-backbone');
    const restored = await loadBackboneWithHandler(tf.io.fromMemory(saved!));
    expect(embedding(restored)).toEqual(embedding(backbone));
    const corrupted = new Uint8Array((saved!.weightData as ArrayBuffer).slice(0));
    corrupted[0] ^= 1;
    await expect(
      loadBackboneWithHandler(tf.io.fromMemory({ ...saved!, weightData: corrupted.buffer })),
    ).rejects.toThrow(ChecksumError);
    backbone.dispose();
    restored.dispose();
  });

  describe('over HTTP', () => {
    let url = '';
    let bytes: Uint8Array;
    const server = createServer((request, response) => {
      if (request.url === '/backbone.safetensors') response.end(bytes);
      else response.writeHead(404).end();
    });
    beforeAll(async () => {
      const backbone = create();
      bytes = await serializeBackbone(backbone);
      backbone.dispose();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('downloads and verifies a weights file', async () => {
      const backbone = await loadBackboneFromUrl(`${url}/backbone.safetensors`);
      const reference = create();
      expect(embedding(backbone)).toEqual(embedding(reference));
      backbone.dispose();
      reference.dispose();
    });

    it('reports HTTP errors with the URL', async () => {
      await expect(loadBackboneFromUrl(`${url}/missing`)).rejects.toThrow(WeightIOError);
      await expect(loadBackboneFromUrl(`${url}/missing`)).rejects.toThrow(
        `${url}/missing: cannot download: HTTP 404`,
      );
    });
  });

  describe('files (Node entry)', () => {
    let folder = '';
    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), 'backbones-'));
    });
    afterAll(() => rm(folder, { recursive: true, force: true }));

    it('saves and loads a backbone by path', async () => {
      const backbone = create();
      const path = join(folder, 'xresnet.safetensors');
      await saveBackboneToFile(backbone, path);
      const restored = await loadBackboneFromFile(path);
      expect(embedding(restored)).toEqual(embedding(backbone));
      backbone.dispose();
      restored.dispose();
    });

    it('loads PyTorch weights by path and names the path in errors', async () => {
      const backbone = createBackbone('dlinear', { config: TINY_CONFIGS.dlinear });
      const path = join(folder, 'torch.safetensors');
      await writeFile(
        path,
        serializeSafetensors({
          'Linear_Trend.bias': { dtype: 'F32', shape: [4], data: new Float32Array(4) },
        }),
      );
      await expect(loadTorchWeightsFromFile(backbone, path)).rejects.toThrow(
        `${path}: missing tensors: Linear_Seasonal.weight`,
      );
      await expect(loadTorchWeightsFromFile(backbone, join(folder, 'none.safetensors'))).rejects.toThrow(
        WeightIOError,
      );
      backbone.dispose();
    });
  });
});
