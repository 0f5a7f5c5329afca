import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../platform';
import { BootstrapDefaultTenantUseCase } from '../application/bootstrap/bootstrap-default-tenant.use-case';
import { ResyncAuthorizationUseCase } from '../application/bootstrap/resync-authorization.use-case';

/**
 * Before the application serves: the default tenant and its administrator exist, and SpiceDB
 * holds every relationship the tables imply (the embedded store starts empty).
 */
@Injectable()
export class IamStartup implements OnApplicationBootstrap {
  constructor(
    private readonly bootstrap: BootstrapDefaultTenantUseCase,
    private readonly resync: ResyncAuthorizationUseCase,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const outcome = await this.bootstrap.execute();
    if (outcome.generatedPassword && !this.config.isProduction) {
      // On the console, once, on purpose: the structured log is shipped and kept; this is not.
      process.stdout.write(
        `\nGatehouse system administrator created: ${this.config.iam.adminEmail}\n` +
          `Generated password (shown once, set GATEHOUSE_ADMIN_PASSWORD to choose one): ${outcome.generatedPassword}\n\n`,
      );
    }
    await this.resync.execute();
  }
}
