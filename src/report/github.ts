/**
 * `github`: GitHub Actions workflow commands (`::warning file=…,line=…::message`), escaped as the
 * runner expects: `%`, CR and LF in the message; additionally `:` and `,` in properties.
 */
import type { Severity } from '../diagnostic.js';
import { allDiagnostics, type LintRun } from './lint-report.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(run: LintRun): string {
  let out = '';
  for (const d of allDiagnostics(run)) {
    const s = d.span;
    const props = [
      `file=${escapeProperty(s.file)}`,
      `line=${s.line}`,
      `col=${s.column}`,
      `endLine=${s.endLine}`,
      `endColumn=${s.endColumn}`,
      `title=${escapeProperty(`${d.code} ${d.name}`)}`,
    ].join(',');
    out += `::${COMMAND[d.severity]} ${props}::${escapeData(d.hint ? `${d.message}\n${d.hint}` : d.message)}\n`;
  }
  return out;
}
