import { Module } from '@nestjs/common';
import { IamModule } from './iam';
import { IntegrationSettingsModule } from './integration-settings';
import { PlatformModule } from './platform/platform.module';

@Module({
  imports: [PlatformModule, IamModule, IntegrationSettingsModule],
})
export class AppModule {}
