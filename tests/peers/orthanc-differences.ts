// What Strata's DICOMweb answers differently from Orthanc's (Debian's Orthanc 1.10 with its DICOMweb
// plugin 1.7) for the same files and requests, and why. orthanc-reference.test.ts fails on any
// other difference and on any of these that no longer occurs; docs/conformance.md says the same
// in prose ("Compared with Orthanc"). Each matcher checks the shape of the difference, not only
// the tag, so that a new difference in a listed attribute still fails.
import { sameJson, type AttributeDifference, type DicomAttribute } from '../support/dicom-json-diff.js';

export type Area = 'qido' | 'metadata' | 'bulkdata';

/** One attribute that differs in one result of one request. */
export interface Observed extends Omit<AttributeDifference, 'left' | 'right'> {
  area: Area;
  request: string;
  uids: { study: string; series: string | undefined; instance: string | undefined };
  strata: DicomAttribute | undefined;
  orthanc: DicomAttribute | undefined;
  /** For bulk data: what each BulkDataURI answered (SHA-256 prefixes of the parts, or the status). */
  bytes?: { strata: string; orthanc: string };
  /** For bulk data: the instance's stored transfer syntax. */
  transferSyntax?: string | undefined;
}

export interface Context {
  /** `http://…/dicomweb/peers/reference/@main` */
  strataBase: string;
  /** `http://…/dicom-web` */
  orthancBase: string;
  /** PatientName as Orthanc's own WADO-RS metadata gives it (decoded from the file), by study. */
  namesFromFiles: Map<string, unknown>;
}

export interface KnownDifference {
  id: string;
  areas: Area[];
  /** Which side follows PS3.18 here; `both` where the standard leaves the choice to the server. */
  follows: 'Strata' | 'Orthanc' | 'both';
  /** Set when Strata is the side to fix: the failing test that says so. */
  strataBug?: string;
  reason: string;
  matches(difference: Observed, context: Context): boolean;
}

/** The attributes Strata's QIDO index keeps and returns (docs/conformance.md, QIDO-RS). */
const STRATA_QIDO_ATTRIBUTES = new Set([
  // study
  '00080020', '00080030', '00080050', '00080061', '00080080', '00080090', '00081030', '00100010', '00100020',
  '00100021', '00100030', '00100040', '0020000D', '00200010', '00201206', '00201208',
  // series
  '00080021', '00080031', '00080060', '0008103E', '00180015', '0020000E', '00200011', '00200060', '00201209',
  '00400244', '00400245',
  // instance
  '00080005', '00080008', '00080016', '00080018', '00080022', '00080023', '00080032', '00080033', '00200013',
  '00280008', '00280010', '00280011', '00280100',
]); // prettier-ignore

const first = (attribute: DicomAttribute | undefined) => attribute?.Value?.[0];
const topLevel = (d: Observed) => d.path === d.tag;
const isPrivate = (tag: string) => parseInt(tag.slice(0, 4), 16) % 2 === 1;

/** The resource's own URL below a base, from the UIDs of the result. */
function resourcePath({ uids, area }: Observed): string {
  if (area !== 'qido') return `/studies/${uids.study}/series/${uids.series}/instances/${uids.instance}`;
  return [
    `/studies/${uids.study}`,
    uids.series === undefined ? '' : `/series/${uids.series}`,
    uids.instance === undefined ? '' : `/instances/${uids.instance}`,
  ].join('');
}

/** A person name's groups without the empty ones (PS3.18 F.2.2 encodes only non-empty groups). */
const nonEmptyGroups = (value: unknown) =>
  (value as Record<string, string>[] | undefined)?.map((name) =>
    Object.fromEntries(Object.entries(name).filter(([, group]) => group !== '')),
  );

