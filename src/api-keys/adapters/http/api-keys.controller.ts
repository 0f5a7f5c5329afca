import { Controller, Get, HttpCode, HttpStatus, Ip, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiForPeople, Clock, CurrentPrincipal, IdPipe, Principal, ValidBody, ValidQuery } from '../../../platform';
import { ApiKeyQueriesUseCase } from '../../application/api-key-queries.use-case';
import { CreateApiKeyUseCase } from '../../application/create-api-key.use-case';
import { RevokeApiKeyUseCase } from '../../application/revoke-api-key.use-case';
import { RotateApiKeyUseCase } from '../../application/rotate-api-key.use-case';
import { UpdateApiKeyUseCase } from '../../application/update-api-key.use-case';
import { API_KEY_SCOPES } from '../../domain/scopes';
import { ApiErrors } from './api-docs';
import { CreateApiKeyBody, RevokeApiKeyBody, RotateApiKeyBody, UpdateApiKeyBody } from './dto/api-key-input.dto';
import { ApiKeyDto, ApiKeyPageDto, IssuedApiKeyDto } from './dto/api-key-output.dto';
import { ApiKeyListQueryDto } from './dto/api-key-query.dto';
import { HumanOrMachineRoutes, MachineAccess } from './machine-access';
import { KeyScopeDto } from './dto/key-restrictions.dto';
import { revocationReason } from './key-reasons';

const { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT } = HttpStatus;
/** Each operation here keeps a scoped key to the keys its scope reaches (KeyScopes), so such keys may call them. */
const KEY_ROUTE = { narrowsToKeyScope: true };
const date = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value));

@ApiTags('api-keys')
@ApiForPeople()
@HumanOrMachineRoutes()
@Controller('v1/tenants/:tenant_id/api-keys')
export class ApiKeysController {
  constructor(
    private readonly createKey: CreateApiKeyUseCase,
    private readonly queries: ApiKeyQueriesUseCase,
    private readonly updateKey: UpdateApiKeyUseCase,
    private readonly rotateKey: RotateApiKeyUseCase,
    private readonly revokeKey: RevokeApiKeyUseCase,
    private readonly clock: Clock,
  ) {}

  @Post()
  @MachineAccess(API_KEY_SCOPES.write, KEY_ROUTE)
  @ApiOperation({ summary: 'Issues a key owned by the caller; the key is in this answer only' })
  @ApiCreatedResponse({ type: IssuedApiKeyDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @ValidBody() body: CreateApiKeyBody,
    @Ip() clientAddress: string,
  ): Promise<IssuedApiKeyDto> {
    const issued = await this.createKey.execute(principal, tenantId, {
      name: body.name,
      type: body.type,
      teamId: body.team_id,
      scopes: body.scopes ?? [],
      resourcePermissions: body.resource_permissions,
      expiresAt: date(body.expires_at),
      expiresInDays: body.expires_in_days,
      permission: body.permission,
      scope: body.scope && KeyScopeDto.toScope(body.scope),
      allowedOrigins: body.allowed_origins,
      allowedIps: body.allowed_ips,
      rateLimit: body.rate_limit,
    }, clientAddress);
    return { key: issued.key, ...ApiKeyDto.from(issued.apiKey, this.clock.now()) };
  }

  @Get()
  @MachineAccess(API_KEY_SCOPES.read, KEY_ROUTE)
  @ApiOperation({ summary: "Lists keys: all of the tenant's for its admins, otherwise the caller's own and its managed teams'" })
  @ApiOkResponse({ type: ApiKeyPageDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async list(@CurrentPrincipal() principal: Principal, @Param('tenant_id', IdPipe) tenantId: string, @ValidQuery() query: ApiKeyListQueryDto): Promise<ApiKeyPageDto> {
    const page = await this.queries.list(principal, tenantId, {
      teamId: query.team_id,
      ownerId: query.owner_id,
      state: query.state,
      expiringWithinDays: query.expiring_within_days,
      limit: query.limit,
      cursor: query.cursor,
    });
    const now = this.clock.now();
    return { items: page.items.map((key) => ApiKeyDto.from(key, now)), next_cursor: page.nextCursor };
  }

  @Get(':key_id')
  @MachineAccess(API_KEY_SCOPES.read, KEY_ROUTE)
  @ApiOperation({ summary: "One key's metadata" })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async get(@CurrentPrincipal() principal: Principal, @Param('tenant_id', IdPipe) tenantId: string, @Param('key_id', IdPipe) keyId: string): Promise<ApiKeyDto> {
    return ApiKeyDto.from(await this.queries.get(principal, tenantId, keyId), this.clock.now());
  }

  @Patch(':key_id')
  @MachineAccess(API_KEY_SCOPES.write, KEY_ROUTE)
  @ApiOperation({
    summary: 'Edits a live key in place (name, expiry, scopes, resource permissions, permission, scope, origins, IP rules, rate limit)',
    description: 'Each control obeys the rules of creation; the change applies on the next request, on every instance.',
  })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT)
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('key_id', IdPipe) keyId: string,
    @ValidBody() body: UpdateApiKeyBody,
    @Ip() clientAddress: string,
  ): Promise<ApiKeyDto> {
    const key = await this.updateKey.execute(principal, tenantId, keyId, {
      name: body.name,
      expiresAt: date(body.expires_at),
      expiresInDays: body.expires_in_days,
      scopes: body.scopes,
      resourcePermissions: body.resource_permissions,
      permission: body.permission,
      scope: body.scope ? KeyScopeDto.toScope(body.scope) : undefined,
      allowedOrigins: body.allowed_origins,
      allowedIps: body.allowed_ips,
      rateLimit: body.rate_limit,
    }, clientAddress);
    return ApiKeyDto.from(key, this.clock.now());
  }

  @Post(':key_id/rotate')
  @MachineAccess(API_KEY_SCOPES.write, KEY_ROUTE)
  @ApiOperation({ summary: 'Replaces the key by a new one with the same settings; the old one works until the grace period ends' })
  @ApiCreatedResponse({ type: IssuedApiKeyDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT)
  async rotate(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('key_id', IdPipe) keyId: string,
    @ValidBody() body: RotateApiKeyBody,
    @Ip() clientAddress: string,
  ): Promise<IssuedApiKeyDto> {
    const rotated = await this.rotateKey.execute(principal, tenantId, keyId, body.grace_period_seconds ?? 0, clientAddress);
    return { key: rotated.key, ...ApiKeyDto.from(rotated.apiKey, this.clock.now()), previous_key_revoked_at: rotated.previousKeyRevokedAt.toISOString() };
  }

  @Post(':key_id/revoke')
  @HttpCode(HttpStatus.OK)
  @MachineAccess(API_KEY_SCOPES.write, KEY_ROUTE)
  @ApiOperation({ summary: 'Revokes the key now, for good, with a reason_code (default other) and optional reason_text' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT)
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('key_id', IdPipe) keyId: string,
    @ValidBody() body: RevokeApiKeyBody,
    @Ip() clientAddress: string,
  ): Promise<ApiKeyDto> {
    const reason = revocationReason(body);
    return ApiKeyDto.from(await this.revokeKey.execute({ principal, clientAddress }, tenantId, keyId, reason), this.clock.now());
  }
}
