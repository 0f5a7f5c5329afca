import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, ValidBody } from '../../../platform';
import { VerifyApiKeyUseCase } from '../../application/verify-api-key.use-case';
import { ApiKeyForbidden } from '../../domain/api-key-errors';
import { API_KEY_SCOPES } from '../../domain/scopes';
import { ApiErrors } from './api-docs';
import { VerifyApiKeyBody } from './dto/api-key-input.dto';
import { CallingKeyDto, VerifyResultDto } from './dto/api-key-output.dto';
import { MachineAccess } from './machine-access';

const { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, TOO_MANY_REQUESTS } = HttpStatus;

@ApiTags('api-keys')
@Controller('v1/api-keys')
export class KeyVerificationController {
  constructor(private readonly verifyKey: VerifyApiKeyUseCase) {}

  @Post('verify')
  @HttpCode(HttpStatus.OK)
  // Verifying reads: a POST only to keep the presented key out of URLs and logs.
  @MachineAccess(API_KEY_SCOPES.verify, { permission: 'read' })
  @ApiOperation({ summary: 'For gateways: whether a key of the caller\'s tenant is usable, and what it may do' })
  @ApiOkResponse({ type: VerifyResultDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, TOO_MANY_REQUESTS)
  async verify(@CurrentPrincipal() principal: Principal, @ValidBody() body: VerifyApiKeyBody): Promise<VerifyResultDto> {
    return VerifyResultDto.from(await this.verifyKey.execute(principal, body.key));
  }

  @Get('me')
  @MachineAccess()
  @ApiOperation({ summary: 'The calling key: its id, tenant, owner, scopes and expiry' })
  @ApiOkResponse({ type: CallingKeyDto })
  @ApiErrors(UNAUTHORIZED, FORBIDDEN, TOO_MANY_REQUESTS)
  me(@CurrentPrincipal() principal: Principal): CallingKeyDto {
    if (principal.kind !== 'api_key') throw new ApiKeyForbidden('Only an API key can ask who it is');
    return CallingKeyDto.from(principal);
  }
}