export const KNOWN_DIFFERENCES: KnownDifference[] = [
  {
    id: 'retrieve-url-base',
    areas: ['qido'],
    follows: 'both',
    reason:
      "RetrieveURL (0008,1190) is built from each server's own base URL (PS3.18 10.6.3.3); the resource path after it is the same",
    matches: (d, c) => {
      const [s, o] = [first(d.strata), first(d.orthanc)];
      return (
        d.tag === '00081190' &&
        d.strata?.vr === 'UR' &&
        d.orthanc?.vr === 'UR' &&
        s === `${c.strataBase}${resourcePath(d)}` &&
        o === `${c.orthancBase}${resourcePath(d)}`
      );
    },
  },
  {
    id: 'bulkdata-uri-form',
    areas: ['metadata'],
    follows: 'both',
    reason:
      'Each server chooses the form of its BulkDataURIs (PS3.18 F.2.6): Strata names the value by its byte range ' +
      'in the stored file (…/bulkdata/{offset}-{length}, stable for the version), Orthanc by its tag path ' +
      '(…/bulk/{tag}[/{item}/{tag}…]); both URIs answer the same bytes (checked, but for big endian files)',
    matches: (d, c) => {
      const instance = resourcePath(d);
      const strataForm = new RegExp(`^${escape(c.strataBase + instance)}/bulkdata/\\d+-\\d+$`);
      const orthancForm = `${c.orthancBase}${instance}/bulk/${d.path}`.toLowerCase();
      return (
        d.strata?.vr === d.orthanc?.vr &&
        d.strata?.Value === undefined &&
        d.orthanc?.Value === undefined &&
        strataForm.test(d.strata?.BulkDataURI ?? '') &&
        d.orthanc?.BulkDataURI?.toLowerCase() === orthancForm
      );
    },
  },
  {
    id: 'encapsulated-pixel-data-left-out',
    areas: ['metadata'],
    follows: 'Strata',
    reason:
      'Orthanc leaves encapsulated (compressed) Pixel Data out of the metadata; Strata gives it a BulkDataURI like ' +
      'any other bulk data, as PS3.18 asks of metadata (10.4 and F.2: the whole data set, bulk data by reference), ' +
      'so a client reads from the metadata alone whether an instance has pixels',
    matches: (d, c) =>
      d.tag === '7FE00010' &&
      topLevel(d) &&
      d.orthanc === undefined &&
      d.strata?.vr === 'OB' &&
      (d.strata.BulkDataURI ?? '').startsWith(`${c.strataBase}${resourcePath(d)}/bulkdata/`),
  },
  {
    id: 'available-transfer-syntax',
    areas: ['metadata'],
    follows: 'both',
    reason:
      'Strata adds AvailableTransferSyntaxUID (0008,3002) with the stored transfer syntax, so a client can ask for ' +
      'frames and bulk data as stored without a round trip; Orthanc does not',
    matches: (d) =>
      d.tag === '00083002' &&
      topLevel(d) &&
      d.orthanc === undefined &&
      d.strata?.vr === 'UI' &&
      d.strata.Value?.length === 1,
  },
  {
    id: 'private-attributes-without-vr',
    areas: ['metadata'],
    follows: 'both',
    reason:
      'Private attributes of implicit-VR files carry no VR: Orthanc types them from DCMTK’s private dictionary ' +
      '(LO, UL, CS, …) and sends their values; Strata, without a private dictionary, sends them as UN by BulkDataURI ' +
      '(PS3.5 6.2.2, PS3.18 F.2.3)',
    matches: (d) =>
      isPrivate(d.tag) &&
      d.strata?.vr === 'UN' &&
      d.strata.BulkDataURI !== undefined &&
      d.orthanc?.vr !== undefined &&
      d.orthanc.vr !== 'UN' &&
      d.orthanc.BulkDataURI === undefined,
  },
  {
    id: 'specific-character-set-in-results',
    areas: ['qido'],
    follows: 'Strata',
    reason:
      'Orthanc answers SpecificCharacterSet "ISO_IR 100" (its DefaultEncoding) in every result, whatever the files ' +
      'hold, Cyrillic, Japanese and UTF-8 ones included. In DICOM JSON the attribute names the source data set’s ' +
      'character set, not the JSON’s (PS3.18 F.2.2, note 3): Strata gives the instance’s own value at instance ' +
      'level, and leaves it out where the data set has none and at study and series level',
    matches: (d) =>
      d.tag === '00080005' &&
      sameJson(d.orthanc, { vr: 'CS', Value: ['ISO_IR 100'] }) &&
      (d.strata === undefined || (d.strata.vr === 'CS' && d.uids.instance !== undefined)),
  },
  {
    id: 'empty-value-in-multi-valued-attribute',
    areas: ['metadata'],
    follows: 'Strata',
    reason:
      'A multi-valued attribute with an empty value (SpecificCharacterSet "\\ISO 2022 IR 87"): Strata keeps it as null ' +
      '(PS3.18 F.2.5); Orthanc drops it, so the value count and the meaning (no extension for G0) change',
    matches: (d) =>
      d.orthanc?.vr === d.strata?.vr &&
      (d.strata?.Value ?? []).includes(null) &&
      sameJson(
        d.strata?.Value?.filter((v) => v !== null),
        d.orthanc?.Value,
      ),
  },
  {
    id: 'person-name-groups-in-search-results',
    areas: ['qido'],
    follows: 'Strata',
    reason:
      'Orthanc’s search results take PatientName from its index, which loses what Latin-1 cannot hold: Cyrillic ' +
      'letters disappear and ideographic and phonetic groups become "^". Strata answers the name as decoded from ' +
      'the file’s Specific Character Set (PS3.5 6.1, PS3.18 F.2.2), equal to what Orthanc’s own metadata gives',
    matches: (d, c) =>
      d.tag === '00100010' &&
      d.strata?.vr === 'PN' &&
      d.orthanc?.vr === 'PN' &&
      sameJson(d.strata.Value, nonEmptyGroups(c.namesFromFiles.get(d.uids.study))),
  },
  {
    id: 'empty-person-name-group',
    areas: ['metadata'],
    follows: 'Strata',
    reason:
      'Orthanc sends an empty name group ("Phonetic": ""); PS3.18 F.2.2 encodes only the non-empty groups of a ' +
      'person name, as Strata does',
    matches: (d) =>
      d.orthanc?.vr === 'PN' &&
      d.strata?.vr === 'PN' &&
      !sameJson(d.orthanc.Value, nonEmptyGroups(d.orthanc.Value)) &&
      sameJson(d.strata.Value, nonEmptyGroups(d.orthanc.Value)),
  },
  {
    id: 'encoded-includefield-ignored',
    areas: ['qido'],
    follows: 'Strata',
    reason:
      'OHIF asks for includefield=00081030%2C00080060 (the comma percent-encoded): Orthanc ignores the list and ' +
      'leaves StudyDescription out; Strata decodes the query string first (RFC 3986) and returns it, as PS3.18 ' +
      '10.6.3.3.1 requires of includefield attributes',
    matches: (d) =>
      d.request.includes('includefield=00081030%2C') &&
      d.uids.series === undefined &&
      d.tag === '00081030' &&
      d.orthanc === undefined &&
      d.strata?.vr === 'LO',
  },
  {
    id: 'more-attributes-in-search-results',
    areas: ['qido'],
    follows: 'both',
    reason:
      'Orthanc returns the attributes PS3.18 Tables 10.6.3-3 to -5 require (and those asked for); Strata returns ' +
      'besides every attribute its index keeps for the result’s study, series and instance, and the counts of ' +
      'the levels above (StudyDescription at study level included, which viewers show in their study lists)',
    matches: (d) =>
      topLevel(d) && d.orthanc === undefined && d.strata !== undefined && STRATA_QIDO_ATTRIBUTES.has(d.tag),
  },
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
