/**
 * Node's own `require`, for packages that load WebAssembly or native code (PGlite, embedded
 * SpiceDB): they must be loaded once per process by Node itself, also under a test runner that
 * keeps a module registry of its own and cannot follow their dynamic `import()`s (hence
 * `process.getBuiltinModule`, which no runner replaces). On Node 20.19+ it also loads
 * ES-module-only packages.
 */
const { createRequire } = process.getBuiltinModule('node:module');

export const nodeRequire = createRequire(__filename);
