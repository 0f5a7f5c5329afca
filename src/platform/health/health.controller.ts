import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ErrorBody } from '../errors/error-body';
import { ReadinessProbe } from './readiness.probe';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessProbe) {}

  @Get('health')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process is alive', schema: { example: { status: 'ok' } } })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({ description: 'The database is reachable and migrated', schema: { example: { status: 'ready' } } })
  @ApiServiceUnavailableResponse({ type: ErrorBody })
  async ready(): Promise<{ status: 'ready'; database: 'embedded' | 'server' }> {
    return this.readiness.check();
  }
}
