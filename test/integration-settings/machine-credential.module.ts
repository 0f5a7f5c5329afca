import { Injectable, Module } from '@nestjs/common';
import { CredentialAuthenticator, PresentedCredentials, Principal } from '../../src/platform';

/** Machine credentials a suite hands out: bearer value -> the API-key principal it proves. */
export const machineCredentials = new Map<string, { keyId: string; tenantId: string; scopes: string[] }>();

/**
 * Stands in for the API-keys module's authenticator: turns a bearer value the suite registered
 * into a Principal of kind `api_key`, exactly as that module's will, so the machine route is
 * exercised through the real guard, use case and database.
 */
@Injectable()
class TestMachineAuthenticator extends CredentialAuthenticator {
  async authenticate(credentials: PresentedCredentials): Promise<Principal | undefined> {
    const known = credentials.bearer ? machineCredentials.get(credentials.bearer) : undefined;
    if (!known) return undefined;
    return { kind: 'api_key', id: known.keyId, tenantId: known.tenantId, subject: { type: 'api_key', id: known.keyId }, scopes: known.scopes };
  }
}

@Module({ providers: [TestMachineAuthenticator] })
export class MachineCredentialModule {}
