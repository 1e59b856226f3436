/** The query/retrieve level an attribute belongs to (PS3.18 10.6.1.2.2). */
export type QueryLevel = 'study' | 'series' | 'instance';

/** One attribute the parser extracts for the QIDO index. */
export interface AttributeSpec {
  /** The tag as 8 upper-case hex digits, the key of the DICOM JSON model. */
  readonly tag: string;
  readonly keyword: string;
  readonly vr: string;
  readonly level: QueryLevel;
}

/**
 * The attributes QIDO-RS matches and returns, read from the top-level data set of each instance.
 * ModalitiesInStudy and the Number of … Related … counts are derived from the tree, not read here;
 * sequences (RequestAttributesSequence) are left out. TransferSyntaxUID (0002,0010) is not listed:
 * it belongs to the File Meta Information, not the data set, and `ParsedInstance.transferSyntaxUid`
 * carries it.
 */
export const QIDO_ATTRIBUTES: readonly AttributeSpec[] = [
  { tag: '00080020', keyword: 'StudyDate', vr: 'DA', level: 'study' },
  { tag: '00080030', keyword: 'StudyTime', vr: 'TM', level: 'study' },
  { tag: '00080050', keyword: 'AccessionNumber', vr: 'SH', level: 'study' },
  { tag: '00080080', keyword: 'InstitutionName', vr: 'LO', level: 'study' },
  { tag: '00080090', keyword: 'ReferringPhysicianName', vr: 'PN', level: 'study' },
  { tag: '00080201', keyword: 'TimezoneOffsetFromUTC', vr: 'SH', level: 'study' },
  { tag: '00081030', keyword: 'StudyDescription', vr: 'LO', level: 'study' },
  { tag: '00100010', keyword: 'PatientName', vr: 'PN', level: 'study' },
  { tag: '00100020', keyword: 'PatientID', vr: 'LO', level: 'study' },
  { tag: '00100021', keyword: 'IssuerOfPatientID', vr: 'LO', level: 'study' },
  { tag: '00100030', keyword: 'PatientBirthDate', vr: 'DA', level: 'study' },
  { tag: '00100040', keyword: 'PatientSex', vr: 'CS', level: 'study' },
  { tag: '0020000D', keyword: 'StudyInstanceUID', vr: 'UI', level: 'study' },
  { tag: '00200010', keyword: 'StudyID', vr: 'SH', level: 'study' },

  { tag: '00080021', keyword: 'SeriesDate', vr: 'DA', level: 'series' },
  { tag: '00080031', keyword: 'SeriesTime', vr: 'TM', level: 'series' },
  { tag: '00080060', keyword: 'Modality', vr: 'CS', level: 'series' },
  { tag: '0008103E', keyword: 'SeriesDescription', vr: 'LO', level: 'series' },
  { tag: '00180015', keyword: 'BodyPartExamined', vr: 'CS', level: 'series' },
  { tag: '0020000E', keyword: 'SeriesInstanceUID', vr: 'UI', level: 'series' },
  { tag: '00200011', keyword: 'SeriesNumber', vr: 'IS', level: 'series' },
  { tag: '00200060', keyword: 'Laterality', vr: 'CS', level: 'series' },
  { tag: '00400244', keyword: 'PerformedProcedureStepStartDate', vr: 'DA', level: 'series' },
  { tag: '00400245', keyword: 'PerformedProcedureStepStartTime', vr: 'TM', level: 'series' },

  { tag: '00080005', keyword: 'SpecificCharacterSet', vr: 'CS', level: 'instance' },
  { tag: '00080008', keyword: 'ImageType', vr: 'CS', level: 'instance' },
  { tag: '00080016', keyword: 'SOPClassUID', vr: 'UI', level: 'instance' },
  { tag: '00080018', keyword: 'SOPInstanceUID', vr: 'UI', level: 'instance' },
  { tag: '00080022', keyword: 'AcquisitionDate', vr: 'DA', level: 'instance' },
  { tag: '00080023', keyword: 'ContentDate', vr: 'DA', level: 'instance' },
  { tag: '00080032', keyword: 'AcquisitionTime', vr: 'TM', level: 'instance' },
  { tag: '00080033', keyword: 'ContentTime', vr: 'TM', level: 'instance' },
  { tag: '00200013', keyword: 'InstanceNumber', vr: 'IS', level: 'instance' },
  { tag: '00280008', keyword: 'NumberOfFrames', vr: 'IS', level: 'instance' },
  { tag: '00280010', keyword: 'Rows', vr: 'US', level: 'instance' },
  { tag: '00280011', keyword: 'Columns', vr: 'US', level: 'instance' },
  { tag: '00280100', keyword: 'BitsAllocated', vr: 'US', level: 'instance' },
];

/** The table keyed by numeric tag, for the parser's per-element lookup. */
export const QIDO_ATTRIBUTES_BY_TAG: ReadonlyMap<number, AttributeSpec> = new Map(
  QIDO_ATTRIBUTES.map((spec) => [Number.parseInt(spec.tag, 16), spec]),
);
