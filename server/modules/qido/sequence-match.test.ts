import type { DicomJsonDataSet } from '../dicom/index.js';
import { parseQidoQuery } from './parse-query.js';
import { matchesSequenceConditions } from './sequence-match.js';

const parse = (level: 'study' | 'series' | 'instance', query: string) =>
  parseQidoQuery(level, new URLSearchParams(query), { defaultLimit: 100, maxLimit: 1000 });

/** Two request items: each key of the query must hold in one item. */
const dataSet: DicomJsonDataSet = {
  '00400275': {
    vr: 'SQ',
    Value: [
      {
        '00400009': { vr: 'SH', Value: ['SPS-1'] },
        '00401001': { vr: 'SH', Value: ['RP-9'] },
        '00321060': { vr: 'LO', Value: ['CT HEAD'] },
      },
      {
        '00400009': { vr: 'SH', Value: ['SPS-2'] },
        '00401001': { vr: 'SH', Value: ['RP-7'] },
        '00400008': {
          vr: 'SQ',
          Value: [{ '00080100': { vr: 'SH', Value: ['P5-0800'] }, '00080102': { vr: 'SH', Value: ['SRT'] } }],
        },
      },
    ],
  },
  '00081110': {
    vr: 'SQ',
    Value: [{ '00081150': { vr: 'UI', Value: ['1.2.840.10008.3.1.2.3.1'] } }],
  },
  '00540016': {
    vr: 'SQ',
    Value: [
      {
        '00181072': { vr: 'TM', Value: ['113900.000000'] },
        '00181074': { vr: 'DS', Value: [381470000] },
        '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Müller^Jérôme' }] },
      },
    ],
  },
};

const matches = (query: string) => matchesSequenceConditions(dataSet, parse('instance', query).sequenceConditions);

describe('sequence keys', () => {
  it('are read by keyword or tag, at any depth, and keep the other keys apart', () => {
    const query = parse(
      'study',
      'RequestAttributesSequence.ScheduledProcedureStepID=SPS-1&00400275.00400008.00080100=P5*&PatientID=1',
    );
    expect(query.sequenceConditions.map((condition) => condition.path)).toEqual([
      ['00400275', '00400009'],
      ['00400275', '00400008', '00080100'],
    ]);
    expect(query.conditions.map((condition) => condition.key.keyword)).toEqual(['PatientID']);
    // Not a sequence on the way, a sequence at the end, or unknown: ignored, as before.
    expect(parse('study', 'PatientName.PatientID=1&00081110=x&Nope.Nope=1').ignored).toEqual([
      'PatientName.PatientID',
      '00081110',
      'Nope.Nope',
    ]);
  });

  it('match when one item satisfies every key under its sequence', () => {
    expect(matches('RequestAttributesSequence.ScheduledProcedureStepID=SPS-1')).toBe(true);
    expect(matches('00400275.00400009=SPS-1&00400275.00401001=RP-9')).toBe(true);
    // Each holds in some item, but not both in the same one.
    expect(matches('00400275.00400009=SPS-1&00400275.00401001=RP-7')).toBe(false);
    expect(matches('00400275.00400009=SPS-2&00400275.00400008.00080100=P5-0800')).toBe(true);
    expect(matches('00400275.00400009=SPS-1&00400275.00400008.00080100=P5-0800')).toBe(false);
  });

  it('match values as the index does: wildcards, UID lists, ranges, numbers, names', () => {
    expect(matches('00400275.00321060=ct*')).toBe(false); // wildcards are case-sensitive but for names
    expect(matches('00400275.00321060=CT*')).toBe(true);
    expect(matches('00400275.00321060=CT?HEAD')).toBe(true);
    expect(matches('ReferencedStudySequence.ReferencedSOPClassUID=1.2.3,1.2.840.10008.3.1.2.3.1')).toBe(true);
    expect(matches('ReferencedStudySequence.ReferencedSOPClassUID=1.2.3')).toBe(false);
    expect(matches('00540016.00181072=1100-1200')).toBe(true);
    expect(matches('00540016.00181072=-1139')).toBe(true);
    expect(matches('00540016.00181072=1140-')).toBe(false);
    expect(matches('00540016.00181074=381470000')).toBe(true);
    expect(matches('00540016.00181074=3.8147e8')).toBe(true);
    expect(matches('00540016.PatientName=muller*')).toBe(true);
    expect(matches('00540016.PatientName=MULLER^JEROME')).toBe(true);
    expect(matches('00540016.PatientName=')).toBe(true);
    expect(matches('00081111.00081150=1.2.3')).toBe(false); // absent sequence
  });
});
