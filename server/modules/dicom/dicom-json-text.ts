import type { DicomJsonAttribute, DicomJsonDataSet, DicomJsonValue } from './dicom-json-model.js';

/**
 * DICOM JSON text with every data set's attributes in tag order, as PS3.18 F.2.2 requires.
 * JSON.stringify cannot promise that: an object lists keys that look like array indexes, such as
 * "30060020" or "60003000", before all others.
 */
export function formatDicomJson(value: DicomJsonDataSet | readonly DicomJsonDataSet[]): string {
  return Array.isArray(value) ? `[${value.map(formatDataSet).join(',')}]` : formatDataSet(value as DicomJsonDataSet);
}

function formatDataSet(dataSet: DicomJsonDataSet): string {
  const attributes = Object.keys(dataSet)
    .sort()
    .map((tag) => `${JSON.stringify(tag)}:${formatAttribute(dataSet[tag] as DicomJsonAttribute)}`);
  return `{${attributes.join(',')}}`;
}

function formatAttribute(attribute: DicomJsonAttribute): string {
  let text = `{"vr":${JSON.stringify(attribute.vr)}`;
  if (attribute.Value !== undefined) {
    const values = attribute.Value.map((value) => (attribute.vr === 'SQ' ? formatItem(value) : formatValue(value)));
    text += `,"Value":[${values.join(',')}]`;
  }
  if (attribute.BulkDataURI !== undefined) text += `,"BulkDataURI":${JSON.stringify(attribute.BulkDataURI)}`;
  if (attribute.InlineBinary !== undefined) text += `,"InlineBinary":${JSON.stringify(attribute.InlineBinary)}`;
  return `${text}}`;
}

function formatItem(item: DicomJsonValue): string {
  return item === null || typeof item !== 'object' ? 'null' : formatDataSet(item as DicomJsonDataSet);
}

/** A value: JSON has no NaN or infinities, which FL and FD can hold; they are written as strings. */
function formatValue(value: DicomJsonValue): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return JSON.stringify(String(value));
  return JSON.stringify(value);
}
