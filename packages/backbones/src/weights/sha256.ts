import { BackboneError } from '../errors.js';

/** Lower-case hex SHA-256 of `bytes`, with WebCrypto (browsers and Node >= 19 alike). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) throw new BackboneError('SHA-256 needs WebCrypto (globalThis.crypto.subtle)');
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
