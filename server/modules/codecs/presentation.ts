import type { DicomJsonDataSet } from '../dicom/index.js';
import { itemOf, numberOf, numbersOf, textOf } from './data-set-values.js';

/** The VOI LUT Functions of PS3.3 C.11.2.1.3, in the spelling PS3.18's window parameter uses. */
export type VoiFunction = 'linear' | 'linear-exact' | 'sigmoid';

/** A VOI window: centre and width in modality units (after Rescale Slope and Intercept). */
export interface VoiWindow {
  readonly center: number;
  readonly width: number;
  readonly function: VoiFunction;
}

/** What turns one frame's stored values into displayed grey levels. */
export interface FramePresentation {
  readonly rescaleSlope: number;
  readonly rescaleIntercept: number;
  /** The first window the data set suggests, if any. */
  readonly window: VoiWindow | undefined;
}

const SHARED_FUNCTIONAL_GROUPS = '52009229';
const PER_FRAME_FUNCTIONAL_GROUPS = '52009230';
const PIXEL_VALUE_TRANSFORMATION = '00289145';
const FRAME_VOI_LUT = '00289132';

/**
 * The Modality LUT (Rescale Slope and Intercept) and VOI window of one frame: from the top-level
 * data set, or for enhanced multi-frame objects from the frame's per-frame functional group, then
 * the shared one (PS3.3 C.7.6.16).
 */
export function framePresentation(dataSet: DicomJsonDataSet, frameNumber: number): FramePresentation {
  const perFrame = itemOf(dataSet, PER_FRAME_FUNCTIONAL_GROUPS, frameNumber - 1);
  const shared = itemOf(dataSet, SHARED_FUNCTIONAL_GROUPS);
  const sources = [dataSet, itemOf(perFrame, PIXEL_VALUE_TRANSFORMATION), itemOf(shared, PIXEL_VALUE_TRANSFORMATION)];
  const rescale = sources.find((source) => numberOf(source, '00281053') !== undefined);
  const voiSources = [dataSet, itemOf(perFrame, FRAME_VOI_LUT), itemOf(shared, FRAME_VOI_LUT)];
  const voi = voiSources.find(
    (source) => numberOf(source, '00281050') !== undefined && numberOf(source, '00281051') !== undefined,
  );
  const slope = numberOf(rescale, '00281053') ?? 1;
  return {
    rescaleSlope: slope === 0 ? 1 : slope,
    rescaleIntercept: numberOf(rescale, '00281052') ?? 0,
    window: voi === undefined ? undefined : windowOf(voi),
  };
}

function windowOf(source: DicomJsonDataSet): VoiWindow | undefined {
  const center = numbersOf(source, '00281050')[0];
  const width = numbersOf(source, '00281051')[0];
  if (center === undefined || width === undefined || !(width > 0)) return undefined;
  const named = textOf(source, '00281056');
  const voiFunction: VoiFunction =
    named === 'SIGMOID' ? 'sigmoid' : named === 'LINEAR_EXACT' ? 'linear-exact' : 'linear';
  return { center, width, function: voiFunction };
}
