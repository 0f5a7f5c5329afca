import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AuthenticationGuard } from './authentication.guard';

/** Registers the global authentication guard; credential kinds come from feature modules. */
@Module({
  imports: [DiscoveryModule],
  providers: [{ provide: APP_GUARD, useClass: AuthenticationGuard }],
})
export class AuthenticationModule {}
