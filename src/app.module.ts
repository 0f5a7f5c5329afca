import { Module } from '@nestjs/common';
import { IamModule } from './iam';
import { PlatformModule } from './platform/platform.module';

@Module({
  imports: [PlatformModule, IamModule],
})
export class AppModule {}
