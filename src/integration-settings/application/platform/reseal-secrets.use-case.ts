import { Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import { GlobalIntegrationSettingsRepository } from '../ports/global-integration-settings.repository';
import { SecretBox } from '../ports/secret-box';
import { secretContext } from './update-platform-integration.use-case';

/**
 * Key rotation: re-encrypts every provider secret sealed under an older key with the current one,
 * in one transaction. After it, the previous key can leave the configuration.
 */
@Injectable()
export class ResealSecretsUseCase {
  private readonly logger = new Logger('IntegrationSettings');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly globals: GlobalIntegrationSettingsRepository,
    private readonly box: SecretBox,
  ) {}

  /** How many secrets were re-encrypted. */
  async execute(): Promise<number> {
    const count = await this.tx.asSystem(async () => {
      let resealed = 0;
      for (const { type } of await this.globals.list()) {
        const row = (await this.globals.findForUpdate(type))!;
        let changed = false;
        for (const [name, stored] of Object.entries(row.secrets)) {
          if (stored.sealed.keyId === this.box.currentKeyId) continue;
          const context = secretContext(type, name);
          row.secrets[name] = { ...stored, sealed: this.box.seal(this.box.open(stored.sealed, context), context) };
          changed = true;
          resealed++;
        }
        if (changed) await this.globals.save(row);
      }
      return resealed;
    });
    if (count > 0) this.logger.log({ resealed: count, keyId: this.box.currentKeyId }, 'Provider secrets re-encrypted under the current key');
    return count;
  }
}
