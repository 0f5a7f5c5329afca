import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiForPeople, CurrentPrincipal, Principal } from '../../../platform';
import { ReminderAccess } from '../../application/reminders/reminder-access';
import { RunReminderJobUseCase } from '../../application/reminders/run-reminder-job.use-case';
import { ApiReminderErrors } from './reminder-api-docs';
import { ReminderRunDto } from './dto/reminder-run.dto';

const { UNAUTHORIZED, FORBIDDEN } = HttpStatus;

@ApiTags('notifications')
@ApiForPeople()
@Controller('v1/admin/notifications/api-key-reminders')
export class ReminderAdminController {
  constructor(
    private readonly access: ReminderAccess,
    private readonly job: RunReminderJobUseCase,
  ) {}

  @Post('run')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Runs the API key expiry reminder job now and answers its counts (system administrators)' })
  @ApiOkResponse({ type: ReminderRunDto })
  @ApiReminderErrors(UNAUTHORIZED, FORBIDDEN)
  async run(@CurrentPrincipal() principal: Principal): Promise<ReminderRunDto> {
    await this.access.requireSystemAdmin(principal);
    return ReminderRunDto.from(await this.job.run());
  }
}
