import { LogStream } from '../../src/platform/logging/log-stream';

/** A log stream that keeps every line, so tests can search the logs for what must not be there. */
export class CapturedLog extends LogStream {
  readonly lines: string[] = [];

  write(line: string): boolean {
    this.lines.push(line);
    return true;
  }

  get text(): string {
    return this.lines.join('');
  }
}
