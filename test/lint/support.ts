/** Lints text in memory (a memfs volume as the Fs), for rule and engine tests. */
import { Volume, createFsFromVolume } from 'memfs';
import type { Fs } from '../../src/config/fs.js';
import { lintText, type FileLint } from '../../src/lint/api.js';
import type { LintOptions } from '../../src/lint/engine.js';
import type { HostFacts } from '../../src/lint/types.js';

/** A memfs volume holding `files`, as an Fs. */
export function memFs(files: Record<string, string> = {}): Fs {
  const vol = Volume.fromJSON(files, '/');
  return createFsFromVolume(vol) as unknown as Fs;
}

/** Host facts from a table of path → mode. */
export function hostFrom(modes: Record<string, number>, guards: string[] = []): HostFacts {
  return { guards, modeOf: (p) => modes[p] };
}

export function lintString(text: string, opts: LintOptions & { files?: Record<string, string> } = {}, path = '/etc/monitrc'): FileLint {
  const { files, ...rest } = opts;
  return lintText(path, text, { fs: memFs(files), cwd: '/', ...rest });
}

/** `line:col code` of each diagnostic, for compact assertions. */
export function brief(r: FileLint): string[] {
  return r.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.code}`);
}
