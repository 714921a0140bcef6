// What identifies a backbone's function: id, configuration and weights. The weights hash is the `sha256`
// @enecg/backbones writes into its weight files (the SHA-256 of the safetensors data section of
// `serializeBackbone`), so it can be compared with a shipped file's metadata.
import { type Backbone, serializeBackbone } from '@enecg/backbones';
import type { EcgRecord } from '@enecg/ecg-io';
import { parseSafetensors } from '@enecg/safetensors';
import { contentHash } from '../cache/feature-cache.js';

/** A backbone's identity, recorded in a saved model and used in embedding-cache keys. */
export interface BackboneIdentity {
  id: string;
  config: Record<string, unknown>;
  /** SHA-256 of the weights, as in @enecg/backbones weight files. */
  sha256: string;
  /** Cache key prefix: id, weights hash and a hash of the configuration (which can change the embedding). */
  cacheKey: string;
}

const identities = new WeakMap<Backbone, Promise<BackboneIdentity>>();

/**
 * The identity of a frozen backbone, computed once per backbone object (the weights are hashed the first time).
 * A frozen backbone's weights do not change, so the cached value stays right.
 */
export function backboneIdentity(backbone: Backbone): Promise<BackboneIdentity> {
  let identity = identities.get(backbone);
  if (!identity) {
    identity = computeIdentity(backbone);
    identities.set(backbone, identity);
  }
  return identity;
}

async function computeIdentity(backbone: Backbone): Promise<BackboneIdentity> {
  const file = await serializeBackbone(backbone);
  const sha256 = parseSafetensors(file).metadata.sha256;
  const config = JSON.parse(JSON.stringify(backbone.config)) as Record<string, unknown>;
  const configHash = await contentHash([new TextEncoder().encode(JSON.stringify(config))]);
  return { id: backbone.id, config, sha256, cacheKey: `${backbone.id}@${sha256}/${configHash.slice(0, 16)}` };
}

const recordKeys = new WeakMap<EcgRecord, Promise<string>>();

/**
 * Content hash of a record: sampling rate, signal names and leads, and every physical sample. Computed once per
 * record object (records are treated as immutable).
 */
export function recordKey(record: EcgRecord): Promise<string> {
  let key = recordKeys.get(record);
  if (!key) {
    const names = record.signals.map((signal) => `${signal.name}|${signal.lead ?? ''}`).join('\n');
    key = contentHash([
      Float64Array.of(record.samplingFrequency),
      new TextEncoder().encode(names),
      ...record.physical,
    ]);
    recordKeys.set(record, key);
  }
  return key;
}
