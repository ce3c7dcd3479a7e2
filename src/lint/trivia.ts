/**
 * What the token stream leaves out: comments and `include` statements. The lexer records both
 * where it reads them (grammar/lexer.ts, `LexTrivia`); this turns its offsets into spans for the
 * suppression directives and the include rules.
 */
import type { LexTrivia, SourceFile } from '../../grammar/lexer.js';
import type { Span } from '../config/model.js';
import { offsetSpan } from '../config/span.js';

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

/** Comments and includes of every file of a lexing run, in file and offset order. */
export function collectTrivia(files: SourceFile[], trivia: LexTrivia): Trivia {
  const order = (a: { fileIndex: number }, b: { fileIndex: number }, x: number, y: number): number => a.fileIndex - b.fileIndex || x - y;
  const comments: Comment[] = [];
  for (const c of [...trivia.comments].sort((a, b) => order(a, b, a.start, b.start))) {
    const file = files[c.fileIndex];
    if (file) comments.push({ file: file.path, text: file.text.slice(c.start + 1, c.end), span: offsetSpan(file, c.start, c.end) });
  }
  const includes: IncludeStatement[] = [];
  for (const i of [...trivia.includes].sort((a, b) => order(a, b, a.keyword, b.keyword))) {
    const file = files[i.fileIndex];
    if (!file) continue;
    includes.push({
      pattern: i.pattern,
      keywordSpan: offsetSpan(file, i.keyword, i.keyword + 7),
      patternSpan: offsetSpan(file, i.patternStart, i.patternEnd),
      span: offsetSpan(file, i.keyword, i.patternEnd),
    });
  }
  return { comments, includes };
}
