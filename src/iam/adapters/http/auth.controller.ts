import { Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiForPeople, AppConfig, CurrentPrincipal, Principal, Public, SESSION_COOKIE, ValidBody } from '../../../platform';
import { GetMeUseCase } from '../../application/sessions/get-me.use-case';
import { LoginUseCase } from '../../application/sessions/login.use-case';
import { LogoutUseCase } from '../../application/sessions/logout.use-case';
import { ApiErrors } from './api-docs';
import { LoginBody, LoginResponse } from './dto/auth.dto';
import { UserDto } from './dto/user.dto';

@ApiTags('sessions')
@Controller('v1')
export class AuthController {
  constructor(
    private readonly login: LoginUseCase,
    private readonly logout: LogoutUseCase,
    private readonly me: GetMeUseCase,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Email + password -> a session (token in the body and an httpOnly cookie)' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED, HttpStatus.TOO_MANY_REQUESTS)
  async signIn(@ValidBody() body: LoginBody, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResponse> {
    const result = await this.login.execute({ email: body.email, password: body.password, tenantId: body.tenant_id, clientAddress: request.ip });
    void reply.setCookie(SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.isProduction,
      path: '/',
      expires: result.expiresAt,
    });
    return { access_token: result.token, token_type: 'Bearer', expires_at: result.expiresAt.toISOString(), user: UserDto.from(result.user) };
  }

  @Post('auth/logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiForPeople()
  @ApiOperation({ summary: 'Ends the current session' })
  @ApiNoContentResponse({ description: 'The session token no longer works' })
  @ApiErrors(HttpStatus.UNAUTHORIZED)
  async signOut(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.logout.execute(principal);
    void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: this.config.isProduction });
  }

  @Get('me')
  @ApiForPeople()
  @ApiOperation({ summary: 'The calling user' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(HttpStatus.UNAUTHORIZED)
  async whoAmI(@CurrentPrincipal() principal: Principal): Promise<UserDto> {
    return UserDto.from(await this.me.execute(principal));
  }
}
