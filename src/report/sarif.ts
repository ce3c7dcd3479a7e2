/**
 * `sarif`: SARIF 2.1.0 for code-scanning services. `ruleId` is the code (`ML301`); every code
 * that appears has a rule entry with its `helpUri`; regions are 1-based; the include chain of a
 * finding in an included file is given as related locations. Validated against the official
 * schema in the tests.
 */
import type { Span } from '../config/model.js';
import type { Severity } from '../diagnostic.js';
import { allCodes, docUrl } from '../lint/docs.js';
import { allDiagnostics, type LintRun } from './lint-report.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

function uri(path: string): string {
  // Relative paths stay relative (resolved against the checkout by the consumer); absolute ones become file URIs.
  const enc = path.split('/').map(encodeURIComponent).join('/');
  return path.startsWith('/') ? `file://${enc}` : enc;
}

function region(s: Span): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  const endColumn = s.endLine === s.line ? Math.max(s.endColumn, s.column + 1) : Math.max(s.endColumn, 1);
  return { startLine: s.line, startColumn: s.column, endLine: Math.max(s.endLine, s.line), endColumn };
}

function location(s: Span, message?: string, id?: number): Record<string, unknown> {
  return {
    ...(id !== undefined ? { id } : {}),
    physicalLocation: { artifactLocation: { uri: uri(s.file) }, region: region(s) },
    ...(message ? { message: { text: message } } : {}),
  };
}

export function formatSarif(run: LintRun): string {
  const codes = allCodes();
  const index = new Map(codes.map((c, i) => [c.code, i]));
  const results = allDiagnostics(run).map((d) => {
    const related = [
      ...(d.related ?? []).map((r) => ({ span: r.span, message: r.message })),
      ...(d.includedFrom ?? []).map((s) => ({ span: s, message: 'included from here' })),
    ];
    return {
      ruleId: d.code,
      ...(index.has(d.code) ? { ruleIndex: index.get(d.code) } : {}),
      level: LEVEL[d.severity],
      message: { text: d.hint ? `${d.message} ${d.hint}` : d.message },
      locations: [location(d.span)],
      ...(related.length ? { relatedLocations: related.map((r, i) => location(r.span, r.message, i + 1)) } : {}),
    };
  });
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'monitlint',
            version: run.version,
            informationUri: docUrl('').replace(/#$/, ''),
            rules: codes.map((c) => ({
              id: c.code,
              name: c.name,
              shortDescription: { text: c.title },
              fullDescription: { text: c.rationale },
              helpUri: docUrl(c.code),
              defaultConfiguration: { level: LEVEL[c.severity] },
            })),
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
