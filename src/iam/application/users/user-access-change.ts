/**
 * What another module does right after a user's role or disabled state changed (committed), for
 * instance drop what it cached about what the user may do. Provide a class extending this one;
 * the user update finds every provider.
 */
export abstract class UserAccessChange {
  abstract userAccessChanged(tenantId: string, userId: string): void | Promise<void>;
}
