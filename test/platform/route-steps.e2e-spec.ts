import {
  CanActivate,
  Controller,
  createParamDecorator,
  ExecutionContext,
  Get,
  Injectable,
  Module,
  Param,
  ParseIntPipe,
  Post,
  Req,
  SetMetadata,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsInt, Max } from 'class-validator';
import { Observable, of } from 'rxjs';
import { ValidBody } from '../../src/platform';
import { createFastifyAdapter, NEST_APP_OPTIONS } from '../../src/platform/http/create-fastify-adapter';
import { restoreNestRouteSteps } from '../../src/platform/http/synchronous-route-steps';

/**
 * Gatehouse runs route guards and parameters without the promises Nest wraps them in
 * (synchronous-route-steps.ts). The same routes are served by an app on Nest's own steps and by
 * one on Gatehouse's, and must answer every request identically.
 */

const ANSWER = 'route-steps:answer';
const asked: string[] = [];

/** Answers what the route's metadata says: a boolean, a promise, an Observable, or an error. */
@Injectable()
class ScriptedGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> | Observable<boolean> {
    const answer = this.reflector.get<string | undefined>(ANSWER, context.getHandler()) ?? 'true';
    const request = context.switchToHttp().getRequest<{ url: string }>();
    asked.push(`scripted:${request.url}:${context.getClass().name}:${context.getType()}`);
    switch (answer) {
      case 'false':
        return false;
      case 'promise-true':
        return Promise.resolve(true);
      case 'promise-false':
        return Promise.resolve(false);
      case 'observable-true':
        return of(false, true);
      case 'observable-false':
        return of(true, false);
      case 'throw':
        throw new UnauthorizedException('scripted refusal');
      case 'reject':
        return Promise.reject(new UnauthorizedException('scripted rejection'));
      default:
        return true;
    }
  }
}

@Injectable()
class SecondGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    asked.push(`second:${context.switchToHttp().getRequest<{ url: string }>().url}`);
    return true;
  }
}

const Answer = (answer: string) => SetMetadata(ANSWER, answer);
const Header = createParamDecorator((name: string, context: ExecutionContext) => context.switchToHttp().getRequest<{ headers: Record<string, string> }>().headers[name]);
const Later = createParamDecorator((name: string, context: ExecutionContext) =>
  Promise.resolve(`later:${context.switchToHttp().getRequest<{ headers: Record<string, string> }>().headers[name]}`),
);
const Refuse = createParamDecorator(() => {
  throw new UnauthorizedException('refused by a parameter');
});

class CountBody {
  @IsInt()
  @Max(10)
  count!: number;
}

@Controller('steps')
@UseGuards(ScriptedGuard, SecondGuard)
class StepsController {
  @Get('true')
  allowed(@Header('x-name') name: string, @Req() request: { method: string }): object {
    return { name, method: request.method };
  }

  @Get('false') @Answer('false') refused(): object {
    return { reached: true };
  }

  @Get('promise-true') @Answer('promise-true') promiseAllowed(@Later('x-name') later: string): object {
    return { later };
  }

  @Get('promise-false') @Answer('promise-false') promiseRefused(): object {
    return { reached: true };
  }

  @Get('observable-true') @Answer('observable-true') observableAllowed(): object {
    return { reached: true };
  }

  @Get('observable-false') @Answer('observable-false') observableRefused(): object {
    return { reached: true };
  }

  @Get('throw') @Answer('throw') thrown(): object {
    return { reached: true };
  }

  @Get('reject') @Answer('reject') rejected(): object {
    return { reached: true };
  }

  @Get('refuse-param') refusedByParam(@Refuse() _never: unknown): object {
    return { reached: true };
  }

  @Get('number/:n') number(@Param('n', ParseIntPipe) n: number, @Header('x-name') name: string): object {
    return { n, type: typeof n, name };
  }

  @Post('count') count(@ValidBody() body: CountBody, @Header('x-name') name: string): object {
    return { count: body.count, name };
  }
}

@Module({ controllers: [StepsController], providers: [ScriptedGuard, SecondGuard] })
class StepsModule {}

