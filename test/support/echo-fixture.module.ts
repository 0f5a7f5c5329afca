import { Controller, Module, Post } from '@nestjs/common';
import { ValidBody } from '../../src/platform';
import { IsInt, IsString, Max, Min } from 'class-validator';

class EchoBody {
  @IsString()
  name!: string;

  @IsInt()
  @Min(1)
  @Max(10)
  count!: number;
}

/** A tiny endpoint with a validated body, to exercise the global pipe and error filter. */
@Controller('test-fixtures')
class EchoController {
  @Post('echo')
  echo(@ValidBody() body: EchoBody): EchoBody {
    return body;
  }

  @Post('boom')
  boom(): never {
    throw new Error('database password is hunter2');
  }
}

@Module({ controllers: [EchoController] })
export class EchoFixtureModule {}
