/** Spans from file offsets: the one place that turns (file, start, end) into a {@link Span}. */
import { lineIndexNear, type SourceFile } from '../../grammar/lexer.js';
import type { Span } from './model.js';

/**
 * The span of `file` from offset `start` to `end` (exclusive); an empty range ends where it starts.
 * `hint`: a 0-based line at or before `start` to search forward from (spans asked for in source
 * order find their line in a step or two); any line is correct, only speed depends on it.
 */
export function offsetSpan(file: SourceFile, start: number, end: number, hint = 0): Span {
  const starts = file.lineStarts;
  const line = lineIndexNear(starts, start, hint);
  const stop = Math.max(start, end);
  const endLine = lineIndexNear(starts, stop, line);
  return {
    file: file.path, line: line + 1, column: start - (starts[line] ?? 0) + 1,
    endLine: endLine + 1, endColumn: stop - (starts[endLine] ?? 0) + 1, startOffset: start, endOffset: end,
  };
}
