import { fork } from 'node:child_process';
import autocannon from 'autocannon';

export interface LoadRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  connections: number;
  duration: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** CPU time (user + system) the load generator spent per request, in microseconds. */
  clientCpuMicrosPerRequest: number;
  /** CPU time the server process spent per request during the load, in microseconds: unlike req/s, not skewed by other work on the machine. */
  serverCpuMicrosPerRequest: number;
}

/** Runs one autocannon load in a forked process of `script` (which calls `serveLoadRequests`), off the server's event loop. */
export function loadFromSecondProcess(script: string, request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(script, ['load'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const killTimer = setTimeout(() => child.kill('SIGKILL'), (request.duration + 60) * 1000);
    let result: LoadResult | undefined;
    child.once('message', (message) => {
      result = message as LoadResult;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(killTimer);
      if (result && code === 0) resolve(result);
      else reject(new Error(`load process exited with ${code}`));
    });
    const serverCpu = process.cpuUsage();
    child.once('message', () => {
      const used = process.cpuUsage(serverCpu);
      if (result) result.serverCpuMicrosPerRequest = (used.user + used.system) / Math.max(1, result.requests);
    });
    child.send(request);
  });
}

/** The forked side: one request in, one result out. */
export function serveLoadRequests(): void {
  process.once('message', (request: LoadRequest) => {
    const clientCpu = process.cpuUsage();
    void autocannon({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: request.body,
      connections: request.connections,
      duration: request.duration,
    }).then((result) => {
      const answer: LoadResult = {
        requestsPerSecond: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        requests: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors,
        clientCpuMicrosPerRequest: ((u) => (u.user + u.system) / Math.max(1, result.requests.total))(process.cpuUsage(clientCpu)),
        serverCpuMicrosPerRequest: 0,
      };
      process.send?.(answer, () => process.exit(0));
    });
  });
}
