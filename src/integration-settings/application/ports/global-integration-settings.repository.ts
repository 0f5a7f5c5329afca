import type { Settings } from '../../domain/integration-type';
import type { SealedSecret } from './secret-box';

/** A provider secret as the platform row keeps it: sealed, with what may be shown about it. */
export interface StoredSecret {
  sealed: SealedSecret;
  fingerprint: string;
  updatedAt: Date;
}

/** The platform's settings of one integration type. */
export interface GlobalIntegrationSettings {
  type: string;
  enabled: boolean;
  /** The stored defaults (possibly missing a field added to the definition later). */
  defaults: Settings;
  secrets: Record<string, StoredSecret>;
  updatedAt: Date;
  updatedBy: string | null;
}

/** Platform rows; writes need a system unit of work. */
export abstract class GlobalIntegrationSettingsRepository {
  /** Inserts the rows of types that have none; existing rows are left exactly as they are. */
  abstract seedMissing(types: Array<{ type: string; defaults: Settings }>): Promise<void>;

  abstract find(type: string): Promise<GlobalIntegrationSettings | undefined>;

  /** The row, locked until the unit of work ends, so concurrent changes apply one after the other. */
  abstract findForUpdate(type: string): Promise<GlobalIntegrationSettings | undefined>;

  abstract list(): Promise<GlobalIntegrationSettings[]>;

  abstract save(settings: GlobalIntegrationSettings): Promise<void>;
}
