// Unit tests live beside the code (src, *.spec.ts); HTTP and database suites under test/.
const tsJest = ['ts-jest', { tsconfig: { isolatedModules: true } }];
// ES-module-only packages that CommonJS dependencies require(): Node 20.19 loads them itself, but
// jest keeps a module registry of its own, so it gets them compiled to CommonJS instead.
const esmOnly = ['content-disposition'];
const esmTransform = {
  [`node_modules/(${esmOnly.join('|')})/.+\\.js$`]: ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }],
};
const transformIgnorePatterns = [`/node_modules/(?!(.*/node_modules/)?(${esmOnly.join("|")})/)`];

module.exports = {
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': tsJest, ...esmTransform },
      transformIgnorePatterns,
      slowTestThreshold: 60,
    },
  ],
};
