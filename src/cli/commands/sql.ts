import type { Command } from 'commander';

// Placeholder until this command is written in this change.
export function registerSql(_program: Command): void {}
