/**
 * What the token stream leaves out: comments and `include` statements. The lexer skips both
 * (comments are not tokens, §1.3; `include` is resolved in the lexer, §2), so they are recovered
 * from the gaps between tokens: any text there is whitespace, a lone backslash, a comment or an
 * include. This needs no change to the lexer and stays exact, because a `#` inside a token (a
 * quoted string, a URL fragment) is never in a gap.
 */
import type { MToken, SourceFile } from '../../grammar/lexer.js';
import { positionOf } from '../../grammar/lexer.js';
import type { Span } from '../config/model.js';

/** A `# …` comment. `text` excludes the `#`. */
export interface Comment {
  file: string;
  text: string;
  span: Span;
}

/** An `include PATTERN` statement. */
export interface IncludeStatement {
  pattern: string;
  /** The `include` keyword. */
  keywordSpan: Span;
  /** The pattern as written. */
  patternSpan: Span;
  span: Span;
}

export interface Trivia {
  comments: Comment[];
  includes: IncludeStatement[];
}

function spanOf(file: SourceFile, start: number, end: number): Span {
  const s = positionOf(file, start);
  const e = positionOf(file, Math.max(start, end));
  return { file: file.path, line: s.line, column: s.column, endLine: e.line, endColumn: e.column, startOffset: start, endOffset: end };
}

/** Comments and includes of every file of a lexing run, in file and offset order. */
export function collectTrivia(files: SourceFile[], tokens: MToken[]): Trivia {
  const perFile = new Map<number, MToken[]>();
  for (const t of tokens) {
    let list = perFile.get(t.fileIndex);
    if (!list) perFile.set(t.fileIndex, (list = []));
    list.push(t);
  }
  const comments: Comment[] = [];
  const includes: IncludeStatement[] = [];
  for (const file of files) {
    const list = (perFile.get(file.index) ?? []).slice().sort((a, b) => a.startOffset - b.startOffset);
    let pos = 0;
    const gap = (end: number): void => {
      scanGap(file, pos, end, comments, includes);
    };
    for (const t of list) {
      if (t.startOffset > pos) gap(t.startOffset);
      pos = Math.max(pos, (t.endOffset ?? t.startOffset) + 1);
    }
    gap(file.text.length);
  }
  return { comments, includes };
}

function scanGap(file: SourceFile, from: number, to: number, comments: Comment[], includes: IncludeStatement[]): void {
  const s = file.text;
  let p = from;
  while (p < to) {
    const c = s[p];
    if (c === '#') {
      let e = s.indexOf('\n', p);
      if (e === -1 || e > to) e = to;
      const end = s[e - 1] === '\r' ? e - 1 : e;
      comments.push({ file: file.path, text: s.slice(p + 1, end), span: spanOf(file, p, end) });
      p = e;
      continue;
    }
    if (/[Ii]/.test(c ?? '') && /^include\b/i.test(s.slice(p, p + 8)) && (p === 0 || /\s/.test(s[p - 1] ?? ' '))) {
      let q = p + 7;
      while (q < to && (s[q] === ' ' || s[q] === '\t' || s[q] === '\r' || s[q] === '\n')) q++;
      let e = q;
      let pattern: string;
      if (s[q] === '"' || s[q] === "'") {
        const quote = s[q];
        e = q + 1;
        while (e < to && s[e] !== quote && s[e] !== '\n') e++;
        pattern = s.slice(q + 1, e).trim();
        if (s[e] === quote) e++;
      } else {
        while (e < to && !' \t\r\n'.includes(s[e] ?? ' ')) e++;
        pattern = s.slice(q, e);
      }
      includes.push({ pattern, keywordSpan: spanOf(file, p, p + 7), patternSpan: spanOf(file, q, e), span: spanOf(file, p, e) });
      p = e;
      continue;
    }
    p++;
  }
}
