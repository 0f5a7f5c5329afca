import { TestApp } from '../support/test-app';
import { bearer, unique } from '../support/iam-fixtures';

export const keysPath = (tenantId: string, id = '', action = ''): string =>
  `/v1/tenants/${tenantId}/api-keys${id ? `/${id}` : ''}${action ? `/${action}` : ''}`;
export const policyPath = (tenantId: string): string => `/v1/tenants/${tenantId}/api-key-policy`;

export interface IssuedKey {
  id: string;
  key: string;
  body: Record<string, unknown>;
}

/** A key created through the API by `token`'s owner. */
export async function createKey(t: TestApp, token: string, tenantId: string, body: Record<string, unknown> = {}): Promise<IssuedKey> {
  const res = await t.http
    .post(keysPath(tenantId))
    .set(bearer(token))
    .send({ name: unique('key'), type: 'secret', scopes: [], ...body });
  if (res.status !== 201) throw new Error(`key creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, key: res.body.key, body: res.body };
}

export const xApiKey = (key: string): Record<string, string> => ({ 'x-api-key': key });

/** Settings for suites that present many bad keys from one address on purpose. */
export const LENIENT_THROTTLE = { GATEHOUSE_API_KEY_MAX_FAILURES: '100000' };
