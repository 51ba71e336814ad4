import type { Command } from 'commander';

// Placeholder until this command is written in this change.
export function registerDemo(_program: Command): void {}
