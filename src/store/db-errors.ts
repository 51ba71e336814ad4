/**
 * Driver errors that the store reacts to, recognised by their stable codes: SQLSTATE for
 * PostgreSQL, extended result codes for better-sqlite3.
 */

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function isForeignKeyViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Conflicts that a fresh attempt of the same transaction resolves. */
export function isTransientConflict(error: unknown): boolean {
  const code = codeOf(error);
  // 40001 serialization_failure, 40P01 deadlock_detected; SQLITE_BUSY when busy_timeout ran out.
  return code === '40001' || code === '40P01' || code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}
