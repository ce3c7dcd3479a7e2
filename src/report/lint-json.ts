/**
 * `json`: a versioned document (schema in README, "JSON output"). Version 1:
 * `{ version, tool: {name, version}, files: [{ file, fullyParsed, accepted, fragment, diagnostics: [Diag] }], summary }`
 * with `Diag = { code, name, severity, message, hint?, file, line, column, endLine, endColumn,
 * related?: [{ file, line, column, message }], includedFrom?: [{ file, line, column }] }`.
 */
import type { Span } from '../config/model.js';
import { summarize, type LintRun } from './lint-report.js';

export const JSON_SCHEMA_VERSION = 1;

const pos = (s: Span): { file: string; line: number; column: number } => ({ file: s.file, line: s.line, column: s.column });

export function formatLintJson(run: LintRun): string {
  const doc = {
    version: JSON_SCHEMA_VERSION,
    tool: { name: 'monitlint', version: run.version },
    files: run.files.map((f) => ({
      file: f.file,
      fullyParsed: f.fullyParsed,
      accepted: f.accepted,
      fragment: f.fragment,
      diagnostics: f.diagnostics.map((d) => ({
        code: d.code,
        name: d.name,
        severity: d.severity,
        message: d.message,
        ...(d.hint ? { hint: d.hint } : {}),
        file: d.span.file,
        line: d.span.line,
        column: d.span.column,
        endLine: d.span.endLine,
        endColumn: d.span.endColumn,
        ...(d.related?.length ? { related: d.related.map((r) => ({ ...pos(r.span), message: r.message })) } : {}),
        ...(d.includedFrom?.length ? { includedFrom: d.includedFrom.map(pos) } : {}),
      })),
    })),
    summary: summarize(run),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
