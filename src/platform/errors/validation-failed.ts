import { BadRequestException, ValidationError } from '@nestjs/common';

/** The ValidationPipe's failure: every broken field with what is wrong with it. */
export class ValidationFailed extends BadRequestException {
  readonly code = 'VALIDATION_FAILED';

  constructor(readonly errors: ValidationError[]) {
    super('Request validation failed');
  }

  get details(): Record<string, unknown> {
    return { fields: flatten(this.errors) };
  }
}

function flatten(errors: ValidationError[], parent = ''): Array<{ field: string; problems: string[] }> {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
