import { isStrataError } from '../errors/index.js';
import { parseQidoQuery, scopedTo } from './parse-query.js';
import { normalizePersonName, personNameSearchValues } from './person-name.js';
import type { QueryLevel } from './query.js';

const options = { maxLimit: 1000, defaultLimit: 100 };
const parse = (level: QueryLevel, query: string) => parseQidoQuery(level, new URLSearchParams(query), options);
const matchOf = (level: QueryLevel, query: string) =>
  parse(level, query).conditions.map((c) => [c.key.keyword, c.match]);

function refusal(level: QueryLevel, query: string): { code: string; parameter: unknown } {
  try {
    parse(level, query);
  } catch (error) {
    if (isStrataError(error)) return { code: error.code, parameter: error.details?.['parameter'] };
    throw error;
  }
  throw new Error(`${query} was accepted`);
}

describe('parseQidoQuery', () => {
  it('reads keywords and tags into typed matches', () => {
    expect(
      matchOf('study', 'PatientName=doe*&00080020=20200101-20201231&StudyInstanceUID=1.2.3,1.2.4&AccessionNumber=A1'),
    ).toEqual([
      ['PatientName', { kind: 'wildcard', pattern: 'DOE*' }],
      ['StudyDate', { kind: 'range', from: '20200101', to: '20201231' }],
      ['StudyInstanceUID', { kind: 'list', values: ['1.2.3', '1.2.4'] }],
      ['AccessionNumber', { kind: 'single', value: 'A1' }],
    ]);
    expect(matchOf('study', 'StudyDate=-20201231&StudyTime=1200-')).toEqual([
      ['StudyDate', { kind: 'range', to: '20201231' }],
      ['StudyTime', { kind: 'range', from: '1200' }],
    ]);
    expect(matchOf('study', 'StudyInstanceUID=1.2.3%5C1.2.5')).toEqual([
      ['StudyInstanceUID', { kind: 'list', values: ['1.2.3', '1.2.5'] }],
    ]);
  });

  it('normalises person names (case, accents) and integers, and keeps empty values as universal matching', () => {
    expect(matchOf('study', 'PatientName=Jérôme^Ana')).toEqual([
      ['PatientName', { kind: 'single', value: 'JEROME^ANA' }],
    ]);
    expect(matchOf('instance', 'InstanceNumber=%2B05&PatientID=')).toEqual([
      ['InstanceNumber', { kind: 'single', value: '5' }],
      ['PatientID', { kind: 'universal' }],
    ]);
    expect(normalizePersonName('Müller^Zoë')).toBe('MULLER^ZOE');
    expect(personNameSearchValues([{ Alphabetic: 'Yamada^Tarou', Ideographic: '山田^太郎' }, null])).toEqual([
      'YAMADA^TAROU',
      '山田^太郎',
    ]);
  });

  it('reads limit, offset, fuzzymatching and includefield, capping limit', () => {
    const query = parse('series', 'limit=5000&offset=20&fuzzymatching=true&includefield=StudyDescription,00081030,all');
    expect(query).toMatchObject({ limit: 1000, offset: 20, fuzzy: true, includeFields: 'all' });
    expect(parse('series', 'includefield=Modality').includeFields).toEqual(['00080060']);
    expect(parse('study', '').limit).toBe(100);
  });

  it('sends includefield names the index cannot return at the level to the headers, and ignores the rest', () => {
    const query = parse(
      'study',
      'includefield=Rows,PatientAge,00090010,0009103F,00091001,00020010,00280000,BogusKeyword,00080061',
    );
    // Rows is indexed at instance level; PatientAge and the private 0009,103F are not indexed at
    // all, nor are the private data elements (0009,103F) and (0009,1001). The Private Creator
    // (0009,0010), File Meta Information and a group length cannot be asked for.
    expect(query.extraFields).toEqual(['00280010', '00101010', '0009103F', '00091001']);
    expect(query.includeFields).toEqual(['00080061']);
    expect(query.ignored).toEqual(['00090010', '00020010', '00280000', 'BogusKeyword']);
  });

  it('ignores, and lists, keys it cannot match: unknown, below the level, counts', () => {
    const query = parse('study', 'Modality=CT&NoSuchKeyword=1&NumberOfStudyRelatedInstances=3');
    expect(query.conditions).toEqual([]);
    expect(query.ignored).toEqual(['Modality', 'NoSuchKeyword', 'NumberOfStudyRelatedInstances']);
    expect(query.includeFields).toEqual(['00201208']);
  });

  it.each([
    ['StudyDate=2020-01-01', 'StudyDate'],
    ['StudyDate=20201231-20200101', 'StudyDate'],
    ['StudyDate=20200101-20200102-20200103', 'StudyDate'],
    ['StudyInstanceUID=1.2.abc', 'StudyInstanceUID'],
    ['StudyInstanceUID=1.02.3', 'StudyInstanceUID'],
    ['limit=-1', 'limit'],
    ['limit=0', 'limit'],
    ['offset=x', 'offset'],
    ['limit=1&limit=2', 'limit'],
    ['fuzzymatching=yes', 'fuzzymatching'],
    ['PatientID=a&00100020=b', '00100020'],
    ['Patient Name=x', 'Patient Name'],
    ['StudyTime=25x', 'StudyTime'],
  ])('refuses %s, naming the parameter', (query, parameter) => {
    expect(refusal('study', query)).toEqual({ code: 'qido.invalid_parameter', parameter });
  });

  it('fixes the UIDs of a URL path, replacing the same keys of the query string', () => {
    const query = scopedTo(parse('instance', 'StudyInstanceUID=9.9&SOPClassUID=1.2.840.10008.5.1.4.1.1.2'), {
      study: '1.2.3',
      series: '1.2.3.4',
    });
    expect(query.conditions.map((c) => [c.key.keyword, c.match])).toEqual([
      ['StudyInstanceUID', { kind: 'single', value: '1.2.3' }],
      ['SeriesInstanceUID', { kind: 'single', value: '1.2.3.4' }],
      ['SOPClassUID', { kind: 'single', value: '1.2.840.10008.5.1.4.1.1.2' }],
    ]);
  });
});
