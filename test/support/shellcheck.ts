/**
 * ShellCheck (Debian package `shellcheck`, installed by .ci/run) for the generated shell files.
 * Missing: the tests that need it fail in CI and are skipped elsewhere after a loud warning, like
 * the monit oracle (support/monit.ts).
 */
import { findExecutable, isCI, warnLoudly } from './monit.js';

const MISSING = [
  'shellcheck was not found on PATH.',
  'The ShellCheck tests of the generated guard scripts are SKIPPED.',
  'Install it (Debian: apt-get install shellcheck; .ci/run does this in CI).',
  'In CI (CI is set) this is an error, not a skip.',
];

export function requireShellcheck(): string | null {
  const bin = findExecutable('shellcheck');
  if (bin !== null) return bin;
  if (isCI()) throw new Error(`shellcheck is required in CI: ${MISSING[0]}`);
  warnLoudly('missing-shellcheck', MISSING);
  return null;
}

export function requirePython3(): string | null {
  const bin = findExecutable('python3');
  if (bin !== null) return bin;
  if (isCI()) throw new Error('python3 is required in CI to compile the generated plugins');
  warnLoudly('missing-python3', ['python3 was not found on PATH: the py_compile tests of the guard plugins are SKIPPED.']);
  return null;
}
