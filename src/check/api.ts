/**
 * `monit -t -c FILE` for each file: read, parse, build, check. The library entry point behind
 * `monitlint check`; it touches the filesystem only through the given {@link Fs}.
 */
import { errnoMessage, tryStat, type Fs } from '../config/fs.js';
import { decode, mapPath, parseControlText, type Parsed } from '../config/load.js';
import type { Diagnostic } from '../diagnostic.js';
import { check, type CheckResult } from './check.js';
import type { HostContext } from './host.js';

export interface CheckOptions {
  fs: Fs;
  cwd: string;
  root?: string;
  /** Run the host-dependent checks against this machine (default) or not. */
  host?: Omit<HostContext, 'fs' | 'mapPath' | 'controlFile'>;
}

/** Input that could not be read at all: the CLI exits 2 for these. */
export interface Unreadable {
  file: string;
  error: string;
}

export interface FileCheck extends CheckResult {
  file: string;
  parsed: Parsed;
}

/** The largest control file accepted; Monit has no limit, but a 50 MB "control file" is not one. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export function checkFile(file: string, opts: CheckOptions): FileCheck | Unreadable {
  const real = file.startsWith('/') ? file : `${opts.cwd.replace(/\/+$/, '')}/${file}`;
  const st = tryStat(opts.fs, real);
  if (!st) {
    try {
      opts.fs.statSync(real);
    } catch (e) {
      return { file, error: `cannot read control file: ${errnoMessage(e)}` };
    }
  }
  if (st?.isDirectory()) return { file, error: 'is a directory, not a control file' };
  if (st && st.size > MAX_FILE_BYTES) return { file, error: `file is too large (${st.size} bytes; the limit is ${MAX_FILE_BYTES})` };
  let bytes: Uint8Array;
  try {
    bytes = opts.fs.readFileSync(real);
  } catch (e) {
    return { file, error: `cannot read control file: ${errnoMessage(e)}` };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { file, error: `binary file (NUL byte at offset ${nul}), not a control file` };
  const parsed = parseControlText(file, decode(bytes), { fs: opts.fs, cwd: opts.cwd, ...(opts.root ? { root: opts.root } : {}) });
  const host: HostContext | undefined = opts.host
    ? { ...opts.host, fs: opts.fs, mapPath: (p) => mapPath(p, { cwd: opts.cwd, ...(opts.root ? { root: opts.root } : {}) }), controlFile: real }
    : undefined;
  const result = check(parsed, host);
  return { file, parsed, ...result };
}

export function isUnreadable(r: FileCheck | Unreadable): r is Unreadable {
  return 'error' in r;
}

export type { Diagnostic };
