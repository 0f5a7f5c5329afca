import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiForPeople, CurrentPrincipal, IdPipe, PageQuery, Principal, ValidQuery } from '../../../platform';
import { InboxUseCase } from '../../application/inbox.use-case';
import { PEOPLE_ONLY, UNAUTHENTICATED, VALIDATION } from './api-docs';
import { NotificationDto, NotificationPageDto } from './dto/inbox.dto';

@ApiTags('notifications')
@ApiForPeople()
@Controller('v1/me/notifications')
export class InboxController {
  constructor(private readonly inbox: InboxUseCase) {}

  @Get()
  @ApiOperation({ summary: 'My in-app notifications: unread first, then newest first' })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiErrorResponses({ 400: `${VALIDATION}, INVALID_CURSOR`, 401: UNAUTHENTICATED, 403: PEOPLE_ONLY })
  async list(@CurrentPrincipal() principal: Principal, @ValidQuery() page: PageQuery): Promise<NotificationPageDto> {
    const list = await this.inbox.list(principal, page);
    return { items: list.items.map(NotificationDto.from), unread_count: list.unreadCount, next_cursor: list.nextCursor };
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Marks one of my notifications read (the first read time is kept)' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiErrorResponses({ 400: 'INVALID_ID', 401: UNAUTHENTICATED, 403: PEOPLE_ONLY, 404: 'NOTIFICATION_NOT_FOUND' })
  async markRead(@CurrentPrincipal() principal: Principal, @Param('id', IdPipe) id: string): Promise<NotificationDto> {
    return NotificationDto.from(await this.inbox.markRead(principal, id));
  }
}
