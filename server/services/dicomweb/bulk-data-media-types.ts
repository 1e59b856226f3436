const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';
const JPEG_EXTENDED = '1.2.840.10008.1.2.4.51';
const JPEG_LOSSLESS = '1.2.840.10008.1.2.4.57';
const JPEG_LOSSLESS_SV1 = '1.2.840.10008.1.2.4.70';

/**
 * Media types of compressed bulk data and the transfer syntaxes each may carry, the default first
 * (PS3.18 Table 8.7.3-5). Compressed bulk data is the codestream alone, without fragment items.
 */
const COMPRESSED: Readonly<Record<string, readonly string[]>> = {
  'image/jpeg': [JPEG_LOSSLESS_SV1, JPEG_BASELINE, JPEG_EXTENDED, JPEG_LOSSLESS],
  'image/dicom-rle': ['1.2.840.10008.1.2.5'],
  'image/jls': ['1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.81'],
  'image/jp2': ['1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.91'],
  'image/jpx': ['1.2.840.10008.1.2.4.92', '1.2.840.10008.1.2.4.93'],
  'image/jphc': ['1.2.840.10008.1.2.4.201', '1.2.840.10008.1.2.4.202', '1.2.840.10008.1.2.4.203'],
};

/** Syntaxes `application/octet-stream; transfer-syntax=…` may name for encapsulated frames. */
const ENCAPSULATED = new Set([...Object.values(COMPRESSED).flat(), '1.2.840.10008.1.2.1.98']);

/** How the Pixel Data of a bulk data part is encoded: native bytes, or frames of an encapsulated syntax. */
export type PixelDataEncoding = { encapsulated: false } | { encapsulated: true; transferSyntaxUid: string };

/**
 * The encoding a bulk data part's Content-Type gives Pixel Data: `application/octet-stream` is
 * native (Explicit VR Little Endian) unless its `transfer-syntax` names an encapsulated syntax;
 * a compressed media type takes its `transfer-syntax` parameter, else the syntax the metadata's
 * AvailableTransferSyntaxUID names when the type allows it, else (JPEG) the process its frame
 * header shows, else the table's default. Undefined: a type or syntax Strata cannot store.
 */
export function pixelDataEncoding(
  mediaType: string,
  parameters: ReadonlyMap<string, string>,
  hint: string | undefined,
  jpegProcess: string | undefined,
): PixelDataEncoding | undefined {
  const named = parameters.get('transfer-syntax');
  if (mediaType === 'application/octet-stream') {
    if (named === undefined || named === EXPLICIT_VR_LITTLE_ENDIAN) return { encapsulated: false };
    return ENCAPSULATED.has(named) ? { encapsulated: true, transferSyntaxUid: named } : undefined;
  }
  const allowed = COMPRESSED[mediaType];
  if (allowed === undefined) return undefined;
  if (named !== undefined)
    return allowed.includes(named) ? { encapsulated: true, transferSyntaxUid: named } : undefined;
  const chosen = [hint, jpegProcess].find((uid) => uid !== undefined && allowed.includes(uid)) ?? allowed[0];
  return chosen === undefined ? undefined : { encapsulated: true, transferSyntaxUid: chosen };
}

/**
 * The JPEG transfer syntax a codestream's frame header shows (ISO 10918-1 B.2.2): SOF0 baseline,
 * SOF1 extended, SOF3 lossless (first-order prediction when its scan's predictor is 1).
 */
export function jpegProcessOf(bytes: Uint8Array): string | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let at = 2;
  let lossless = false;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    if (marker === 0xc0) return JPEG_BASELINE;
    if (marker === 0xc1) return JPEG_EXTENDED;
    if (marker === 0xc3) lossless = true;
    else if (marker >= 0xc2 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return undefined;
    if (marker === 0xda) {
      if (!lossless) return undefined;
      const components = bytes[at + 4] ?? 0;
      return bytes[at + 5 + 2 * components] === 1 ? JPEG_LOSSLESS_SV1 : JPEG_LOSSLESS;
    }
    at += 2 + length;
  }
  return undefined;
}
