import { Controller, Delete, Get, HttpCode, Module, Options, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiKeysModule, MachineAccess } from '../../src/api-keys';

/**
 * Routes open to any API key, one per method and one per kind of target, so a suite can drive the
 * real guard (permission by method, scope by route parameters) over HTTP where the product has
 * no such route yet.
 */
@Controller('v1/probe')
class ProbeController {
  @Get() @MachineAccess() read(): { ok: true } { return { ok: true }; }
  @Options() @HttpCode(200) @MachineAccess() options(): { ok: true } { return { ok: true }; }
  @Post() @HttpCode(200) @MachineAccess() create(): { ok: true } { return { ok: true }; }
  @Put() @MachineAccess() replace(): { ok: true } { return { ok: true }; }
  @Patch() @MachineAccess() edit(): { ok: true } { return { ok: true }; }
  @Delete() @MachineAccess() remove(): { ok: true } { return { ok: true }; }

  @Get('tenants/:tenant_id') @MachineAccess() tenant(@Param('tenant_id') id: string): { id: string } { return { id }; }
  @Get('tenants/:tenant_id/teams/:team_id') @MachineAccess() team(@Param('team_id') id: string): { id: string } { return { id }; }
  @Get('tenants/:tenant_id/workspaces/:workspace_id') @MachineAccess() workspace(@Param('workspace_id') id: string): { id: string } { return { id }; }
}

@Module({ imports: [ApiKeysModule], controllers: [ProbeController] })
export class ProbeRoutesModule {}
