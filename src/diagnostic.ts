/**
 * The one shape every stage reports problems in (DESIGN.md, Contracts).
 */
import type { Span } from './config/model.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Stable code such as `ML101`; parity codes (ML1xx, ML2xx) cannot be suppressed. */
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  hint?: string;
}

/** A span for a whole file, for problems without a better position. */
export function fileSpan(file: string): Span {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1, startOffset: 0, endOffset: 0 };
}

/** Sorts diagnostics by file, position, code and message, and drops exact duplicates. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  const sorted = [...ds].sort(
    (a, b) =>
      cmp(a.span.file, b.span.file) ||
      a.span.line - b.span.line ||
      a.span.column - b.span.column ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
  return sorted.filter((d, i) => {
    const p = sorted[i - 1];
    return !p || p.code !== d.code || p.message !== d.message || p.span.file !== d.span.file || p.span.line !== d.span.line || p.span.column !== d.span.column;
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
