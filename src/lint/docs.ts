/**
 * Rule documentation as text: the page `monitlint rule CODE` prints, the list `monitlint rules`
 * prints, the README table, and the help link every format derives from a code.
 */
import type { Severity } from '../diagnostic.js';
import { PARITY_CODES } from './parity.js';
import { RULES } from './rules/index.js';

/** Where the rule pages live; each code is an anchor of the README's rule table. */
export const DOCS_BASE = 'https://github.com/monitlint/monitlint/blob/main/README.md';

export function docUrl(code: string): string {
  return `${DOCS_BASE}#${code.toLowerCase()}`;
}

/** Every code monitlint can print, rules and parity codes, sorted by code. */
export interface CodeInfo {
  code: string;
  name: string;
  severity: Severity;
  title: string;
  rationale: string;
  bad?: string;
  good?: string;
  /** Findings of this code cannot be suppressed by a comment. */
  parity: boolean;
  /** The rule needs `--host`. */
  hostOnly: boolean;
}

export function allCodes(): CodeInfo[] {
  const rules: CodeInfo[] = RULES.map((r) => ({
    code: r.code, name: r.name, severity: r.severity, title: r.title, rationale: r.rationale, bad: r.bad, good: r.good, parity: false, hostOnly: r.exampleHost !== undefined,
  }));
  const parity: CodeInfo[] = PARITY_CODES.map((p) => ({ ...p, parity: true, hostOnly: false }));
  return [...rules, ...parity].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export function findCode(id: string): CodeInfo | undefined {
  const k = id.toLowerCase();
  return allCodes().find((c) => c.code.toLowerCase() === k || c.name === k);
}

/** `monitlint rules`: one line per code. */
export function rulesList(): string {
  const all = allCodes();
  const width = Math.max(...all.map((c) => c.name.length));
  return all.map((c) => `${c.code}  ${c.name.padEnd(width)}  ${c.severity.padEnd(7)}  ${c.title}${c.hostOnly ? ' (--host)' : ''}`).join('\n') + '\n';
}

function indent(text: string): string {
  return text.trimEnd().split('\n').map((l) => `    ${l}`).join('\n');
}

/** `monitlint rule ML301`: the rule's page. */
export function rulePage(c: CodeInfo): string {
  let out = `${c.code} ${c.name} (${c.severity})\n${c.title}\n\n${wrap(c.rationale, 78)}\n`;
  if (c.parity) out += '\nThis finding comes from the Monit-parity checker and cannot be suppressed.\n';
  if (c.hostOnly) out += '\nThis rule looks at the machine: it runs only with --host.\n';
  if (c.bad) out += `\nTriggers it:\n\n${indent(c.bad)}\n`;
  if (c.good) out += `\nDoes not:\n\n${indent(c.good)}\n`;
  out += `\nSuppress: # monitlint ignore=${c.code} -- reason   (or ${c.name})\nMore: ${docUrl(c.code)}\n`;
  return out;
}

function wrap(text: string, width: number): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && cur.length + 1 + w.length > width) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines.join('\n');
}

/** The README's rule table (between the rule-table markers), generated from the rule files. */
export function readmeRuleTable(): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  const rows = allCodes().map((c) => `| <a id="${c.code.toLowerCase()}"></a>${c.code} | \`${c.name}\` | ${c.severity} | ${esc(c.title)}${c.hostOnly ? ' (needs `--host`)' : ''}${c.parity ? ' (not suppressible)' : ''} |`);
  return ['| Code | Name | Severity | What it finds |', '| --- | --- | --- | --- |', ...rows].join('\n') + '\n';
}
