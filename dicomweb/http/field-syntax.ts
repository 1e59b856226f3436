// The lexical pieces of HTTP field values (RFC 9110 §5.6): tokens, quoted strings, whitespace,
// comma-separated lists. Media types and Accept headers are built from these.

const TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

/** Whether `char` may appear in an RFC 9110 token (tchar). */
export function isTokenChar(char: string): boolean {
  const code = char.charCodeAt(0);
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (char.length === 1 && TOKEN_SYMBOLS.includes(char))
  );
}

/** Whether every character of a non-empty `text` is a tchar. */
export function isToken(text: string): boolean {
  if (text === '') return false;
  for (const char of text) if (!isTokenChar(char)) return false;
  return true;
}

/**
 * Whether `char` may stand in an unquoted parameter value. Wider than a token: clients send
 * `type=application/dicom` unquoted although `/` is not a tchar (OHIF does), and refusing that
 * would refuse the most common DICOMweb Accept header.
 */
function isBareValueChar(char: string): boolean {
  const code = char.charCodeAt(0);
  return code > 0x20 && code < 0x7f && char !== '"' && char !== ';' && char !== ',';
}

/** Reads a field value left to right; `fail` raises the caller's own error with a reason. */
export class FieldScanner {
  private pos = 0;

  constructor(
    readonly text: string,
    private readonly fail: (reason: string) => never,
  ) {}

  /** Whether the whole value has been read. */
  get atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** The next character, not taken. */
  peek(): string | undefined {
    return this.text[this.pos];
  }

  /** Skips optional whitespace (OWS: spaces and tabs). */
  skipWhitespace(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }

  /** Takes `char` if it is next. */
  accept(char: string): boolean {
    if (this.peek() !== char) return false;
    this.pos++;
    return true;
  }

  /** Takes `char`, or fails naming what was found instead. */
  expect(char: string, what: string): void {
    if (!this.accept(char)) this.fail(`expected ${what} at position ${this.pos}, found ${this.describeNext()}`);
  }

  /** Reads a token (possibly empty: the caller decides whether that is an error). */
  token(): string {
    const start = this.pos;
    while (!this.atEnd && isTokenChar(this.text[this.pos] ?? '')) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** Reads a parameter value: a quoted string (escapes removed) or a bare value. */
  parameterValue(): string {
    if (this.peek() === '"') return this.quotedString();
    const start = this.pos;
    while (!this.atEnd && isBareValueChar(this.text[this.pos] ?? '')) this.pos++;
    if (this.pos === start) this.fail(`expected a parameter value at position ${start}, found ${this.describeNext()}`);
    return this.text.slice(start, this.pos);
  }

  private quotedString(): string {
    const start = this.pos;
    this.pos++;
    let value = '';
    for (;;) {
      const char = this.text[this.pos];
      if (char === undefined) this.fail(`the quoted string at position ${start} is not closed`);
      this.pos++;
      if (char === '"') return value;
      if (char === '\\') {
        const escaped = this.text[this.pos];
        if (escaped === undefined) this.fail(`the quoted string at position ${start} ends inside an escape`);
        if (!isQuotedTextChar(escaped)) this.fail(`a control character is escaped at position ${this.pos}`);
        value += escaped;
        this.pos++;
      } else if (isQuotedTextChar(char)) value += char;
      else this.fail(`a control character stands in the quoted string at position ${this.pos - 1}`);
    }
  }

  private describeNext(): string {
    const next = this.peek();
    return next === undefined ? 'the end' : JSON.stringify(next);
  }
}

/** qdtext and the targets of quoted-pair: HTAB, SP, visible ASCII and obs-text; no controls. */
function isQuotedTextChar(char: string): boolean {
  const code = char.charCodeAt(0);
  return code === 0x09 || (code >= 0x20 && code !== 0x7f && code <= 0xff);
}

/**
 * Whether `text` holds a character a header line cannot carry: a control (other than HTAB), which
 * could end the line early, or one beyond Latin-1, which a byte encoding would mangle.
 */
export function hasUnsafeHeaderChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f || code > 0xff) return true;
  }
  return false;
}

/**
 * Splits a list-valued field (`#element`, RFC 9110 §5.6.1) on the commas outside quoted strings,
 * dropping empty elements as recipients must.
 */
export function splitFieldList(text: string): string[] {
  const elements: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '\\') i++;
    else if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      elements.push(text.slice(start, i));
      start = i + 1;
    }
  }
  elements.push(text.slice(start));
  return elements.map((element) => element.trim()).filter((element) => element !== '');
}
