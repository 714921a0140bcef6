// Regenerates test/flac/fixtures/*.flac with the reference encoder (`apt-get install flac`; made with flac
// 1.4.2). Not run by the tests, which only read the committed files. Run from packages/ecg-io:
//   node ../../node_modules/.pnpm/node_modules/vite-node/vite-node.mjs test/flac/make-fixtures.ts
// Each fixture is encoded from a WAV file of the samples in fixture-signals.ts; variable-blocks.flac is then
// spliced together from two fixed-block-size encodings (libFLAC only writes fixed block sizes) and checked by
// decoding it with `flac -d`, which verifies every CRC and the MD5 of the samples.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flacCrc8, flacCrc16 } from '../../src/wfdb/flac-crc.js';
import { flacFixtures, variableBlockFixture } from './fixture-signals.js';
import { codedNumber } from './stream-builder.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const work = mkdtempSync(join(tmpdir(), 'flac-fixtures-'));

/** Interleaved little-endian samples, `container` bits each, left-justified as WAV stores narrower samples. */
function pcm(channels: Int32Array[], bits: number, container: number): Uint8Array {
  const bytesPerSample = container / 8;
  const out = new Uint8Array(channels[0].length * channels.length * bytesPerSample);
  const view = new DataView(out.buffer);
  let offset = 0;
  for (let i = 0; i < channels[0].length; i++) {
    for (const channel of channels) {
      const value = channel[i] * 2 ** (container - bits);
      for (let b = 0; b < bytesPerSample; b++) view.setUint8(offset++, Math.floor(value / 256 ** b) & 0xff);
    }
  }
  return out;
}

/** A WAVE_FORMAT_EXTENSIBLE file, so that sizes such as 20 valid bits in 24-bit containers are expressible. */
function wav(channels: Int32Array[], bits: number, sampleRate: number): Uint8Array {
  const container = Math.ceil(bits / 8) * 8;
  const data = pcm(channels, bits, container);
  const header = new DataView(new ArrayBuffer(68));
  const text = (offset: number, value: string) => {
    for (let i = 0; i < value.length; i++) header.setUint8(offset + i, value.charCodeAt(i));
  };
  const blockAlign = (channels.length * container) / 8;
  text(0, 'RIFF');
  header.setUint32(4, 60 + data.length, true);
  text(8, 'WAVEfmt ');
  header.setUint32(16, 40, true);
  header.setUint16(20, 0xfffe, true);
  header.setUint16(22, channels.length, true);
  header.setUint32(24, sampleRate, true);
  header.setUint32(28, sampleRate * blockAlign, true);
  header.setUint16(32, blockAlign, true);
  header.setUint16(34, container, true);
  header.setUint16(36, 22, true);
  header.setUint16(38, bits, true);
  header.setUint32(40, channels.length === 1 ? 0x4 : 0x3, true); // front centre / front left + right
  const pcmSubtype = [0x01, 0, 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71]; // KSDATAFORMAT_SUBTYPE_PCM
  pcmSubtype.forEach((byte, i) => {
    header.setUint8(44 + i, byte);
  });
  text(60, 'data');
  header.setUint32(64, data.length, true);
  const file = new Uint8Array(68 + data.length);
  file.set(new Uint8Array(header.buffer));
  file.set(data, 68);
  return file;
}

function encode(
  name: string,
  channels: Int32Array[],
  bits: number,
  sampleRate: number,
  args: string[],
): Uint8Array {
  const wavPath = join(work, `${name}.wav`);
  const flacPath = join(work, `${name}.flac`);
  writeFileSync(wavPath, wav(channels, bits, sampleRate));
  execFileSync('flac', ['-s', '-f', '--lax', '--no-padding', ...args, wavPath, '-o', flacPath]);
  return new Uint8Array(readFileSync(flacPath));
}

/** Offsets of the frames of a stream (after its metadata blocks), found by decoding with `flac --analyze`. */
function frameOffsets(flac: Uint8Array): number[] {
  const path = join(work, 'analyze.flac');
  writeFileSync(path, flac);
  execFileSync('flac', ['-s', '-f', '--analyze', path, '-o', `${path}.txt`]);
  return [...readFileSync(`${path}.txt`, 'latin1').matchAll(/^frame=\d+\toffset=(\d+)/gm)].map((m) =>
    Number(m[1]),
  );
}

