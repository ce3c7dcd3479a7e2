/**
 * Formats the results of `monitlint check`: one line per diagnostic as `FILE:LINE:COL: severity:
 * message`, then Monit's own `Control file syntax OK` for an accepted file; or one JSON array.
 */
import type { Diagnostic } from '../diagnostic.js';

export interface CheckedFile {
  file: string;
  accepted: boolean;
  diagnostics: Diagnostic[];
  /** `--dump`: the service list in the layout of `monit -v -t` (accepted files only). */
  dump?: string;
}

export function formatConcise(results: CheckedFile[]): string {
  let out = '';
  for (const r of results) {
    for (const d of r.diagnostics) out += `${d.span.file}:${d.span.line}:${d.span.column}: ${d.severity}: ${d.message}\n`;
    if (r.dump !== undefined) out += r.dump;
    if (r.accepted) out += results.length > 1 ? `${r.file}: Control file syntax OK\n` : 'Control file syntax OK\n';
  }
  return out;
}

/**
 * Schema: `[{ file, accepted, diagnostics: [{ file, line, column, endLine, endColumn, severity, code, message }], dump? }]`;
 * `dump` (the `monit -v -t` service list as one string) only with `--dump` and only for accepted files.
 */
export function formatJson(results: CheckedFile[]): string {
  const data = results.map((r) => ({
    file: r.file,
    accepted: r.accepted,
    diagnostics: r.diagnostics.map((d) => ({
      file: d.span.file,
      line: d.span.line,
      column: d.span.column,
      endLine: d.span.endLine,
      endColumn: d.span.endColumn,
      severity: d.severity,
      code: d.code,
      message: d.message,
    })),
    ...(r.dump !== undefined ? { dump: r.dump } : {}),
  }));
  return `${JSON.stringify(data, null, 2)}\n`;
}
