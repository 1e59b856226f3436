import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SpanKind, SpanStatusCode, context, propagation, trace, type Span } from '@opentelemetry/api';

const spans = new WeakMap<FastifyRequest, Span>();

/**
 * A server span around every request, continuing the caller's trace (W3C traceparent). The rest
 * of the request runs inside the span's context, so spans made by services become its children.
 * Without an SDK (OTEL_* unset) the API is a no-op.
 */
export function registerTracing(app: FastifyInstance, version: string): void {
  const tracer = trace.getTracer('strata-http', version);
  app.addHook('onRequest', (request, _reply, done) => {
    const parent = propagation.extract(context.active(), request.headers);
    const span = tracer.startSpan(
      `${request.method}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'url.path': request.url.split('?')[0] },
      },
      parent,
    );
    spans.set(request, span);
    context.with(trace.setSpan(parent, span), done);
  });
  app.addHook('onResponse', async (request, reply) => {
    const span = spans.get(request);
    if (span === undefined) return;
    const route = request.routeOptions.url;
    if (route !== undefined) {
      span.updateName(`${request.method} ${route}`);
      span.setAttribute('http.route', route);
    }
    span.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
}