interface Exchange {
  path: string;
  method?: 'GET' | 'POST';
  body?: Record<string, unknown>;
}

const EXCHANGES: Exchange[] = [
  { path: '/steps/true' },
  { path: '/steps/false' },
  { path: '/steps/promise-true' },
  { path: '/steps/promise-false' },
  { path: '/steps/observable-true' },
  { path: '/steps/observable-false' },
  { path: '/steps/throw' },
  { path: '/steps/reject' },
  { path: '/steps/refuse-param' },
  { path: '/steps/number/42' },
  { path: '/steps/number/forty-two' },
  { path: '/steps/count', method: 'POST', body: { count: 3 } },
  { path: '/steps/count', method: 'POST', body: { count: 30 } },
];

async function answersOf(app: NestFastifyApplication): Promise<Array<{ status: number; body: unknown; asked: string[] }>> {
  const answers = [];
  for (const exchange of EXCHANGES) {
    asked.length = 0;
    const response = await app.inject({
      method: exchange.method ?? 'GET',
      url: exchange.path,
      headers: { 'x-name': 'ada' },
      ...(exchange.body === undefined ? {} : { payload: exchange.body }),
    });
    answers.push({ status: response.statusCode, body: response.json<unknown>(), asked: [...asked] });
  }
  return answers;
}

async function serve(adapter: FastifyAdapter): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(StepsModule, adapter, { ...NEST_APP_OPTIONS, logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('Route steps without idle promises', () => {
  let ours: NestFastifyApplication;
  let nests: NestFastifyApplication;

  beforeAll(async () => {
    ours = await serve(createFastifyAdapter());
    restoreNestRouteSteps();
    nests = await serve(new FastifyAdapter());
  });

  afterAll(async () => {
    await ours?.close();
    await nests?.close();
  });

  it('answers every request exactly as Nest does: statuses, bodies, and which guards were asked in which order', async () => {
    const expected = await answersOf(nests);
    const actual = await answersOf(ours);
    expect(actual).toEqual(expected);
  });

  it('lets a route through only when every guard allows it, in declaration order', async () => {
    const [allowed, refused, promiseAllowed, promiseRefused, observableAllowed, observableRefused, thrown, rejected] = await answersOf(ours);
    expect(allowed).toEqual({
      status: 200,
      body: { name: 'ada', method: 'GET' },
      asked: ['scripted:/steps/true:StepsController:http', 'second:/steps/true'],
    });
    expect(refused.status).toBe(403);
    expect(refused.asked).toEqual(['scripted:/steps/false:StepsController:http']);
    expect(promiseAllowed).toMatchObject({ status: 200, body: { later: 'later:ada' } });
    expect(promiseAllowed.asked).toHaveLength(2);
    expect(promiseRefused).toMatchObject({ status: 403, asked: ['scripted:/steps/promise-false:StepsController:http'] });
    expect(observableAllowed).toMatchObject({ status: 200, body: { reached: true } });
    expect(observableRefused.status).toBe(403);
    expect(thrown).toMatchObject({ status: 401, body: { message: 'scripted refusal' } });
    expect(rejected).toMatchObject({ status: 401, body: { message: 'scripted rejection' } });
  });

  it('resolves parameters: plain, awaited, piped and validated ones, and a parameter that refuses', async () => {
    const answers = await answersOf(ours);
    const at = (path: string, body?: unknown) => answers[EXCHANGES.findIndex((e) => e.path === path && e.body === body)];
    expect(at('/steps/refuse-param')).toMatchObject({ status: 401, body: { message: 'refused by a parameter' } });
    expect(at('/steps/number/42')).toMatchObject({ status: 200, body: { n: 42, type: 'number', name: 'ada' } });
    expect(at('/steps/number/forty-two').status).toBe(400);
    expect(at('/steps/count', EXCHANGES[11].body)).toMatchObject({ status: 201, body: { count: 3, name: 'ada' } });
    expect(at('/steps/count', EXCHANGES[12].body).status).toBe(400);
  });
});
