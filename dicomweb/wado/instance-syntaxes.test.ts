import { describe, expect, it } from '@jest/globals';
import type { DicomJsonDataSet } from '@strata/modules/dicom';
import type { TranscodingHeader, VersionInstance } from '@strata/services/dicomweb';
import { parseAccept } from '../http/index.js';
import { deliveriesFor } from './instance-syntaxes.js';

const LE = '1.2.840.10008.1.2.1';
const IMPLICIT = '1.2.840.10008.1.2';
const RLE = '1.2.840.10008.1.2.5';
const JPEG = '1.2.840.10008.1.2.4.50';
const JPEG_12 = '1.2.840.10008.1.2.4.51';
const HTJ2K = '1.2.840.10008.1.2.4.201';
const DICOM = 'multipart/related; type="application/dicom"';

const image = (bits: number, photometric: string, samples = 1): DicomJsonDataSet => ({
  '00280002': { vr: 'US', Value: [samples] },
  '00280004': { vr: 'CS', Value: [photometric] },
  '00280010': { vr: 'US', Value: [64] },
  '00280011': { vr: 'US', Value: [64] },
  '00280100': { vr: 'US', Value: [bits] },
  '00280101': { vr: 'US', Value: [bits === 16 ? 12 : bits] },
  '00280103': { vr: 'US', Value: [0] },
  '7FE00010': { vr: 'OW', BulkDataURI: '' },
});

/** A CT (16-bit, explicit VR), a palette US (8-bit RLE), an SR (implicit VR, no pixels) and a 12-bit JPEG. */
const SERIES: { sop: string; syntax: string; header: DicomJsonDataSet }[] = [
  { sop: '1.1', syntax: LE, header: image(16, 'MONOCHROME2') },
  { sop: '1.2', syntax: RLE, header: image(8, 'PALETTE COLOR') },
  { sop: '1.3', syntax: IMPLICIT, header: { '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.88.11'] } } },
  { sop: '1.4', syntax: JPEG_12, header: image(16, 'MONOCHROME2') },
];

const instances = SERIES.map(
  ({ sop, syntax }) =>
    ({
      studyUid: '1',
      seriesUid: '1',
      sopUid: sop,
      file: {},
      metadata: { transferSyntaxUid: syntax },
    }) as unknown as VersionInstance,
);

async function plan(accept: string, which = instances, rewritable = true) {
  const read: string[] = [];
  const describe = async (converted: readonly VersionInstance[]): Promise<TranscodingHeader[]> => {
    read.push(...converted.map((instance) => instance.sopUid));
    return converted.map((instance) => ({
      dataSet: SERIES.find((s) => s.sop === instance.sopUid)?.header ?? {},
      rewritable,
    }));
  };
  const deliveries = await deliveriesFor(parseAccept(accept), which, describe);
  return { sent: deliveries.map((d) => [d.transferSyntaxUid, d.transcodeTo ?? 'as stored']), read };
}

describe('deliveriesFor: the transfer syntax of each instance of a retrieve', () => {
  it('sends everything as stored for *, no transfer syntax, or */*, and reads no header', async () => {
    for (const accept of [`${DICOM}; transfer-syntax=*`, DICOM, '*/*', '']) {
      const { sent, read } = await plan(accept);
      expect(sent).toEqual(SERIES.map((s) => [s.syntax, 'as stored']));
      expect(read).toEqual([]);
    }
  });

  it('gives each instance the heaviest syntax it can be sent in, as stored when that is accepted', async () => {
    const { sent, read } = await plan(
      `${DICOM}; transfer-syntax=${HTJ2K}, ${DICOM}; transfer-syntax=${RLE}; q=0.8, ${DICOM}; transfer-syntax=*; q=0.1`,
    );
    expect(sent).toEqual([
      [HTJ2K, HTJ2K], // 16-bit CT: HTJ2K
      [HTJ2K, HTJ2K], // 8-bit palette: HTJ2K keeps the indices
      [LE, HTJ2K], // no Pixel Data: Explicit VR Little Endian, re-encoded from implicit VR
      [JPEG_12, 'as stored'], // 12-bit JPEG cannot be decoded: the wildcard takes it as stored
    ]);
    expect(read).toEqual(['1.1', '1.2', '1.3', '1.4']);
  });

  it('keeps the stored syntax when it is named, even beside a heavier conversion of the others', async () => {
    const { sent } = await plan(
      `${DICOM}; transfer-syntax=${RLE}, ${DICOM}; transfer-syntax=${LE}; q=0.5`,
      instances.slice(0, 3),
    );
    expect(sent).toEqual([
      [RLE, RLE],
      [RLE, 'as stored'],
      [LE, RLE],
    ]);
  });

  it('refuses the whole request, naming the instance and what it can be, when one cannot be sent', async () => {
    // JPEG baseline: lossy palette indices are never made, and 16-bit samples do not fit.
    await expect(plan(`${DICOM}; transfer-syntax=${JPEG}`, instances.slice(1, 2))).rejects.toMatchObject({
      code: 'request.not_acceptable',
      details: { instance: '1.2', storedTransferSyntax: RLE, available: expect.arrayContaining(['*', RLE, LE, HTJ2K]) },
    });
    await expect(plan(`${DICOM}; transfer-syntax=${LE}`)).rejects.toMatchObject({ details: { instance: '1.4' } });
  });

  it('sends a file without File Meta Information only as it is', async () => {
    await expect(plan(`${DICOM}; transfer-syntax=${HTJ2K}`, instances.slice(0, 1), false)).rejects.toMatchObject({
      details: { instance: '1.1', available: ['*', LE] },
    });
  });
});
