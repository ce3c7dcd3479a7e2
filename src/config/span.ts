/** Spans from file offsets: the one place that turns (file, start, end) into a {@link Span}. */
import { positionOf, type SourceFile } from '../../grammar/lexer.js';
import type { Span } from './model.js';

/** The span of `file` from offset `start` to `end` (exclusive); an empty range ends where it starts. */
export function offsetSpan(file: SourceFile, start: number, end: number): Span {
  const s = positionOf(file, start);
  const e = positionOf(file, Math.max(start, end));
  return { file: file.path, line: s.line, column: s.column, endLine: e.line, endColumn: e.column, startOffset: start, endOffset: end };
}
