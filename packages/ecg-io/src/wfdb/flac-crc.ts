// The two checksums of FLAC frames: CRC-8 over the frame header and CRC-16 over the whole frame. Both are
// MSB-first, initial value 0, no final XOR.

function crcTable(polynomial: number, width: number): Uint16Array {
  const top = 1 << (width - 1);
  const mask = (1 << width) - 1;
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << (width - 8);
    for (let bit = 0; bit < 8; bit++) crc = crc & top ? ((crc << 1) ^ polynomial) & mask : (crc << 1) & mask;
    table[byte] = crc;
  }
  return table;
}

const CRC8_TABLE = crcTable(0x07, 8);
const CRC16_TABLE = crcTable(0x8005, 16);

/** CRC-8 (polynomial x^8 + x^2 + x + 1) of `bytes[start, end)`, as in FLAC frame headers. */
export function flacCrc8(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = CRC8_TABLE[crc ^ bytes[i]];
  return crc;
}

/** CRC-16 (polynomial x^16 + x^15 + x^2 + 1) of `bytes[start, end)`, as in FLAC frame footers. */
export function flacCrc16(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xffff) ^ CRC16_TABLE[(crc >> 8) ^ bytes[i]];
  return crc;
}
