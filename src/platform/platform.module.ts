import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthenticationModule } from './authentication/authentication.module';
import { AuthorizationModule } from './authorization/authorization.module';
import { ClockModule } from './clock/clock.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { ReadinessProbe } from './health/readiness.probe';
import { LoggingModule } from './logging/logging.module';
import { OutboxModule } from './outbox/outbox.module';

/** What every feature module uses: config, database, authentication, authorization, outbox, logging, errors, health. */
@Module({
  imports: [ConfigModule, ClockModule, LoggingModule, DatabaseModule, AuthorizationModule, OutboxModule, AuthenticationModule, AuditModule],
  controllers: [HealthController],
  providers: [ReadinessProbe],
  exports: [ConfigModule, ClockModule, DatabaseModule],
})
export class PlatformModule {}
