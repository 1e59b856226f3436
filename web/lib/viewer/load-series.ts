// The browser's side of a series: its WADO-RS metadata, fetched from the ref's own DICOMweb
// endpoint on this origin (the session cookie goes with it), turned into the viewer's stack.
import { onlyPart } from './frames';
import { takeEarly } from './early-requests';
import { seriesStack, stringOf, type DicomJson, type SeriesStack } from './series-stack';

/** Red, green and blue palette LUT data: Cornerstone reads them from the metadata, never from bulk data. */
const PALETTE_DATA = ['00281201', '00281202', '00281203'];

/**
 * Palette colour LUTs are bulk data in WADO-RS metadata (a BulkDataURI); Cornerstone's loader only
 * reads values given inline. Each is fetched from this origin and put in as its 16-bit entries.
 */
async function inlinePalettes(metadata: DicomJson[], signal?: AbortSignal): Promise<void> {
  const wanted = metadata
    .filter((json) => stringOf(json, '00280004') === 'PALETTE COLOR')
    .flatMap((json) => PALETTE_DATA.map((tag) => ({ json, tag, uri: json[tag]?.BulkDataURI })))
    .filter((one): one is { json: DicomJson; tag: string; uri: string } => one.uri !== undefined);
  await Promise.all(
    wanted.map(async ({ json, tag, uri }) => {
      // The server names its own origin; the page asks its origin (the same one behind a proxy).
      const address = new URL(uri, window.location.href);
      const response = await fetch(`${address.pathname}${address.search}`, {
        headers: { accept: 'multipart/related; type="application/octet-stream"' },
        credentials: 'same-origin',
        signal,
      });
      if (!response.ok) throw new ViewerError(`The server did not send the colour palette (HTTP ${response.status}).`);
      const part = onlyPart(response.headers.get('content-type') ?? '', new Uint8Array(await response.arrayBuffer()));
      if (part === undefined)
        throw new ViewerError('The server sent the colour palette in a form the viewer cannot read.');
      const view = new DataView(part.bytes.buffer, part.bytes.byteOffset, part.bytes.byteLength);
      const values = Array.from({ length: Math.floor(view.byteLength / 2) }, (_, i) => view.getUint16(i * 2, true));
      json[tag] = { vr: 'OW', Value: values };
    }),
  );
}

/** A failure to show with its words as they are (no stack trace, no code). */
export class ViewerError extends Error {
  override name = 'ViewerError';
}

export async function loadSeries(seriesUrl: string, signal?: AbortSignal): Promise<SeriesStack> {
  let response: Response;
  try {
    const early = await takeEarly(`${seriesUrl}/metadata`);
    response =
      early ??
      (await fetch(`${seriesUrl}/metadata`, {
        headers: { accept: 'application/dicom+json' },
        credentials: 'same-origin',
        signal,
      }));
  } catch (error) {
    if (signal?.aborted === true) throw error;
    throw new ViewerError('The server could not be reached to read the series: check the network connection.');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
    const reason = body.error?.message ?? `HTTP ${response.status}`;
    throw new ViewerError(
      response.status === 404
        ? `The series is not at this version (${reason}).`
        : response.status === 401 || response.status === 403
          ? `You may not read this series (${reason}). Sign in again?`
          : `The server could not read the series (${reason}).`,
    );
  }
  const metadata = (await response.json().catch(() => undefined)) as unknown;
  if (!Array.isArray(metadata)) throw new ViewerError('The server answered the series metadata with something else.');
  try {
    await inlinePalettes(metadata as DicomJson[], signal);
  } catch (error) {
    if (error instanceof ViewerError || signal?.aborted === true) throw error;
    throw new ViewerError('The server could not be reached to read the colour palette: check the network connection.');
  }
  return seriesStack(seriesUrl, metadata as DicomJson[]);
}
