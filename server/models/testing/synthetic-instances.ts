// Synthetic DICOM instances as the engine sees them after ingest (a path, a file record, the
// parsed metadata), for tests and benchmarks of the versioning engine and its index at sizes
// where real files would only measure the disk. Deterministic for a given tag.
import { createHash } from 'node:crypto';
import type { Digest } from '@strata/modules/blob';
import type { PathEdit } from '@strata/modules/objects';
import type { FileRecord } from '../versioning/file-repository.js';
import type { InstanceMetadataRecord } from '../versioning/metadata-repository.js';

export interface SyntheticBatch {
  edits: PathEdit[];
  files: FileRecord[];
  metadata: InstanceMetadataRecord[];
}

export interface SyntheticOptions {
  /** Instances to make. */
  count: number;
  /** Makes the file ids (and so the batch) differ between batches of the same shape. */
  tag: string;
  perSeries?: number;
  seriesPerStudy?: number;
  /** Study numbers start here, so batches can add studies beside earlier ones. */
  firstStudy?: number;
}

const FAMILY = ['DOE', 'SMITH', 'MÜLLER', 'GARCÍA', 'NGUYEN', 'KOWALSKI', 'ROSSI', 'YAMADA', 'DUBOIS', 'OKAFOR'];
const GIVEN = ['JANE', 'JOHN', 'JÉRÔME', 'ANA', 'LI', 'OLU', 'MARIA', 'PIOTR'];
const MODALITIES = ['CT', 'MR', 'PT', 'US'];

export const syntheticStudyUid = (study: number) => `1.2.826.0.1.3680043.10.1.${study}`;

/** What a study of the synthetic generator looks like: its patient, date and modality. */
export function syntheticStudy(study: number) {
  const name = `${FAMILY[study % FAMILY.length] ?? ''}^${GIVEN[Math.floor(study / FAMILY.length) % GIVEN.length] ?? ''}`;
  const day = new Date(Date.UTC(2000, 0, 1) + ((study * 7919) % 9000) * 86_400_000);
  return {
    uid: syntheticStudyUid(study),
    patientName: name,
    patientId: `P${String(study % 5000).padStart(5, '0')}`,
    studyDate: day.toISOString().slice(0, 10).replaceAll('-', ''),
  };
}

export function syntheticInstances(options: SyntheticOptions): SyntheticBatch {
  const perSeries = options.perSeries ?? 100;
  const seriesPerStudy = options.seriesPerStudy ?? 10;
  const batch: SyntheticBatch = { edits: [], files: [], metadata: [] };
  for (let i = 0; i < options.count; i++) {
    const seriesIndex = Math.floor(i / perSeries);
    const studyNumber = (options.firstStudy ?? 0) + Math.floor(seriesIndex / seriesPerStudy);
    const study = syntheticStudy(studyNumber);
    const seriesUid = `${study.uid}.${seriesIndex % seriesPerStudy}`;
    const sopUid = `${seriesUid}.${i % perSeries}`;
    const modality = MODALITIES[(studyNumber + (seriesIndex % seriesPerStudy)) % MODALITIES.length] ?? 'OT';
    const id = createHash('sha256').update(`${options.tag}:${i}`).digest('hex') as Digest;
    batch.edits.push({ path: `${study.uid}/${seriesUid}/${sopUid}`, file: { kind: 'dicom', id, bytes: 9_000 } });
    batch.files.push({ id, size: 9_000, parts: [id] });
    batch.metadata.push({
      fileId: id,
      studyInstanceUid: study.uid,
      seriesInstanceUid: seriesUid,
      sopInstanceUid: sopUid,
      sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
      transferSyntaxUid: '1.2.840.10008.1.2.1',
      numberOfFrames: 1,
      headerEnd: 1_000,
      attributes: {
        '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.2'] },
        '00080018': { vr: 'UI', Value: [sopUid] },
        '00080020': { vr: 'DA', Value: [study.studyDate] },
        '00080060': { vr: 'CS', Value: [modality] },
        '00100010': { vr: 'PN', Value: [{ Alphabetic: study.patientName }] },
        '00100020': { vr: 'LO', Value: [study.patientId] },
        '0020000D': { vr: 'UI', Value: [study.uid] },
        '0020000E': { vr: 'UI', Value: [seriesUid] },
        '00200011': { vr: 'IS', Value: [seriesIndex % seriesPerStudy] },
        '00200013': { vr: 'IS', Value: [(i % perSeries) + 1] },
      },
    });
  }
  return batch;
}
