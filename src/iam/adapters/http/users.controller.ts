import { Controller, Get, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiForPeople, CurrentPrincipal, IdPipe, PageQuery, Principal, ValidBody, ValidQuery } from '../../../platform';
import { CreateUserUseCase } from '../../application/users/create-user.use-case';
import { UpdateUserUseCase } from '../../application/users/update-user.use-case';
import { GetUserUseCase, ListUsersUseCase } from '../../application/users/user-queries.use-case';
import { ApiErrors } from './api-docs';
import { CreateUserBody, UpdateUserBody, UserDto, UserPageDto } from './dto/user.dto';

const { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT } = HttpStatus;

@ApiTags('users')
@ApiForPeople()
@Controller('v1/tenants/:tenant_id/users')
export class UsersController {
  constructor(
    private readonly createUser: CreateUserUseCase,
    private readonly listUsers: ListUsersUseCase,
    private readonly getUser: GetUserUseCase,
    private readonly updateUser: UpdateUserUseCase,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Creates a user in the tenant (tenant admins)' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @ValidBody() body: CreateUserBody,
  ): Promise<UserDto> {
    return UserDto.from(await this.createUser.execute(principal, tenantId, { email: body.email, password: body.password, role: body.role ?? 'member' }));
  }

  @Get()
  @ApiOperation({ summary: 'Lists the tenant\'s users (tenant admins)' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async list(@CurrentPrincipal() principal: Principal, @Param('tenant_id', IdPipe) tenantId: string, @ValidQuery() query: PageQuery): Promise<UserPageDto> {
    const page = await this.listUsers.execute(principal, tenantId, query.limit, query.cursor);
    return { items: page.items.map(UserDto.from), next_cursor: page.nextCursor };
  }

  @Get(':user_id')
  @ApiOperation({ summary: 'One user (tenant admins, or the user itself)' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('user_id', IdPipe) userId: string,
  ): Promise<UserDto> {
    return UserDto.from(await this.getUser.execute(principal, tenantId, userId));
  }

  @Patch(':user_id')
  @ApiOperation({ summary: 'Changes a user\'s role, or disables / enables it (tenant admins)' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT)
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('user_id', IdPipe) userId: string,
    @ValidBody() body: UpdateUserBody,
  ): Promise<UserDto> {
    return UserDto.from(await this.updateUser.execute(principal, tenantId, userId, { role: body.role, disabled: body.disabled }));
  }
}
