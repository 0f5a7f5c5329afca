import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '../kernel';

class InvalidId extends DomainError {
  readonly code = 'INVALID_ID';
  readonly kind = 'invalid';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path ids are UUIDs; anything else is a 400 (not echoed back), never a database error. */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new InvalidId('An id in the path is not a UUID');
    return value.toLowerCase();
  }
}
