const REFERENCES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // Written as references so that parsers do not normalise them away (XML 1.0 2.11, 3.3.3).
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
const TEXT_SPECIAL = /[&<>\r]/g;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/g;

/**
 * Character data for an XML 1.0 element. Characters XML cannot carry, which DICOM text can (a
 * control character a modality left in a description), become U+FFFD.
 */
export function xmlText(text: string): string {
  return xmlCharacters(text).replace(TEXT_SPECIAL, (c) => REFERENCES[c] ?? c);
}

/** An XML 1.0 attribute value, for double quotes. */
export function xmlAttribute(text: string): string {
  return xmlCharacters(text).replace(ATTRIBUTE_SPECIAL, (c) => REFERENCES[c] ?? c);
}

/**
 * The text with U+FFFD for what XML 1.0 cannot carry even as a reference (XML 1.0 2.2): C0
 * controls but tab, line feed and carriage return; lone surrogates; U+FFFE and U+FFFF.
 */
function xmlCharacters(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let valid: boolean;
    if (code >= 0x20 && code < 0xd800) valid = true;
    else if (code < 0x20) valid = code === 0x09 || code === 0x0a || code === 0x0d;
    else if (code >= 0xe000) valid = code !== 0xfffe && code !== 0xffff;
    else if (code < 0xdc00) {
      const next = text.charCodeAt(i + 1);
      valid = next >= 0xdc00 && next <= 0xdfff;
      if (valid) i++; // the pair is one character
    } else valid = false;
    if (!valid) {
      out += `${text.slice(from, i)}\ufffd`;
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}
