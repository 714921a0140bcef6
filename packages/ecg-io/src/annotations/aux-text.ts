// Aux fields (and EDF+ annotation texts) are bytes whose encoding files do not always respect: modern files
// hold UTF-8, older ones Latin-1 or plain ASCII.

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * Decodes text of unknown encoding: as UTF-8 when the bytes are valid UTF-8, else as Latin-1, which maps every
 * byte to one character so nothing is lost.
 */
export function decodeUtf8OrLatin1(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    // Not TextDecoder('latin1'): the Encoding Standard maps that label to windows-1252.
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return text;
  }
}

/** Decodes aux bytes (see decodeUtf8OrLatin1), dropping trailing NULs: C string terminators some writers count in. */
export function decodeAux(bytes: Uint8Array): string {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return decodeUtf8OrLatin1(bytes.subarray(0, end));
}

/** Encodes aux text for writing, as UTF-8. */
export function encodeAux(text: string): Uint8Array {
  return encoder.encode(text);
}
