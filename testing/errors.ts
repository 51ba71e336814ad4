/** The NightshiftError a promise rejects with; fails the test when it resolves or rejects otherwise. */
import { expect } from 'vitest';
import { NightshiftError } from '../src/core/index.js';

export async function rejection(promise: Promise<unknown>): Promise<NightshiftError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NightshiftError);
  return error as NightshiftError;
}
