import type { DiscoveryService } from '@nestjs/core';

/**
 * Every provider instance of the application that extends `type`: how an extension point (an
 * abstract class another module extends, such as TenantErasure) finds its implementations.
 */
export function providersOf<T>(discovery: DiscoveryService, type: abstract new (...args: never[]) => T): T[] {
  return discovery
    .getProviders()
    .map((wrapper) => wrapper.instance as unknown)
    .filter((instance): instance is T => instance instanceof type);
}
