// Builds safetensors files byte by byte, straight from the format description, for the tests:
// 8-byte little-endian header length, the header text, then the data buffer.

/** Little-endian u64 of a small number, as 8 bytes. */
export function u64le(value: number): number[] {
  return [0, 1, 2, 3, 4, 5, 6, 7].map((i) => Math.floor(value / 2 ** (8 * i)) % 256);
}

/** Header length + header text (ASCII/UTF-8) + data bytes, with no padding added. */
export function fileBytes(header: string, data: number[] = []): Uint8Array {
  const text = [...new TextEncoder().encode(header)];
  return new Uint8Array([...u64le(text.length), ...text, ...data]);
}

/** The four little-endian bytes of a float32. */
export function f32le(value: number): number[] {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, value, true);
  return [0, 1, 2, 3].map((i) => view.getUint8(i));
}
