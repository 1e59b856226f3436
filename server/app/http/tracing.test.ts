import type { VersioningDeps } from '@strata/services/versioning';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { pino } from 'pino';
import { createHttpServer } from './http-server.js';
import { createMetricsRegistry } from './metrics.js';

const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
});

afterAll(() => {
  trace.disable();
  context.disable();
  propagation.disable();
});

async function server() {
  const app = await createHttpServer({
    logger: pino({ level: 'silent' }),
    metrics: createMetricsRegistry(),
    readinessChecks: [],
    isShuttingDown: () => false,
    corsOrigins: false,
    bodyLimit: 1024,
    version: 'test',
    // These requests carry no credentials, so authenticating them never reads the database.
    deps: {} as VersioningDeps,
  });
  app.get('/studies/:study', async () => {
    // Work done by a service during the request: its span must join the request's trace.
    await trace.getTracer('service').startActiveSpan('load study', async (span) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      span.end();
    });
    return {};
  });
  return app;
}

describe('request tracing', () => {
  it('makes a server span named by route template, parent of the spans made while handling it', async () => {
    exporter.reset();
    const app = await server();
    const response = await app.inject({ method: 'GET', url: '/studies/1.2.3' });
    expect(response.statusCode).toBe(200);
    await provider.forceFlush();
    const spans = exporter.getFinishedSpans();
    const request = spans.find((span) => span.name === 'GET /studies/:study');
    const child = spans.find((span) => span.name === 'load study');
    expect(request?.attributes).toMatchObject({ 'http.route': '/studies/:study', 'http.response.status_code': 200 });
    expect(child?.parentSpanContext?.spanId).toBe(request?.spanContext().spanId);
    expect(child?.spanContext().traceId).toBe(request?.spanContext().traceId);
    await app.close();
  });

  it("continues the caller's trace from a traceparent header", async () => {
    exporter.reset();
    const app = await server();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await app.inject({
      method: 'GET',
      url: '/studies/9',
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    await provider.forceFlush();
    const request = exporter.getFinishedSpans().find((span) => span.name === 'GET /studies/:study');
    expect(request?.spanContext().traceId).toBe(traceId);
    expect(request?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    await app.close();
  });
});
