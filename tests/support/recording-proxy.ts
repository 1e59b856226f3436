// A forwarding HTTP proxy that records the requests passing through it (method, URL, headers,
// body size), to see what a peer really sends: Orthanc's STOW-RS client, for one.
import { createServer, request as forward, type IncomingHttpHeaders } from 'node:http';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  bodyBytes: number;
  status?: number;
}

export interface RecordingProxy {
  /** `http://127.0.0.1:<port>`: requests to it go to the target, path and all. */
  url: string;
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

/** Starts a proxy to `target` (`http://host:port`). */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = [];
  const { hostname, port } = new URL(target);
  const server = createServer((incoming, outgoing) => {
    const recorded: RecordedRequest = {
      method: incoming.method ?? '',
      url: incoming.url ?? '',
      headers: incoming.headers,
      bodyBytes: 0,
    };
    requests.push(recorded);
    incoming.on('data', (chunk: Buffer) => (recorded.bodyBytes += chunk.length));
    const upstream = forward(
      { hostname, port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        recorded.status = answer.statusCode;
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
