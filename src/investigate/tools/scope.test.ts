import { describe, expect, test } from 'vitest';
import { cacheKey, createInvestigationScope, withInvestigationScope } from './scope.js';

describe('investigation scope', () => {
  test('the cache computes a value once per key; keys with the same description stay apart', () => {
    const scope = createInvestigationScope();
    const a = cacheKey<number[]>('shifts');
    const b = cacheKey<number[]>('shifts');
    let computed = 0;
    const first = scope.cache.get(a, () => [++computed]);
    expect(scope.cache.get(a, () => [++computed])).toBe(first);
    expect(scope.cache.get(b, () => [++computed])).toEqual([2]);
    expect(computed).toBe(2);
  });

  test('two scopes share nothing', () => {
    const key = cacheKey<object>('value');
    const one = createInvestigationScope();
    const two = createInvestigationScope();
    expect(one.cache.get(key, () => ({}))).not.toBe(two.cache.get(key, () => ({})));
  });

  test('dispose releases every resource, the last opened first, even after one fails', async () => {
    const scope = createInvestigationScope();
    const released: string[] = [];
    scope.defer(() => {
      released.push('database');
    });
    scope.defer(() => {
      throw new Error('socket already closed');
    });
    scope.defer(async () => {
      released.push('log index');
    });
    const failures = await scope.dispose();
    expect(released).toEqual(['log index', 'database']);
    expect(failures.map((f) => f.message)).toEqual(['socket already closed']);
    expect(await scope.dispose()).toEqual([]);
  });

  test('after dispose, a new resource is released at once and defer throws; the cache refuses', async () => {
    const scope = createInvestigationScope();
    await scope.dispose();
    let released = false;
    expect(() =>
      scope.defer(() => {
        released = true;
      }),
    ).toThrow(/investigation has ended/);
    await new Promise((resolve) => setImmediate(resolve));
    expect(released).toBe(true);
    expect(() => scope.cache.get(cacheKey<number>('late'), () => 1)).toThrow(/"late" cannot be computed/);
  });
});

describe('withInvestigationScope', () => {
  test('disposes when the work succeeds, and returns its value', async () => {
    let released = 0;
    const value = await withInvestigationScope(async (scope) => {
      scope.defer(() => {
        released++;
      });
      return 'report';
    });
    expect([value, released]).toEqual(['report', 1]);
  });

  test("disposes when the work throws, and throws the work's error, not the dispose's", async () => {
    let released = 0;
    const run = withInvestigationScope(async (scope) => {
      scope.defer(() => {
        released++;
        throw new Error('close failed');
      });
      throw new Error('the brain failed');
    });
    await expect(run).rejects.toThrow('the brain failed');
    expect(released).toBe(1);
  });

  test('a dispose that fails after successful work is not swallowed', async () => {
    const run = withInvestigationScope(async (scope) => {
      scope.defer(() => {
        throw new Error('DuckDB process would not die');
      });
      return 'report';
    });
    await expect(run).rejects.toThrow(
      "releasing the investigation's resources failed: DuckDB process would not die",
    );
  });
});
