import { Controller, Delete, HttpCode, HttpStatus, Param, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiForPeople, CurrentPrincipal, IdPipe, Principal } from '../../../platform';
import { KeySubscriptionsUseCase } from '../../application/key-subscriptions.use-case';
import { PEOPLE_ONLY, UNAUTHENTICATED } from './api-docs';
import { KeySubscriptionDto } from './dto/key-subscription.dto';

const NOT_VISIBLE = 'TENANT_NOT_FOUND, API_KEY_NOT_FOUND: no such key, or one the caller may not view';

@ApiTags('notifications')
@ApiForPeople()
@Controller('v1/tenants/:tenant_id/api-keys/:id/subscription')
export class KeySubscriptionController {
  constructor(private readonly subscriptions: KeySubscriptionsUseCase) {}

  @Put()
  @ApiOperation({ summary: "Follows a key I may view: its expiry reminders come to me" })
  @ApiOkResponse({ type: KeySubscriptionDto })
  @ApiErrorResponses({ 400: 'INVALID_ID', 401: UNAUTHENTICATED, 403: `${PEOPLE_ONLY}; SUBSCRIPTION_OUTSIDE_TENANT`, 404: NOT_VISIBLE })
  async follow(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('id', IdPipe) keyId: string,
  ): Promise<KeySubscriptionDto> {
    return KeySubscriptionDto.from(await this.subscriptions.follow(principal, tenantId, keyId));
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Unfollows a key (also one I may no longer view); unfollowing a key I do not follow changes nothing' })
  @ApiNoContentResponse({ description: 'Not following the key (any more)' })
  @ApiErrorResponses({ 400: 'INVALID_ID', 401: UNAUTHENTICATED, 403: `${PEOPLE_ONLY}; SUBSCRIPTION_OUTSIDE_TENANT`, 404: NOT_VISIBLE })
  async unfollow(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('id', IdPipe) keyId: string,
  ): Promise<void> {
    await this.subscriptions.unfollow(principal, tenantId, keyId);
  }
}
