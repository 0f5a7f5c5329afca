import type SwaggerParserType from '@apidevtools/swagger-parser';
import { nodeRequire } from '../../src/platform/runtime/node-require';
import { startTestApp, TestApp } from '../support/test-app';

// The validator's dependencies are ES modules: Node loads them, jest's own registry cannot.
const SwaggerParser = nodeRequire('@apidevtools/swagger-parser') as typeof SwaggerParserType;

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is served at /docs-json and validates against the OpenAPI 3 specification', async () => {
    const res = await t.http.get('/docs-json').expect(200);
    const document = structuredClone(res.body);
    await expect(SwaggerParser.validate(document)).resolves.toBeDefined();
    expect(res.body.openapi).toMatch(/^3\./);
  });

  it('would fail a document that breaks the specification', async () => {
    const { body } = await t.http.get('/docs-json').expect(200);
    const broken = { ...structuredClone(body), info: { title: 'no version' } };
    await expect(SwaggerParser.validate(broken)).rejects.toThrow();
  });

  it('declares the three security schemes and the error body', async () => {
    const { body } = await t.http.get('/docs-json').expect(200);
    expect(Object.keys(body.components.securitySchemes).sort()).toEqual(['api_key', 'bearer', 'session']);
    expect(body.components.schemas.ErrorBody.required).toEqual(expect.arrayContaining(['statusCode', 'error', 'message', 'code']));
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await t.http.get('/docs').redirects(1).expect(200);
    expect(res.text).toContain('swagger-ui');
  });
});
