import { Global, Module } from '@nestjs/common';
import { AppLogger } from './app-logger';
import { LogStream } from './log-stream';

@Global()
@Module({
  providers: [{ provide: LogStream, useValue: process.stdout }, AppLogger],
  exports: [AppLogger],
})
export class LoggingModule {}
