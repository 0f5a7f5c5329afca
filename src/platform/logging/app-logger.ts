import { Injectable, LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { LogStream } from './log-stream';
import { censorSecrets, redactPaths } from './redact-paths';

/**
 * The one structured logger (pino, JSON lines), and Nest's logger on top of it. Secret-named
 * fields are censored once per written line; lines below the configured level cost nothing.
 */
@Injectable()
export class AppLogger implements LoggerService {
  readonly pino: Logger;

  constructor(config: AppConfig, stream: LogStream) {
    this.pino = pino(
      {
        level: config.logLevel,
        redact: { paths: redactPaths, censor: '[redacted]' },
        formatters: { log: censorSecrets },
        base: { service: 'gatehouse' },
      },
      stream as unknown as pino.DestinationStream,
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest calls `(message, ...optional, context)`; an object message is merged into the line. */
  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const extra = context === undefined ? rest : rest.slice(0, -1);
    if (typeof message === 'object' && message !== null) {
      const { msg, ...fields } = message as Record<string, unknown>;
      const text = typeof msg === 'string' ? msg : typeof extra[0] === 'string' ? extra[0] : undefined;
      this.pino[level]({ ...fields, context }, text);
      return;
    }
    // Nest's error(message, stack, context) form.
    const stack = level === 'error' && typeof extra[0] === 'string' ? extra[0] : undefined;
    this.pino[level]({ context, ...(stack ? { stack } : {}) }, String(message));
  }
}
