import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '../../../platform';

class InvalidId extends DomainError {
  readonly code = 'INVALID_ID';
  readonly kind = 'invalid';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path ids are UUIDs; anything else is a 400, never a database error. */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new InvalidId(`"${value}" is not a valid id`);
    return value.toLowerCase();
  }
}
