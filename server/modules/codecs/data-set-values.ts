import type { DicomJsonDataSet } from '../dicom/index.js';

/** The numbers of an attribute in a DICOM JSON data set (IS and DS text that is not a number is skipped). */
export function numbersOf(dataSet: DicomJsonDataSet | undefined, tag: string): number[] {
  const values = dataSet?.[tag]?.Value ?? [];
  const numbers: number[] = [];
  for (const value of values) {
    const number = typeof value === 'string' ? Number(value) : value;
    if (typeof number === 'number' && Number.isFinite(number)) numbers.push(number);
  }
  return numbers;
}

/** The first number of an attribute, or undefined when it is absent or empty. */
export function numberOf(dataSet: DicomJsonDataSet | undefined, tag: string): number | undefined {
  return numbersOf(dataSet, tag)[0];
}

/** The first text value of an attribute, trimmed, or undefined. */
export function textOf(dataSet: DicomJsonDataSet | undefined, tag: string): string | undefined {
  const value = dataSet?.[tag]?.Value?.[0];
  return typeof value === 'string' ? value.trim() : undefined;
}

/** The item at `index` of a sequence attribute, or undefined. */
export function itemOf(dataSet: DicomJsonDataSet | undefined, tag: string, index = 0): DicomJsonDataSet | undefined {
  const attribute = dataSet?.[tag];
  if (attribute?.vr !== 'SQ') return undefined;
  const item = attribute.Value?.[index];
  // Items of an SQ attribute are data sets; the model's value union also holds person names.
  return typeof item === 'object' && item !== null ? (item as DicomJsonDataSet) : undefined;
}
