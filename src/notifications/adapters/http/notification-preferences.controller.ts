import { Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiForPeople, CurrentPrincipal, PageQuery, Principal, ValidBody, ValidQuery } from '../../../platform';
import { KeySubscriptionsUseCase } from '../../application/key-subscriptions.use-case';
import { NotificationPreferencesUseCase } from '../../application/notification-preferences.use-case';
import { PEOPLE_ONLY, UNAUTHENTICATED, VALIDATION } from './api-docs';
import { KeySubscriptionDto, KeySubscriptionPageDto } from './dto/key-subscription.dto';
import { NotificationPreferencesDto, UpdateNotificationPreferencesBody } from './dto/notification-preferences.dto';

@ApiTags('notifications')
@ApiForPeople()
@Controller('v1/me/api-key-notifications')
export class NotificationPreferencesController {
  constructor(
    private readonly preferences: NotificationPreferencesUseCase,
    private readonly subscriptions: KeySubscriptionsUseCase,
  ) {}

  @Get('preferences')
  @ApiOperation({ summary: 'My API key expiry reminder preferences, with the values reminders use and the tenant policy' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  @ApiErrorResponses({ 401: UNAUTHENTICATED, 403: PEOPLE_ONLY })
  async get(@CurrentPrincipal() principal: Principal): Promise<NotificationPreferencesDto> {
    return NotificationPreferencesDto.from(await this.preferences.get(principal));
  }

  @Put('preferences')
  @ApiOperation({ summary: 'Changes my reminder preferences; fields left out keep their values' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  @ApiErrorResponses({
    400: `${VALIDATION}, DAYS_BEFORE_EXPIRY_EXCEEDS_POLICY (days_before_expiry outside 1 to the tenant maximum)`,
    401: UNAUTHENTICATED,
    403: `${PEOPLE_ONLY}; AUTO_FOLLOW_TENANT_KEYS_ADMINS_ONLY`,
  })
  async put(@CurrentPrincipal() principal: Principal, @ValidBody() body: UpdateNotificationPreferencesBody): Promise<NotificationPreferencesDto> {
    return NotificationPreferencesDto.from(await this.preferences.put(principal, UpdateNotificationPreferencesBody.toChange(body)));
  }

  @Get('subscriptions')
  @ApiOperation({ summary: 'The keys I follow, newest first' })
  @ApiOkResponse({ type: KeySubscriptionPageDto })
  @ApiErrorResponses({ 400: `${VALIDATION}, INVALID_CURSOR`, 401: UNAUTHENTICATED, 403: PEOPLE_ONLY })
  async subscriptionsOf(@CurrentPrincipal() principal: Principal, @ValidQuery() page: PageQuery): Promise<KeySubscriptionPageDto> {
    const list = await this.subscriptions.list(principal, page);
    return { items: list.items.map(KeySubscriptionDto.from), next_cursor: list.nextCursor };
  }
}
