/**
 * `stylish`: the terminal format. The concise header line, then the source line with `^~~~`
 * under the span, the hint and the rule's page (actionlint, Ruff). Colours come from the chalk
 * instance the CLI passes in (level 0 means none).
 */
import type { ChalkInstance } from 'chalk';
import type { LintDiagnostic } from '../lint/engine.js';
import { docUrl } from '../lint/docs.js';
import { allDiagnostics, summaryLine, type LintRun } from './lint-report.js';

export function formatStylish(run: LintRun, chalk: ChalkInstance): string {
  let out = '';
  for (const d of allDiagnostics(run)) out += frame(d, run.sources.get(d.span.file), chalk);
  const s = summaryLine(run);
  return `${out}${chalk.bold(s)}\n`;
}

function frame(d: LintDiagnostic, text: string | undefined, chalk: ChalkInstance): string {
  const colour = d.severity === 'error' ? chalk.red : d.severity === 'warning' ? chalk.yellow : chalk.cyan;
  let out = `${chalk.bold(`${d.span.file}:${d.span.line}:${d.span.column}:`)} ${colour.bold(`${d.severity}:`)} ${d.message} ${chalk.dim(`[${d.code} ${d.name}]`)}\n`;
  const line = text?.split('\n')[d.span.line - 1]?.replace(/\r$/, '');
  if (line !== undefined) {
    const num = String(d.span.line);
    const gutter = ' '.repeat(num.length);
    const start = d.span.column - 1;
    const end = d.span.endLine === d.span.line ? Math.max(d.span.endColumn - 1, start + 1) : Math.max(line.length, start + 1);
    // Tabs keep their width in the caret line so that the carets stay under the text.
    const pad = line.slice(0, start).replace(/[^\t]/g, ' ');
    const marker = `^${'~'.repeat(Math.max(0, Math.min(end, Math.max(line.length, start + 1)) - start - 1))}`;
    out += `${chalk.dim(`${num} |`)} ${line}\n${chalk.dim(`${gutter} |`)} ${pad}${colour(marker)}\n`;
  }
  if (d.hint) out += `  ${chalk.green('hint:')} ${d.hint}\n`;
  for (const r of d.related ?? []) out += `  ${chalk.dim('note:')} ${r.span.file}:${r.span.line}:${r.span.column}: ${r.message}\n`;
  for (const inc of d.includedFrom ?? []) out += `  ${chalk.dim('note:')} included from ${inc.file}:${inc.line}:${inc.column}\n`;
  out += `  ${chalk.dim(`see: monitlint rule ${d.code} (${docUrl(d.code)})`)}\n\n`;
  return out;
}
