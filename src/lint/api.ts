/**
 * Lint entry points over an {@link Fs}: read, parse, check (monit -t parity), lint. The CLI and
 * the tests call these; nothing here touches the real disk except through the given Fs.
 */
import { checkFile, isUnreadable, type CheckOptions, type Unreadable } from '../check/api.js';
import { check } from '../check/check.js';
import type { HostContext } from '../check/host.js';
import { mapPath, parseControlText, type Parsed } from '../config/load.js';
import { lintParsed, type LintOptions, type LintResult } from './engine.js';

export interface FileLint extends LintResult {
  file: string;
  parsed: Parsed;
}

export type LintFileOptions = Omit<CheckOptions, 'host'> & LintOptions & { hostCheck?: CheckOptions['host'] };

/** Lints one control file (with its includes) read through `opts.fs`. */
export function lintFile(file: string, opts: LintFileOptions): FileLint | Unreadable {
  const r = checkFile(file, { fs: opts.fs, cwd: opts.cwd, ...(opts.root ? { root: opts.root } : {}), ...(opts.hostCheck ? { host: opts.hostCheck } : {}) });
  if (isUnreadable(r)) return r;
  return { file, parsed: r.parsed, ...lintParsed(r.parsed, r, opts) };
}

/** Lints text that did not come from a file (stdin), reported under `path`. */
export function lintText(path: string, text: string, opts: LintFileOptions): FileLint {
  const parsed = parseControlText(path, text, { fs: opts.fs, cwd: opts.cwd, ...(opts.root ? { root: opts.root } : {}) });
  const host: HostContext | undefined = opts.hostCheck
    ? { ...opts.hostCheck, fs: opts.fs, mapPath: (p) => mapPath(p, { cwd: opts.cwd, ...(opts.root ? { root: opts.root } : {}) }) }
    : undefined;
  const checked = check(parsed, host);
  return { file: path, parsed, ...lintParsed(parsed, checked, opts) };
}

export { isUnreadable };
