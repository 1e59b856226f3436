// dicomweb-client (the library OHIF's DICOMweb data source is built on) as a real peer in tests.
// Its multipart encoder and decoder are not exported from the package build, so the public
// DICOMwebClient is driven instead, over a recording stand-in for XMLHttpRequest that it accepts
// through `request.instance`: what it sends is exactly what it would put on the wire.
import { api } from 'dicomweb-client';

interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** Records one request and answers it with a canned response. */
class RecordingRequest {
  readyState = 0;
  status = 0;
  responseType = '';
  response: unknown;
  onreadystatechange: (() => void) | undefined;
  sent: Exchange | undefined;
  private method = '';
  private url = '';
  private readonly headers: Record<string, string> = {};

  constructor(private readonly reply: { status: number; contentType?: string; body?: unknown }) {}

  open(method: string, url: string): void {
    [this.method, this.url] = [method, url];
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }

  getResponseHeader(name: string): string | null {
    return name.toLowerCase() === 'content-type' ? (this.reply.contentType ?? null) : null;
  }

  getAllResponseHeaders(): string {
    return this.reply.contentType === undefined ? '' : `content-type: ${this.reply.contentType}\r\n`;
  }

  send(body?: unknown): void {
    this.sent = { method: this.method, url: this.url, headers: { ...this.headers }, body };
    queueMicrotask(() => {
      [this.readyState, this.status, this.response] = [4, this.reply.status, this.reply.body];
      this.onreadystatechange?.();
    });
  }
}

type RequestOptions = { instance: never };
type Uids = { studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUID?: string };

/** The calls used here, typed as they behave (the package's declarations are looser). */
interface Peer {
  storeInstances(options: { datasets: ArrayBuffer[]; request: RequestOptions }): Promise<unknown>;
  retrieveSeriesMetadata(options: Uids & { request: RequestOptions }): Promise<unknown>;
  retrieveInstance(options: Uids & { request: RequestOptions }): Promise<unknown>;
  retrieveSeries(options: Uids & { request: RequestOptions }): Promise<unknown>;
  retrieveInstanceFrames(
    options: Uids & {
      frameNumbers: number[];
      mediaTypes?: { mediaType: string; transferSyntaxUID?: string }[];
      request: RequestOptions;
    },
  ): Promise<unknown>;
}

function client(): Peer {
  return new api.DICOMwebClient({
    url: 'http://strata.test/dicomweb',
    verbose: false,
    singlepart: false,
  }) as unknown as Peer;
}

const UIDS = { studyInstanceUID: '1.2.3', seriesInstanceUID: '1.2.3.4', sopInstanceUID: '1.2.3.4.5' };

/** The STOW-RS request dicomweb-client's `storeInstances` makes of these files. */
export async function stowRequestOf(files: readonly Uint8Array[]): Promise<{ contentType: string; body: Buffer }> {
  const request = new RecordingRequest({ status: 200, body: {} });
  const datasets = files.map((file) => file.slice().buffer);
  await client().storeInstances({ datasets, request: { instance: request as never } });
  const sent = request.sent;
  if (sent === undefined || !(sent.body instanceof ArrayBuffer)) throw new Error('dicomweb-client sent no body');
  const contentType = sent.headers['Content-Type'];
  if (contentType === undefined) throw new Error('dicomweb-client sent no Content-Type');
  return { contentType, body: Buffer.from(sent.body) };
}

/** The Accept header dicomweb-client sends for each kind of retrieve OHIF makes. */
export async function acceptHeadersOf(): Promise<Record<string, string>> {
  const calls: Record<string, (request: RequestOptions) => Promise<unknown>> = {
    seriesMetadata: (request) => client().retrieveSeriesMetadata({ ...UIDS, request }),
    instance: (request) => client().retrieveInstance({ ...UIDS, request }),
    frames: (request) => client().retrieveInstanceFrames({ ...UIDS, frameNumbers: [1], request }),
    framesAsStored: (request) =>
      client().retrieveInstanceFrames({
        ...UIDS,
        frameNumbers: [1],
        mediaTypes: [{ mediaType: 'application/octet-stream', transferSyntaxUID: '*' }],
        request,
      }),
  };
  const headers: Record<string, string> = {};
  for (const [name, call] of Object.entries(calls)) {
    const request = new RecordingRequest({ status: 204 });
    await call({ instance: request as never });
    const accept = request.sent?.headers['Accept'];
    if (accept === undefined) throw new Error(`dicomweb-client sent no Accept for ${name}`);
    headers[name] = accept;
  }
  return headers;
}

/** The parts dicomweb-client's own decoder finds in a multipart WADO-RS response. */
export async function partsDecodedBy(contentType: string, body: Buffer): Promise<Buffer[]> {
  const response = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
  const request = new RecordingRequest({ status: 200, contentType, body: response });
  const parts = await client().retrieveSeries({ ...UIDS, request: { instance: request as never } });
  if (!Array.isArray(parts)) throw new Error('dicomweb-client decoded no parts');
  return parts.map((part) => Buffer.from(part as ArrayBuffer));
}
