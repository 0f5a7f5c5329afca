import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface GatewayCallRecord {
  path: string;
  body: Record<string, unknown>;
}

/**
 * A loopback stand-in for a LiteLLM proxy's admin API (POST /key/update, POST /key/delete): it
 * accepts only its master key, records each call it applied, and answers 503 while `down`.
 */
export class FakeLiteLlm {
  readonly calls: GatewayCallRecord[] = [];
  /** Calls refused with 401 (wrong or missing master key). */
  readonly unauthorized: GatewayCallRecord[] = [];
  refusedWhileDown = 0;
  /** Keys this proxy does not mirror: /key/update answers 404 for them, as LiteLLM does. */
  readonly unknownKeys = new Set<string>();
  down = false;
  private server?: Server;

  constructor(readonly masterKey: string) {}

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The settings that point the app at this server. */
  env(region = 'eu'): Record<string, string> {
    return { LITELLM_URL: this.url, LITELLM_MASTER_KEY: this.masterKey, LITELLM_TEAM_REGION: region };
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      void readBody(request).then((raw) => {
        const [status, answer] = this.answer(request, raw);
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private answer(request: IncomingMessage, raw: string): [number, unknown] {
    if (this.down) {
      this.refusedWhileDown += 1;
      return [503, { error: 'proxy unavailable' }];
    }
    const call = { path: request.url ?? '', body: JSON.parse(raw || '{}') as Record<string, unknown> };
    if (request.headers.authorization !== `Bearer ${this.masterKey}`) {
      this.unauthorized.push(call);
      return [401, { error: { message: 'Authentication Error, invalid proxy server token' } }];
    }
    if (request.method !== 'POST' || !['/key/update', '/key/delete'].includes(call.path)) return [404, { detail: 'Not Found' }];
    if (call.path === '/key/update' && this.unknownKeys.has(String(call.body.key))) return [404, { detail: 'Key not found' }];
    this.calls.push(call);
    return [200, call.path === '/key/delete' ? { deleted_keys: call.body.keys } : { key: call.body.key, team_id: call.body.team_id }];
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
