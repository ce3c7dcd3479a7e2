/**
 * Builds dist/ for tests that run the real CLI (bin/monitlint loads dist/). Under `npm test` the
 * build already ran before vitest started, so it is skipped: rebuilding while another test file
 * spawns the CLI could let that child read a file tsc is rewriting.
 */
import { execFileSync } from 'node:child_process';
import { repoRoot } from './corpus.js';

export function buildForCli(): void {
  if (process.env.npm_lifecycle_event === 'test') return;
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'ignore' });
}
