// Plain TypeScript shared by every module's domain: no Nest, no TypeORM, no HTTP.
export * from './domain-error';
