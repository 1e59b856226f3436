import { transcodeInstance } from '@strata/modules/codecs';
import type { DicomJsonDataSet } from '@strata/modules/dicom';
import { metadataOf } from './instance-metadata.js';
import { storedFileSource } from './stored-file-source.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { fileBytes, fileContent, type VersionInstance } from './retrieve.js';

/** One instance of a retrieve and the transfer syntax it goes out in. */
export interface InstanceDelivery {
  readonly instance: VersionInstance;
  /** The syntax sent: the stored one (bytes as stored), or one transcodeInstance produces. */
  readonly transferSyntaxUid: string;
  /** The syntax to ask transcodeInstance for; undefined: the stored bytes. */
  readonly transcodeTo: string | undefined;
}

/** One instance's bytes, ready to be written. */
export interface DeliveredInstance {
  readonly delivery: InstanceDelivery;
  readonly body: Uint8Array | AsyncIterable<Uint8Array>;
}

/** Instances transcoded ahead of the one being sent: the CPU works while the socket drains. */
const LOOK_AHEAD = 2;

/**
 * The instances of a retrieve, in order, each as stored (streamed from the blob store) or
 * transcoded. Transcoding runs one instance at a time, at most LOOK_AHEAD instances ahead of the
 * one the caller is sending, so a series of any length holds only a few instances in memory.
 * A failed transcode surfaces when its instance's turn comes.
 */
export async function* instancesInSyntax(
  deps: VersioningDeps,
  deliveries: readonly InstanceDelivery[],
  lookAhead = LOOK_AHEAD,
): AsyncGenerator<DeliveredInstance> {
  const pending = new Map<number, Promise<Uint8Array>>();
  let chain: Promise<unknown> = Promise.resolve();
  let started = 0;
  const startUpTo = (last: number) => {
    for (; started < deliveries.length && started <= last; started++) {
      const delivery = deliveries[started] as InstanceDelivery;
      const target = delivery.transcodeTo;
      if (target === undefined) continue;
      // One after another: the codecs run on this thread, so parallel transcodes would only hold more memory.
      const work = chain.then(async () => transcodeInstance(await fileBytes(deps, delivery.instance.file), target));
      work.catch(() => undefined); // awaited in its turn; this only marks the rejection handled meanwhile
      chain = work.catch(() => undefined);
      pending.set(started, work);
    }
  };
  for (const [index, delivery] of deliveries.entries()) {
    startUpTo(index + lookAhead);
    const work = pending.get(index);
    pending.delete(index);
    yield { delivery, body: work === undefined ? fileContent(deps, delivery.instance.file) : await work };
  }
}

/** What deciding a conversion needs of an instance (see transcodingHeaders). */
export interface TranscodingHeader {
  /** Its data set (DICOM JSON), from its stored header. */
  readonly dataSet: DicomJsonDataSet;
  /** False when the file has no File Meta Information ("DICM" at 128): it cannot be rewritten as Part 10. */
  readonly rewritable: boolean;
}

/** The headers of the instances a retrieve would convert, read from their stored header parts. */
export async function transcodingHeaders(
  deps: VersioningDeps,
  instances: readonly VersionInstance[],
): Promise<TranscodingHeader[]> {
  const dataSets = await metadataOf(deps, instances, () => '');
  const prefixes = await Promise.all(
    instances.map(async (instance) =>
      Buffer.from(await storedFileSource(deps.blobStore, instance.file).read(128, 4)).toString('latin1'),
    ),
  );
  return dataSets.map((dataSet, index) => ({ dataSet, rewritable: prefixes[index] === 'DICM' }));
}
