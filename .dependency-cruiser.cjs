// Layering from ARCHITECTURE.md, checked by `npm run lint` (depcruise src migrations).
// A feature module is any top-level folder of src/ other than platform/. Paths are relative to the
// directory depcruise runs in, so the same rules apply to the fixture trees in test/architecture.
const FEATURE = '^src/(?!platform/)([^/]+)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-plain',
      severity: 'error',
      comment:
        'A domain/ folder is plain TypeScript: it imports only its own module\'s domain/ and the platform kernel ' +
        '(no Nest, no TypeORM, no HTTP, no other package).',
      from: { path: `${FEATURE}domain/` },
      to: { pathNot: ['^src/$1/domain/', '^src/platform/kernel/'] },
    },
    {
      name: 'application-not-to-adapters',
      severity: 'error',
      comment: 'Dependencies point inward: application/ declares ports, adapters/ implement them, never the reverse.',
      from: { path: `${FEATURE}application/` },
      to: { path: '^src/[^/]+/adapters/' },
    },
    {
      name: 'feature-through-index',
      severity: 'error',
      comment: 'One feature module uses another only through what that module\'s index.ts exports.',
      from: { path: FEATURE },
      to: { path: FEATURE, pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'feature-not-to-composition-root',
      severity: 'error',
      comment: 'The files at the top of src/ (main, app module) assemble the modules; no module imports them.',
      from: { path: '^src/[^/]+/' },
      to: { path: '^src/[^/]+\\.ts$' },
    },
    {
      name: 'platform-through-index',
      severity: 'error',
      comment:
        'Feature modules reach the platform only through src/platform/index.ts (domain/ through the kernel, ' +
        'see domain-is-plain).',
      from: { path: FEATURE, pathNot: `${FEATURE}domain/` },
      to: { path: '^src/platform/', pathNot: '^src/platform/index\\.ts$' },
    },
    {
      name: 'platform-not-to-features',
      severity: 'error',
      comment: 'The platform is what every module uses; it knows none of them.',
      from: { path: '^src/platform/' },
      to: { path: FEATURE },
    },
    {
      name: 'migrations-only-platform',
      severity: 'error',
      comment: 'Migrations are frozen history: they may use platform tools (rls.ts), never a feature module\'s code.',
      from: { path: '^migrations/' },
      to: { path: '^src/', pathNot: '^src/platform/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, inside a module or between modules.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'production-not-to-dev-dependencies',
      severity: 'error',
      comment: 'Shipped code must not need a devDependency (unit specs may).',
      from: { path: '^(src|migrations)/', pathNot: '\\.spec\\.ts$' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are imports too: a domain file must not import even a type from TypeORM.
    tsPreCompilationDeps: true,
    moduleSystems: ['cjs', 'es6'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json', '.d.ts'],
      mainFields: ['main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
