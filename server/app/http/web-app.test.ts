import Fastify, { type FastifyInstance } from 'fastify';
import { registerErrorHandling } from './error-handler.js';
import { registerWebApp } from './web-app.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  registerErrorHandling(app);
  app.get('/healthz', async () => ({ status: 'ok' }));
  await registerWebApp(app, { dir: undefined, apiOrigin: () => 'http://127.0.0.1:1' });
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

describe('the web app, not built', () => {
  it('answers a page with a 503 that says how to build it', async () => {
    const response = await app.inject({ url: '/lab/ct', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('<code>npm run build</code>');
  });

  it('answers a client that takes no HTML with the JSON error envelope', async () => {
    const response = await app.inject({ url: '/' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ error: { code: 'web.not_built' } });
  });

  it('leaves the API its routes and its JSON 404 under its own paths', async () => {
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    for (const url of ['/dicomweb/lab/ct/nothing', '/graphql/x', '/auth/nope', '/metrics/x']) {
      const response = await app.inject({ url });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'route.not_found' } });
    }
  });

  it('hands the web app GET and HEAD only', async () => {
    const response = await app.inject({ method: 'POST', url: '/lab/ct', payload: {} });
    expect(response.statusCode).toBe(404);
  });
});
