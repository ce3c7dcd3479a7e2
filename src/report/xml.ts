/**
 * `checkstyle` and `junit`: the two XML formats CI servers read. One shared escaper; characters
 * XML 1.0 forbids are dropped.
 */
import { allDiagnostics, summarize, type LintRun } from './lint-report.js';
import { conciseLine } from './lint-report.js';

export function xmlEscape(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function formatCheckstyle(run: LintRun): string {
  const byFile = new Map<string, string[]>();
  for (const f of run.files) byFile.set(f.file, []);
  for (const d of allDiagnostics(run)) {
    const list = byFile.get(d.span.file) ?? [];
    list.push(`    <error line="${d.span.line}" column="${d.span.column}" severity="${d.severity}" message="${xmlEscape(d.message)}" source="monitlint.${d.code}.${d.name}"/>`);
    byFile.set(d.span.file, list);
  }
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n';
  for (const [file, errors] of byFile) {
    out += errors.length ? `  <file name="${xmlEscape(file)}">\n${errors.join('\n')}\n  </file>\n` : `  <file name="${xmlEscape(file)}"/>\n`;
  }
  return `${out}</checkstyle>\n`;
}

/** One test case per linted file; a file with findings fails, its findings in the failure text. */
export function formatJunit(run: LintRun): string {
  const s = summarize(run);
  const failing = run.files.filter((f) => f.diagnostics.length > 0).length;
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="monitlint" tests="${s.files}" failures="${failing}">\n`;
  out += `  <testsuite name="monitlint" tests="${s.files}" failures="${failing}" errors="0">\n`;
  for (const f of run.files) {
    const ds = f.diagnostics;
    if (ds.length === 0) {
      out += `    <testcase name="${xmlEscape(f.file)}" classname="monitlint"/>\n`;
      continue;
    }
    const worst = ds.some((d) => d.severity === 'error') ? 'error' : ds.some((d) => d.severity === 'warning') ? 'warning' : 'info';
    const text = ds.map(conciseLine).join('\n');
    out += `    <testcase name="${xmlEscape(f.file)}" classname="monitlint">\n`;
    out += `      <failure message="${xmlEscape(`${ds.length} finding${ds.length === 1 ? '' : 's'}`)}" type="${worst}">${xmlEscape(text)}</failure>\n`;
    out += '    </testcase>\n';
  }
  return `${out}  </testsuite>\n</testsuites>\n`;
}
