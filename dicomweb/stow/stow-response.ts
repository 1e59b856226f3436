import type { StowResult } from '@strata/services/dicomweb';

type Attribute = { vr: string; Value?: unknown[] };

/**
 * The Store Instances Response (PS3.18 10.5.3): ReferencedSOPSequence with one item per stored
 * instance (with its RetrieveURL), FailedSOPSequence with a FailureReason per failed part, and the
 * study's RetrieveURL when the request named one study or everything stored is in one.
 */
export function stowResponse(
  result: StowResult,
  base: string,
  studyUid: string | undefined,
): Record<string, Attribute> {
  const studies = new Set(result.stored.map((s) => s.studyUid));
  const study = studyUid ?? (studies.size === 1 ? [...studies][0] : undefined);
  const ui = (value: string | undefined): Attribute =>
    value === undefined ? { vr: 'UI' } : { vr: 'UI', Value: [value] };
  const response: Record<string, Attribute> = {};
  if (study !== undefined) response['00081190'] = { vr: 'UR', Value: [`${base}/studies/${study}`] };
  response['00081198'] =
    result.failed.length === 0
      ? { vr: 'SQ' }
      : {
          vr: 'SQ',
          Value: result.failed.map((f) => ({
            '00081150': ui(f.sopClassUid),
            '00081155': ui(f.sopUid),
            '00081197': { vr: 'US', Value: [f.reason] },
          })),
        };
  response['00081199'] =
    result.stored.length === 0
      ? { vr: 'SQ' }
      : {
          vr: 'SQ',
          Value: result.stored.map((s) => ({
            '00081150': ui(s.sopClassUid),
            '00081155': ui(s.sopUid),
            ...(s.warningReason !== undefined && { '00081196': { vr: 'US', Value: [s.warningReason] } }),
            '00081190': {
              vr: 'UR',
              Value: [`${base}/studies/${s.studyUid}/series/${s.seriesUid}/instances/${s.sopUid}`],
            },
          })),
        };
  return response;
}

/** 200 all stored, 202 some failed, 409 none stored (PS3.18 10.5.3.1). */
export function stowStatus(result: StowResult): 200 | 202 | 409 {
  if (result.stored.length === 0) return 409;
  return result.failed.length === 0 ? 200 : 202;
}
