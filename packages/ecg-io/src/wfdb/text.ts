// Header files are ASCII in principle, but real ones carry UTF-8 or Latin-1 bytes in descriptions, units and
// comments (e.g. `°C` written as byte 0xB0). Decoding must never fail on them.

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes header bytes as UTF-8 when they are valid UTF-8, else as ISO 8859-1 (every byte one character). */
export function decodeHeaderText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1(bytes);
  }
}

function latin1(bytes: Uint8Array): string {
  // TextDecoder('latin1') is really windows-1252, which maps 0x80-0x9F elsewhere; decode byte by byte instead.
  let text = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    text += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return text;
}
