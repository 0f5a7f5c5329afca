import { Module } from '@nestjs/common';
import { ApiKeysModule } from './api-keys';
import { IamModule } from './iam';
import { IntegrationSettingsModule } from './integration-settings';
import { PlatformModule } from './platform/platform.module';

@Module({
  imports: [PlatformModule, IamModule, IntegrationSettingsModule, ApiKeysModule],
})
export class AppModule {}
