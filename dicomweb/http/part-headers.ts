import { hasUnsafeHeaderChar, isToken } from './field-syntax.js';
import { malformedMultipart } from './multipart-errors.js';

/**
 * Reads the header section of one body part (the bytes before its empty line) into a map of
 * lower-case names. A name given twice has its values joined with ", " (RFC 9110 §5.3). Folded
 * lines and lines without a name are refused: they are how header smuggling starts.
 */
export function parsePartHeaders(section: Buffer): Map<string, string> {
  const headers = new Map<string, string>();
  if (section.length === 0) return headers;
  // latin1 maps each byte to one character, so no byte is lost or merged whatever the encoding.
  for (const line of section.toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    if (colon <= 0 || !isToken(name)) throw badLine(line);
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (hasUnsafeHeaderChar(value)) throw badLine(line);
    const earlier = headers.get(name);
    headers.set(name, earlier === undefined ? value : `${earlier}, ${value}`);
  }
  return headers;
}

function badLine(line: string) {
  const excerpt = line.length > 80 ? `${line.slice(0, 80)}…` : line;
  return malformedMultipart('bad_header_line', `the part header line ${JSON.stringify(excerpt)} is not "Name: value"`);
}
