/**
 * What every lint format receives: the linted files with their diagnostics and the source texts
 * (for code frames). Formatters are pure: data in, string out (DESIGN.md, report).
 */
import type { Severity } from '../diagnostic.js';
import type { LintDiagnostic } from '../lint/engine.js';

export interface LintedFile {
  /** The path as given or found by the directory walk. */
  file: string;
  fullyParsed: boolean;
  accepted: boolean;
  /** Linted as a fragment (no root known). */
  fragment: boolean;
  diagnostics: LintDiagnostic[];
}

export interface LintRun {
  files: LintedFile[];
  /** Text of every file read, by path, for code frames. */
  sources: ReadonlyMap<string, string>;
  version: string;
}

export type LintFormat = 'stylish' | 'concise' | 'json' | 'sarif' | 'github' | 'checkstyle' | 'junit';
export const LINT_FORMATS: readonly LintFormat[] = ['stylish', 'concise', 'json', 'sarif', 'github', 'checkstyle', 'junit'];

export interface Summary {
  files: number;
  error: number;
  warning: number;
  info: number;
  notFullyParsed: number;
}

export function summarize(run: LintRun): Summary {
  const s: Summary = { files: run.files.length, error: 0, warning: 0, info: 0, notFullyParsed: 0 };
  for (const f of run.files) {
    if (!f.fullyParsed) s.notFullyParsed++;
    for (const d of f.diagnostics) s[d.severity]++;
  }
  return s;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `3 files linted: 1 error, 2 warnings, 0 infos; 1 file not fully parsed`. */
export function summaryLine(run: LintRun): string {
  const s = summarize(run);
  return `${plural(s.files, 'file')} linted: ${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${plural(s.info, 'info')}; ${plural(s.notFullyParsed, 'file')} not fully parsed`;
}

/** Every diagnostic of the run with its file, in output order. */
export function allDiagnostics(run: LintRun): LintDiagnostic[] {
  return run.files.flatMap((f) => f.diagnostics);
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** `file:line:col: severity: message [ML301 name]` (gcc-like, STYLE.md "Output"). */
export function conciseLine(d: LintDiagnostic): string {
  return `${d.span.file}:${d.span.line}:${d.span.column}: ${d.severity}: ${d.message} [${d.code} ${d.name}]`;
}

export function formatConcise(run: LintRun): string {
  let out = '';
  for (const d of allDiagnostics(run)) out += `${conciseLine(d)}\n`;
  return `${out}${summaryLine(run)}\n`;
}