/**
 * Rewrites a fixed-block-size frame as a variable-block-size frame starting at `firstSample`: sets the
 * blocking-strategy bit, replaces the frame number by the sample number and recomputes both CRCs.
 */
function asVariableFrame(frame: Uint8Array, firstSample: number): Uint8Array {
  const numberLength = frame[4] < 0x80 ? 1 : Math.clz32(~(frame[4] << 24));
  // Optional fields between the coded number and the CRC-8: block size (codes 6, 7), sample rate (12-14).
  const blockSizeCode = frame[2] >> 4;
  const sampleRateCode = frame[2] & 0x0f;
  const extraLength =
    [6, 7].indexOf(blockSizeCode) + 1 + (sampleRateCode === 12 ? 1 : sampleRateCode > 12 ? 2 : 0);
  const extraStart = 4 + numberLength;
  const extra = frame.subarray(extraStart, extraStart + extraLength);
  const body = frame.subarray(extraStart + extraLength + 1, frame.length - 2);
  const header = [0xff, 0xf9, frame[2], frame[3], ...codedNumber(firstSample), ...extra];
  const out = new Uint8Array(header.length + 1 + body.length + 2);
  out.set(header);
  out[header.length] = flacCrc8(out, 0, header.length);
  out.set(body, header.length + 1);
  const crc = flacCrc16(out, 0, out.length - 2);
  out[out.length - 2] = crc >> 8;
  out[out.length - 1] = crc & 0xff;
  return out;
}

for (const fixture of flacFixtures()) {
  const flac = encode(
    fixture.file,
    fixture.channels,
    fixture.bitsPerSample,
    fixture.sampleRate,
    fixture.encoderArgs,
  );
  writeFileSync(join(fixtures, fixture.file), flac);
}

{
  const fixture = variableBlockFixture();
  const parts = fixture.parts.map((part, i) => {
    const channels = fixture.channels.map((c) => c.subarray(part.start, part.end));
    return encode(`variable-${i}`, channels, fixture.bitsPerSample, fixture.sampleRate, [
      '-b',
      String(part.blockSize),
    ]);
  });
  const frames: Uint8Array[] = [];
  parts.forEach((flac, i) => {
    const offsets = [...frameOffsets(flac), flac.length];
    let sample = fixture.parts[i].start;
    for (let f = 0; f + 1 < offsets.length; f++) {
      frames.push(asVariableFrame(flac.subarray(offsets[f], offsets[f + 1]), sample));
      sample = Math.min(sample + fixture.parts[i].blockSize, fixture.parts[i].end);
    }
  });
  // STREAMINFO from the first part, with the block size range, total samples and MD5 of the whole signal.
  const head = parts[0].subarray(0, frameOffsets(parts[0])[0]).slice();
  const info = new DataView(head.buffer, 8, 34);
  const sizes = fixture.parts.map((p) => p.blockSize);
  info.setUint16(0, Math.min(...sizes));
  info.setUint16(2, Math.max(...sizes));
  info.setUint32(4, 0); // frame sizes unknown: min/max frame size fields (24 bits each) set to 0
  info.setUint16(8, 0);
  const total = fixture.channels[0].length;
  info.setUint8(13, (info.getUint8(13) & 0xf0) | Math.floor(total / 2 ** 32));
  info.setUint32(14, total >>> 0);
  // The MD5 covers the samples as little-endian integers of whole bytes (16 bits here).
  head.set(
    createHash('md5')
      .update(pcm(fixture.channels, 16, 16))
      .digest(),
    8 + 18,
  );
  const stream = new Uint8Array(head.length + frames.reduce((n, f) => n + f.length, 0));
  stream.set(head);
  let offset = head.length;
  for (const frame of frames) {
    stream.set(frame, offset);
    offset += frame.length;
  }
  const path = join(fixtures, fixture.file);
  writeFileSync(path, stream);
  execFileSync('flac', ['-s', '-t', path]); // throws unless the reference decoder accepts it, MD5 included
}
