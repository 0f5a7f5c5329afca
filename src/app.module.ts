import { Module } from '@nestjs/common';
import { ApiKeysModule } from './api-keys';
import { IamModule } from './iam';
import { IntegrationSettingsModule } from './integration-settings';
import { NotificationsModule } from './notifications';
import { PlatformModule } from './platform/platform.module';
import { TeamMergeModule } from './team-merge';

@Module({
  imports: [PlatformModule, IamModule, IntegrationSettingsModule, ApiKeysModule, TeamMergeModule, NotificationsModule],
})
export class AppModule {}
