import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-gatehouse-signature';
export const TIMESTAMP_HEADER = 'x-gatehouse-timestamp';
export const DELIVERY_HEADER = 'x-gatehouse-delivery';

/**
 * `sha256=<hex HMAC-SHA-256 of "<timestamp>.<body>">` under the tenant's secret. Signing the
 * timestamp with the body lets a receiver refuse replays of an old, validly signed request.
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}
