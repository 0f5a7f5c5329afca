import type { Response, Test } from 'supertest';
import type { TestApp } from '../support/test-app';
import { bearer } from '../support/iam-fixtures';

/**
 * Sends requests as one caller and keeps every response (headers and body) in `seen`, so a suite
 * can search all it was ever answered for what must never be there.
 */
export class RecordingClient {
  constructor(
    private readonly t: TestApp,
    private readonly token: string,
    private readonly seen: string[],
  ) {}

  get(url: string): Test {
    return this.keep(this.t.http.get(url));
  }

  put(url: string, body?: unknown): Test {
    const request = this.keep(this.t.http.put(url));
    return body === undefined ? request : request.send(body as object);
  }

  post(url: string, body?: unknown): Test {
    const request = this.keep(this.t.http.post(url));
    return body === undefined ? request : request.send(body as object);
  }

  delete(url: string): Test {
    return this.keep(this.t.http.delete(url));
  }

  private keep(request: Test): Test {
    request.on('response', (response: Response) => this.seen.push(JSON.stringify(response.headers) + response.text));
    return request.set(bearer(this.token));
  }
}
