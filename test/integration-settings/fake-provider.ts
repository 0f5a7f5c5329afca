import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ProviderCall {
  method: string;
  path: string;
  authorization?: string;
  body: string;
}

/**
 * A loopback stand-in for an OpenAI-compatible API (GET /models) and Runware (POST /): it answers
 * only the bearer key it was given and records every call.
 */
export class FakeProvider {
  readonly calls: ProviderCall[] = [];
  models = ['gpt-4o-mini', 'gpt-4o', 'dall-e-3'];
  private server?: Server;

  constructor(
    private readonly acceptedKey: string,
    private readonly acceptedRunwareKey = `${acceptedKey}-runware`,
  ) {}

  get baseUrl(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      void readBody(request).then((body) => {
        const call = { method: request.method ?? '', path: request.url ?? '', authorization: request.headers.authorization, body };
        this.calls.push(call);
        const [status, answer] = this.answer(call);
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

  private answer(call: ProviderCall): [number, unknown] {
    if (call.method === 'GET' && call.path === '/v1/models') {
      if (call.authorization !== `Bearer ${this.acceptedKey}`) return [401, { error: { message: `Incorrect API key provided: ${call.authorization}` } }];
      return [200, { object: 'list', data: this.models.map((id) => ({ id, object: 'model' })) }];
    }
    if (call.method === 'POST' && call.path === '/v1') {
      const tasks = JSON.parse(call.body) as Array<{ apiKey?: string }>;
      if (tasks[0]?.apiKey !== this.acceptedRunwareKey) return [200, { errors: [{ code: 'invalidApiKey', message: `bad key ${tasks[0]?.apiKey}` }] }];
      return [200, { data: [{ taskType: 'authentication', connectionSessionUUID: 'x' }] }];
    }
    return [404, { error: 'not found' }];
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
