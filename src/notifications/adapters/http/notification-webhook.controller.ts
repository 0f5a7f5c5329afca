import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiForPeople, CurrentPrincipal, IdPipe, Principal, ValidBody } from '../../../platform';
import { NotificationWebhookUseCase } from '../../application/reminders/notification-webhook.use-case';
import { ApiReminderErrors } from './reminder-api-docs';
import { NotificationWebhookDto, PutNotificationWebhookDto } from './dto/notification-webhook.dto';

const { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND } = HttpStatus;

@ApiTags('notifications')
@ApiForPeople()
@Controller('v1/tenants/:tenant_id/notification-webhook')
export class NotificationWebhookController {
  constructor(private readonly webhooks: NotificationWebhookUseCase) {}

  @Get()
  @ApiOperation({ summary: "The tenant's reminder webhook, without its secret (tenant admins)" })
  @ApiOkResponse({ type: NotificationWebhookDto })
  @ApiReminderErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async get(@CurrentPrincipal() principal: Principal, @Param('tenant_id', IdPipe) tenantId: string): Promise<NotificationWebhookDto> {
    return NotificationWebhookDto.from(await this.webhooks.get(principal, tenantId));
  }

  @Put()
  @ApiOperation({
    summary: "Sets the tenant's reminder webhook: URL and signing secret (tenant admins); the secret is never returned",
    description:
      'Each reminder is POSTed as JSON (`type` api_key.expiring or api_key.expired, `delivery_id`, `api_key`, `user`, `sent_at`) with ' +
      '`X-Gatehouse-Timestamp` (Unix seconds), `X-Gatehouse-Delivery` (the same for retries of one reminder) and ' +
      '`X-Gatehouse-Signature: sha256=<hex HMAC-SHA-256 of "<timestamp>.<body>" under the secret>`. ' +
      'Any 2xx answer counts as delivered; anything else, or no answer within the timeout, is retried with backoff.',
  })
  @ApiOkResponse({ type: NotificationWebhookDto })
  @ApiReminderErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async put(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @ValidBody() body: PutNotificationWebhookDto,
  ): Promise<NotificationWebhookDto> {
    return NotificationWebhookDto.from(await this.webhooks.put(principal, tenantId, body.url, body.secret));
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: "Removes the tenant's reminder webhook (tenant admins); reminders no longer go there" })
  @ApiNoContentResponse()
  @ApiReminderErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async remove(@CurrentPrincipal() principal: Principal, @Param('tenant_id', IdPipe) tenantId: string): Promise<void> {
    await this.webhooks.remove(principal, tenantId);
  }
}
