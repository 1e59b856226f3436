import { dictionaryEntry } from './data-dictionary.js';
import type { DicomJsonAttribute, DicomJsonDataSet, DicomJsonValue } from './dicom-json-model.js';
import type { PersonNameValue } from './value-decoder.js';
import { xmlAttribute, xmlText } from './xml-text.js';

const NAMESPACE = 'http://dicom.nema.org/PS3.19/models/NativeDICOM';
const GROUPS = ['Alphabetic', 'Ideographic', 'Phonetic'] as const;
const COMPONENTS = ['FamilyName', 'GivenName', 'MiddleName', 'NamePrefix', 'NameSuffix'] as const;

/**
 * A data set in the DICOM JSON model as a Native DICOM Model document (PS3.19 A.1), for STOW-RS
 * responses and metadata asked for as application/dicom+xml. Private data elements are written as
 * gggg00ee with their Private Creator, whose own elements are then left out (PS3.19 Table A.1.5-2).
 */
export function nativeDicomXml(dataSet: DicomJsonDataSet): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<NativeDicomModel xmlns="${NAMESPACE}" xml:space="preserve">${dataSetXml(dataSet)}</NativeDicomModel>\n`;
}

function dataSetXml(dataSet: DicomJsonDataSet): string {
  let xml = '';
  for (const tag of Object.keys(dataSet).sort()) {
    const attribute = dataSet[tag];
    const number = Number.parseInt(tag, 16);
    if (attribute === undefined || Number.isNaN(number) || isPrivateCreator(number)) continue;
    xml += attributeXml(tag, number, attribute, dataSet);
  }
  return xml;
}

function attributeXml(tag: string, number: number, attribute: DicomJsonAttribute, dataSet: DicomJsonDataSet): string {
  let head = `<DicomAttribute tag="${privateTag(tag, number, dataSet) ?? tag}" vr="${xmlAttribute(attribute.vr)}"`;
  const creator = privateCreatorOf(number, dataSet);
  const keyword = isPrivate(number) ? undefined : dictionaryEntry(number)?.keyword;
  if (keyword !== undefined && keyword !== '') head += ` keyword="${keyword}"`;
  if (creator !== undefined) head += ` privateCreator="${xmlAttribute(creator)}"`;
  const body = attributeBody(attribute);
  return body === '' ? `${head}/>` : `${head}>${body}</DicomAttribute>`;
}

function attributeBody(attribute: DicomJsonAttribute): string {
  if (attribute.BulkDataURI !== undefined) return `<BulkData uri="${xmlAttribute(attribute.BulkDataURI)}"/>`;
  if (attribute.InlineBinary !== undefined) return `<InlineBinary>${xmlText(attribute.InlineBinary)}</InlineBinary>`;
  const values = attribute.Value ?? [];
  if (attribute.vr === 'SQ') return values.map((item, i) => itemXml(item, i + 1)).join('');
  if (attribute.vr === 'PN') return values.map((name, i) => personNameXml(name, i + 1)).join('');
  return values.map((value, i) => valueXml(value, i + 1)).join('');
}

function valueXml(value: DicomJsonValue, number: number): string {
  if (typeof value === 'number' || typeof value === 'string') {
    return `<Value number="${number}">${xmlText(String(value))}</Value>`;
  }
  return `<Value number="${number}"/>`;
}

function itemXml(item: DicomJsonValue, number: number): string {
  const content = item !== null && typeof item === 'object' ? dataSetXml(item as DicomJsonDataSet) : '';
  return content === '' ? `<Item number="${number}"/>` : `<Item number="${number}">${content}</Item>`;
}

/** A PN value's groups, each split at "^" into its five components; empty ones are left out. */
function personNameXml(value: DicomJsonValue, number: number): string {
  const name = (value ?? {}) as PersonNameValue;
  let groups = '';
  for (const group of GROUPS) {
    const text = name[group];
    if (text === undefined) continue;
    const components = text
      .split('^')
      .slice(0, COMPONENTS.length)
      .map((component, i) => (component === '' ? '' : `<${COMPONENTS[i]}>${xmlText(component)}</${COMPONENTS[i]}>`))
      .join('');
    groups += components === '' ? '' : `<${group}>${components}</${group}>`;
  }
  return groups === '' ? `<PersonName number="${number}"/>` : `<PersonName number="${number}">${groups}</PersonName>`;
}

const isPrivate = (tag: number): boolean => ((tag >>> 16) & 1) === 1;
const isPrivateCreator = (tag: number): boolean => isPrivate(tag) && (tag & 0xffff) >= 0x10 && (tag & 0xffff) <= 0xff;

/** The Private Creator that reserved the block of a private data element (gggg,xxee → gggg,00xx). */
function privateCreatorOf(tag: number, dataSet: DicomJsonDataSet): string | undefined {
  if (!isPrivate(tag) || (tag & 0xffff) < 0x1000) return undefined;
  const block = ((tag & 0xffff0000) | ((tag >>> 8) & 0xff)) >>> 0;
  const creator = dataSet[block.toString(16).toUpperCase().padStart(8, '0')]?.Value?.[0];
  return typeof creator === 'string' ? creator : undefined;
}

/** gggg00ee for a private data element whose creator is known: the block is not sent (PS3.19 A.1.5). */
function privateTag(tag: string, number: number, dataSet: DicomJsonDataSet): string | undefined {
  if (privateCreatorOf(number, dataSet) === undefined) return undefined;
  return `${tag.slice(0, 4)}00${tag.slice(6)}`;
}
