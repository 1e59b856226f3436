import { transcodeTargets, type TranscodeTargets } from '@strata/modules/codecs';
import { isStrataError, StrataError } from '@strata/modules/errors';
import type { InstanceDelivery, TranscodingHeader, VersionInstance } from '@strata/services/dicomweb';
import { negotiate, type Accept } from '../http/index.js';

const DICOM = 'multipart/related; type="application/dicom"';
const AS_STORED = `${DICOM}; transfer-syntax=*`;

/**
 * The transfer syntax each instance of a retrieve goes out in, decided before any byte is sent.
 * Per instance, the Accept ranges (q-values, wildcards, several transfer syntaxes) choose among
 * what it can be sent as: as stored first (`*`, no transfer syntax, or its stored syntax), then
 * what transcodeTargets allows for its recorded syntax. Where that means converting, the
 * instance's header (`describe`: its DICOM JSON, and whether it has File Meta Information,
 * without which it is only sent as stored) settles what its pixels allow, and the choice is made
 * again. One instance that cannot be sent in anything acceptable makes the whole request
 * 406 `request.not_acceptable`, whose details name it and list what it can be sent as.
 */
export async function deliveriesFor(
  accept: Accept,
  instances: readonly VersionInstance[],
  describe: (instances: readonly VersionInstance[]) => Promise<TranscodingHeader[]>,
): Promise<InstanceDelivery[]> {
  const coarse = instances.map((instance) => choose(accept, instance, undefined));
  const converted = coarse.flatMap((choice, index) => (choice.transcodeTo === undefined ? [] : [index]));
  if (converted.length === 0) return coarse;
  const dataSets = await describe(converted.map((index) => instances[index] as VersionInstance));
  const deliveries = [...coarse];
  converted.forEach((index, at) => {
    deliveries[index] = choose(accept, instances[index] as VersionInstance, dataSets[at]);
  });
  return deliveries;
}

/** `header`: undefined before the instance's header is read. */
function choose(accept: Accept, instance: VersionInstance, header: TranscodingHeader | undefined): InstanceDelivery {
  const stored = instance.metadata?.transferSyntaxUid;
  let targets: TranscodeTargets = new Map();
  if (stored !== undefined) {
    targets = transcodeTargets(stored, header?.dataSet);
    // A file without File Meta Information is only sent as it is (an instance without pixels asked compressed too).
    if (header?.rewritable === false) targets = new Map([...targets].filter(([, sent]) => sent === stored));
  }
  const offers = [AS_STORED, ...[...targets.keys()].map((uid) => `${DICOM}; transfer-syntax=${uid}`)];
  let requested: string | undefined;
  try {
    requested = negotiate(accept, offers).transferSyntax;
  } catch (error) {
    if (!isStrataError(error) || error.code !== 'request.not_acceptable') throw error;
    throw new StrataError(
      'request.not_acceptable',
      'not_acceptable',
      `Instance ${instance.sopUid} (stored as ${stored ?? 'unknown'}) cannot be sent in any transfer syntax accepted; it can be sent as ${['*', ...targets.keys()].join(', ')}.`,
      {
        details: {
          ...error.details,
          instance: instance.sopUid,
          storedTransferSyntax: stored,
          available: ['*', ...targets.keys()],
        },
      },
    );
  }
  const sent = requested === undefined || requested === '*' ? stored : targets.get(requested);
  if (stored === undefined || sent === undefined || sent === stored) {
    return { instance, transferSyntaxUid: stored ?? '', transcodeTo: undefined };
  }
  return { instance, transferSyntaxUid: sent, transcodeTo: requested };
}
