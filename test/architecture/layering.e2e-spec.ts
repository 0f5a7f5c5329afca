import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';

// dependency-cruiser is ES-module-only, so it runs as its own process (jest cannot import it).
const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

interface CruiseResult {
  violations: Violation[];
  modulesCruised: number;
}

/** Runs dependency-cruiser on `src` and `migrations` of `dir` with the project's own rules. */
function runCli(dir: string, extraArgs: string[] = []): SpawnSyncReturns<string> {
  const run = spawnSync(process.execPath, [CLI, 'src', 'migrations', '--config', CONFIG, ...extraArgs], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  return run;
}

/** The violations, read from the JSON report (which always exits 0). */
function cruise(dir: string): CruiseResult {
  const run = runCli(dir, ['--output-type', 'json']);
  if (!run.stdout) throw new Error(`dependency-cruiser printed nothing: ${run.stderr}`);
  const output = JSON.parse(run.stdout) as { summary: { violations: Violation[]; totalCruised: number } };
  return { violations: output.summary.violations, modulesCruised: output.summary.totalCruised };
}

/** The exit code of the command `npm run lint` runs (default `err` report: one per error). */
const lintExitCode = (dir: string): number | null => runCli(dir).status;

const fixture = (name: string): string => join(__dirname, 'fixtures', name);

describe('architecture rules (dependency-cruiser)', () => {
  it('accepts a tree that follows the layering', () => {
    const result = cruise(fixture('clean'));
    expect(result.violations).toEqual([]);
    expect(lintExitCode(fixture('clean'))).toBe(0);
    // Guards against a vacuous pass (nothing cruised because of a wrong path).
    expect(result.modulesCruised).toBeGreaterThan(10);
  });

  describe('on a tree with one violation of each rule', () => {
    let result: CruiseResult;
    beforeAll(() => {
      result = cruise(fixture('violations'));
    });

    it('fails the lint command', () => {
      expect(result.violations).toHaveLength(7);
      expect(lintExitCode(fixture('violations'))).toBe(7);
    });

    it.each([
      ['domain-is-plain', 'src/shop/domain/order-number.ts', '@nestjs/common'],
      ['application-not-to-adapters', 'src/shop/application/export-orders.use-case.ts', 'src/shop/adapters/persistence/order.record.ts'],
      ['feature-through-index', 'src/billing/adapters/http/invoices.controller.ts', 'src/shop/adapters/persistence/order.record.ts'],
      ['platform-through-index', 'src/billing/adapters/persistence/invoice.migration-sql.ts', 'src/platform/database/rls.ts'],
      ['platform-not-to-features', 'src/platform/health/orders.probe.ts', 'src/shop/index.ts'],
      ['migrations-only-platform', 'migrations/2-order-numbers.ts', 'src/shop/domain/order-number.ts'],
      ['no-circular', 'src/shop/application/', 'src/shop/application/'],
    ])('reports %s (%s -> %s)', (rule, from, to) => {
      const hits = result.violations.filter(
        (v) => v.rule.name === rule && v.from.startsWith(from) && v.to.includes(to) && v.rule.severity === 'error',
      );
      expect(hits).toHaveLength(1);
    });

    it('reports nothing else: the allowed imports copied from the clean tree stay allowed', () => {
      const rules = result.violations.map((v) => v.rule.name).sort();
      expect(rules).toEqual([
        'application-not-to-adapters',
        'domain-is-plain',
        'feature-through-index',
        'migrations-only-platform',
        'no-circular',
        'platform-not-to-features',
        'platform-through-index',
      ]);
    });
  });

  it('passes on the repository itself', () => {
    const result = cruise(ROOT);
    expect(result.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
    expect(result.modulesCruised).toBeGreaterThan(10);
  });
});
