/**
 * Inline suppressions (STYLE.md, "Suppressions and config"):
 *   `# monitlint ignore=ML301[,name…] [-- reason]`          the next statement
 *   `# monitlint service ignore=…`  right before a `check`   that service entry
 *   `# monitlint global ignore=…`                            the whole file it is written in
 * A wider scope always needs its keyword; position never widens it.
 */
import type { MToken, SourceFile } from '../../grammar/lexer.js';
import type { Config, Span } from '../config/model.js';
import type { Comment, IncludeStatement } from './trivia.js';

export type Scope = 'statement' | 'service' | 'global';

export interface Directive {
  scope: Scope;
  /** Each code or name as written, with its own span for precise ML001/ML003 reports. */
  entries: Array<{ text: string; span: Span }>;
  reason?: string;
  /** The directive comment. */
  span: Span;
  /** What it covers: [start, end) offsets in `file`. */
  file: string;
  start: number;
  end: number;
}

export interface Malformed {
  span: Span;
  message: string;
}

/** Tokens that begin a statement (spec §3–§10): where one statement's suppression range ends. */
const STATEMENT_TOKENS = new Set([
  'IF', 'SET', 'START', 'STOP', 'RESTART', 'DEPENDS', 'GROUP', 'EVERY', 'NOTEVERY', 'MODE', 'ONREBOOT', 'ALERT', 'NOALERT', 'ALLOW', 'IGNORE',
  'CHECKPROC', 'CHECKPROGRAM', 'CHECKFILESYS', 'CHECKFILE', 'CHECKDIR', 'CHECKHOST', 'CHECKNET', 'CHECKFIFO', 'CHECKSYSTEM',
]);
const CHECK_TOKENS = new Set(['CHECKPROC', 'CHECKPROGRAM', 'CHECKFILESYS', 'CHECKFILE', 'CHECKDIR', 'CHECKHOST', 'CHECKNET', 'CHECKFIFO', 'CHECKSYSTEM']);

const HEAD = /^\s*monitlint\b/i;
const FORM = /^\s*monitlint\s+(?:(service|global)\s+)?ignore\s*=\s*([^\s]+)\s*(?:--\s*(.*))?$/i;

function sub(span: Span, file: SourceFile, from: number, to: number): Span {
  // Offsets inside one comment line: columns move with offsets.
  return { ...span, startOffset: from, endOffset: to, column: span.column + (from - span.startOffset), endColumn: span.column + (to - span.startOffset), line: span.line, endLine: span.line, file: file.path };
}

export function parseDirectives(
  comments: Comment[],
  includes: IncludeStatement[],
  files: SourceFile[],
  tokens: MToken[],
  config: Config,
): { directives: Directive[]; malformed: Malformed[] } {
  const directives: Directive[] = [];
  const malformed: Malformed[] = [];
  const byPath = new Map(files.map((f) => [f.path, f]));
  const perFile = new Map<number, MToken[]>();
  for (const t of tokens) {
    let l = perFile.get(t.fileIndex);
    if (!l) perFile.set(t.fileIndex, (l = []));
    l.push(t);
  }
  for (const c of comments) {
    if (!HEAD.test(c.text)) continue;
    const file = byPath.get(c.file);
    if (!file) continue;
    const m = FORM.exec(c.text);
    if (!m) {
      malformed.push({ span: c.span, message: `cannot read this monitlint directive; write '# monitlint [service|global] ignore=CODE[,CODE…] [-- reason]'.` });
      continue;
    }
    const scope: Scope = m[1] ? (m[1].toLowerCase() as Scope) : 'statement';
    const list = m[2] ?? '';
    const listAt = c.span.startOffset + 1 + c.text.indexOf(list, c.text.toLowerCase().indexOf('ignore'));
    const entries: Directive['entries'] = [];
    let off = 0;
    for (const part of list.split(',')) {
      if (part !== '') entries.push({ text: part, span: sub(c.span, file, listAt + off, listAt + off + part.length) });
      off += part.length + 1;
    }
    if (entries.length === 0) {
      malformed.push({ span: c.span, message: 'this monitlint directive names no rule after ignore=.' });
      continue;
    }
    const fileTokens = perFile.get(file.index) ?? [];
    const after = c.span.endOffset;
    const next = fileTokens.find((t) => t.startOffset >= after);
    const nextInclude = includes.find((i) => i.span.file === file.path && i.span.startOffset >= after);
    const base = { entries, span: c.span, file: file.path, ...(m[3] ? { reason: m[3].trim() } : {}) };
    if (scope === 'global') {
      directives.push({ ...base, scope, start: 0, end: file.text.length });
      continue;
    }
    if (scope === 'service') {
      if (!next || !CHECK_TOKENS.has(next.tokenType.name) || (nextInclude && nextInclude.span.startOffset < next.startOffset)) {
        malformed.push({ span: c.span, message: "a 'service' directive must stand right before a 'check' statement." });
        continue;
      }
      const svc = config.services.find((s) => s.keywordSpan.file === file.path && s.keywordSpan.startOffset === next.startOffset);
      directives.push({ ...base, scope, start: next.startOffset, end: svc ? svc.span.endOffset : next.endOffset ?? next.startOffset });
      continue;
    }
    // The next statement: from the first thing after the comment to the next statement start.
    let start: number;
    let end: number;
    if (nextInclude && (!next || nextInclude.span.startOffset < next.startOffset)) {
      start = nextInclude.span.startOffset;
      end = nextInclude.span.endOffset;
    } else if (next) {
      start = next.startOffset;
      const stop = fileTokens.find((t) => t.startOffset > start && STATEMENT_TOKENS.has(t.tokenType.name));
      const inc = includes.find((i) => i.span.file === file.path && i.span.startOffset > start);
      end = Math.min(stop?.startOffset ?? file.text.length, inc?.span.startOffset ?? file.text.length);
    } else {
      malformed.push({ span: c.span, message: 'this monitlint directive is followed by no statement.' });
      continue;
    }
    directives.push({ ...base, scope, start, end });
  }
  return { directives, malformed };
}
