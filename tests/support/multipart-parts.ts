import { readMultipartRelated } from '@strata/dicomweb/http';

export interface ReceivedPart {
  contentType: string | undefined;
  location?: string;
  bytes: Buffer;
}

/** The parts of a multipart/related response, read with Strata's own reader. */
export async function partsOf(response: Response): Promise<ReceivedPart[]> {
  const body = readMultipartRelated(
    (async function* () {
      for await (const chunk of response.body ?? []) yield chunk as Uint8Array;
    })(),
    response.headers.get('content-type') ?? undefined,
  );
  const parts: ReceivedPart[] = [];
  for await (const part of body.parts) {
    const chunks: Buffer[] = [];
    for await (const chunk of part.body) chunks.push(chunk);
    const location = part.headers.get('content-location');
    parts.push({
      contentType: part.headers.get('content-type'),
      ...(location !== undefined && { location }),
      bytes: Buffer.concat(chunks),
    });
  }
  return parts;
}
