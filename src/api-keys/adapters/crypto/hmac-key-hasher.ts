import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../../platform';
import { KeyHasher } from '../../application/ports/key-hasher';

/**
 * HMAC-SHA-256 under the server pepper: keys carry 192 random bits, so a fast keyed hash is
 * enough (a slow password hash would only slow every request), and a leaked table is useless
 * without the pepper.
 */
@Injectable()
export class HmacKeyHasher extends KeyHasher {
  private readonly pepper: Buffer;

  constructor(config: AppConfig) {
    super();
    this.pepper = Buffer.from(config.secrets.keyPepper, 'utf8');
  }

  hash(key: string): string {
    return createHmac('sha256', this.pepper).update(key, 'utf8').digest('hex');
  }

  same(a: string, b: string): boolean {
    const left = Buffer.from(a, 'hex');
    const right = Buffer.from(b, 'hex');
    return left.length === right.length && timingSafeEqual(left, right);
  }
}
