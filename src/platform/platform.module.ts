import { Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { ReadinessProbe } from './health/readiness.probe';
import { LoggingModule } from './logging/logging.module';

/** What every feature module uses: config, database, logging, errors, health. */
@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule],
  controllers: [HealthController],
  providers: [ReadinessProbe],
  exports: [ConfigModule, DatabaseModule],
})
export class PlatformModule {}
