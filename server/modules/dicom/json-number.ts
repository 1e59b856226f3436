/**
 * A JSON number with the text it was written as. JSON.parse turns `0.12345678901234567` or
 * `9007199254740993` into the nearest double; IS, DS, SV and UV values are written from the text
 * so that no digit the client sent is lost.
 */
export class JsonNumber {
  constructor(
    readonly source: string,
    readonly value: number,
  ) {}
}

/** Parses DICOM JSON text (PS3.18 F.2) with every number as a JsonNumber; a SyntaxError if it is not JSON. */
export function parseDicomJsonText(text: string): unknown {
  return JSON.parse(text, (_key: string, value: unknown, context?: { source?: string }) =>
    typeof value === 'number' && context?.source !== undefined ? new JsonNumber(context.source, value) : value,
  );
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const MAX_EXPONENT = 400;

/** A decimal as digits without leading or trailing zeros, times ten to `exponent`. */
interface Decimal {
  readonly negative: boolean;
  readonly digits: string;
  readonly exponent: number;
}

function parseDecimal(text: string): Decimal | undefined {
  const match = DECIMAL.exec(text.trim());
  if (match === null) return undefined;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  if (whole === '' && fraction === '') return undefined;
  let digits = `${whole}${fraction}`.replace(/^0+/, '');
  let exponent = Number(exponentText) - fraction.length;
  const zeros = digits.length - digits.replace(/0+$/, '').length;
  digits = digits.slice(0, digits.length - zeros);
  exponent += zeros;
  if (digits === '') return { negative: sign === '-', digits: '0', exponent: 0 };
  if (Math.abs(exponent) > MAX_EXPONENT) return undefined;
  return { negative: sign === '-', digits, exponent };
}

/**
 * The text of exactly the number `text` denotes (a JSON number, or any decimal string), as short
 * as the DS VR needs: fixed-point when that fits in `limit` characters, else with an exponent;
 * undefined when `text` is not a decimal or no exact form fits.
 */
export function exactDecimalText(text: string, limit: number): string | undefined {
  const decimal = parseDecimal(text);
  if (decimal === undefined) return undefined;
  const { digits, exponent } = decimal;
  const sign = decimal.negative ? '-' : '';
  let fixed: string;
  if (exponent >= 0) fixed = digits + '0'.repeat(exponent);
  else {
    const point = digits.length + exponent;
    fixed = point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`;
  }
  if (sign.length + fixed.length <= limit) return sign + fixed;
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const scientific = `${sign}${mantissa}E${exponent + digits.length - 1}`;
  return scientific.length <= limit ? scientific : undefined;
}

/** The integer `text` denotes (`12`, `1.0`, `1.2E1`), or undefined if it is not one. */
export function exactInteger(text: string): bigint | undefined {
  const decimal = parseDecimal(text);
  if (decimal === undefined || decimal.exponent < 0) return undefined;
  const magnitude = BigInt(decimal.digits) * 10n ** BigInt(decimal.exponent);
  return decimal.negative ? -magnitude : magnitude;
}
