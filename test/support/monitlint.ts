/**
 * Runs monitlint's checker in-process on real files, the way `monitlint check FILE` does.
 */
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFile, isUnreadable, type FileCheck } from '../../src/check/api.js';
import { main } from '../../src/cli/main.js';
import { realFs } from '../../src/cli/real-fs.js';
import { resolvesHostName } from '../../src/cli/real-host.js';

/** Checks `name` in directory `cwd` with host checks on, as `monit -t -c name` run in `cwd`. */
export function checkInDir(cwd: string, name: string, hostChecks = true): FileCheck {
  const r = checkFile(name, {
    fs: realFs,
    cwd,
    ...(hostChecks ? { host: { uid: process.getuid?.() ?? 0, hostname: hostname(), resolves: resolvesHostName } } : {}),
  });
  if (isUnreadable(r)) throw new Error(`${name}: ${r.error}`);
  return r;
}

/** Writes text to a private temp file (mode 0600, as Monit demands) and checks it. */
export function checkText(text: string, hostChecks = true): FileCheck {
  const dir = mkdtempSync(join(tmpdir(), 'monitlint-t-'));
  try {
    writeFileSync(join(dir, 'monitrc'), text);
    chmodSync(join(dir, 'monitrc'), 0o600);
    return checkInDir(dir, 'monitrc', hostChecks);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The first error of a check, or undefined. */
export function firstError(r: FileCheck): { line: number; message: string } | undefined {
  const d = r.diagnostics.find((x) => x.severity === 'error');
  return d ? { line: d.span.line, message: d.message } : undefined;
}

/** Runs the monitlint command line in-process, as `monitlint ARGS` would, with its output captured. */
export async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } });
  return { code, stdout, stderr };
}
