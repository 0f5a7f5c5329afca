import { EchoFixtureModule } from '../support/echo-fixture.module';
import { startTestApp, TestApp } from '../support/test-app';

describe('HTTP contract: health, readiness and the one error body', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ imports: [EchoFixtureModule] });
  });
  afterAll(() => t.close());

  const errorShape = (body: Record<string, unknown>, status: number, code: string) => {
    expect(body).toMatchObject({ statusCode: status, code });
    expect(typeof body.error).toBe('string');
    expect(typeof body.message).toBe('string');
  };

  it('answers liveness and readiness', async () => {
    await t.http.get('/health').expect(200, { status: 'ok' });
    const ready = await t.http.get('/ready').expect(200);
    expect(ready.body.status).toBe('ready');
  });

  it('accepts a valid body', async () => {
    await t.http.post('/test-fixtures/echo').send({ name: 'a', count: 2 }).expect(201, { name: 'a', count: 2 });
  });

  it('refuses an unknown field with VALIDATION_FAILED naming it', async () => {
    const res = await t.http.post('/test-fixtures/echo').send({ name: 'a', count: 2, extra: true }).expect(400);
    errorShape(res.body, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(res.body.details)).toContain('extra');
  });

  it('refuses a wrong type', async () => {
    const res = await t.http.post('/test-fixtures/echo').send({ name: 'a', count: 'two' }).expect(400);
    errorShape(res.body, 400, 'VALIDATION_FAILED');
    expect(res.body.details.fields[0].field).toBe('count');
  });

  it('refuses malformed JSON', async () => {
    const res = await t.http
      .post('/test-fixtures/echo')
      .set('content-type', 'application/json')
      .send('{"name": "a", ')
      .expect(400);
    errorShape(res.body, 400, 'MALFORMED_JSON');
  });

  it('answers an unknown route with 404 in the same shape', async () => {
    const res = await t.http.get('/no/such/route').expect(404);
    errorShape(res.body, 404, 'NOT_FOUND');
  });

  it('answers an unexpected error with a bare 500 and logs it with the request id', async () => {
    const res = await t.http.post('/test-fixtures/boom').set('x-request-id', 'req-boom-1').expect(500);
    errorShape(res.body, 500, 'INTERNAL_ERROR');
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
    expect(res.body.details).toEqual({ request_id: 'req-boom-1' });
    const line = t.log.lines.find((l) => l.includes('Unhandled error'));
    expect(line).toContain('req-boom-1');
  });

  it('sets security headers', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    const notFound = await t.http.get('/no/such/route').expect(404);
    expect(notFound.headers['x-content-type-options']).toBe('nosniff');
  });

  it('redacts credentials from request logs', async () => {
    await t.http
      .get('/health')
      .set('authorization', 'Bearer sk_live_supersecretvalue')
      .set('x-api-key', 'pk_live_anothersecret')
      .set('cookie', 'gatehouse_session=cookiesecret')
      .expect(200);
    expect(t.log.text).not.toContain('supersecretvalue');
    expect(t.log.text).not.toContain('anothersecret');
    expect(t.log.text).not.toContain('cookiesecret');
    expect(t.log.text).toContain('"url":"/health"');
  });
});
