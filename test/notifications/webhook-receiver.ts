import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  body: Record<string, unknown>;
  signatureValid: boolean;
  timestamp: string;
  deliveryId: string;
}

/** A loopback HTTP receiver that checks each request's signature the way a tenant's would. */
export interface WebhookReceiver {
  url: string;
  received: ReceivedHook[];
  /** The next requests get these statuses, in order (then 204 again); 0: no answer at all. */
  answerNext(...statuses: number[]): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  const answers: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(request.headers['x-gatehouse-timestamp'] ?? '');
      const given = Buffer.from(String(request.headers['x-gatehouse-signature'] ?? ''));
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`);
      const signatureValid = given.length === expected.length && timingSafeEqual(given, expected);
      const status = answers.shift() ?? 204;
      if (status === 0) return;
      if (status < 300) {
        received.push({ body: JSON.parse(raw), signatureValid, timestamp, deliveryId: String(request.headers['x-gatehouse-delivery']) });
      }
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/gatehouse`,
    received,
    answerNext: (...statuses) => answers.push(...statuses),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
