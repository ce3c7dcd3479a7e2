/**
 * Monit compiles its patterns with POSIX regcomp(REG_EXTENDED) while parsing (spec §11.4) and
 * rejects the file when one does not compile. This validates the syntax of a POSIX extended
 * regular expression the way glibc does for the errors that occur in practice, without compiling
 * it: JavaScript's regex dialect accepts and rejects different things.
 *
 * Returns glibc's error text, or undefined when the pattern compiles.
 */
export function ereError(pattern: string): string | undefined {
  let depth = 0;
  let i = 0;
  const n = pattern.length;
  let atomBefore = false;
  while (i < n) {
    const c = pattern[i];
    if (c === '\\') {
      if (i + 1 >= n) return 'Trailing backslash';
      i += 2;
      atomBefore = true;
      continue;
    }
    if (c === '[') {
      const end = bracketEnd(pattern, i);
      if (end === -1) return 'Unmatched [, [^, [:, [., or [=';
      const err = bracketError(pattern.slice(i + 1, end));
      if (err) return err;
      i = end + 1;
      atomBefore = true;
      continue;
    }
    if (c === '(') {
      depth++;
      i++;
      atomBefore = false;
      continue;
    }
    if (c === ')') {
      if (depth === 0) {
        // glibc treats an unmatched ')' in an ERE as a literal.
        i++;
        atomBefore = true;
        continue;
      }
      depth--;
      i++;
      atomBefore = true;
      continue;
    }
    if (c === '{' && atomBefore) {
      const m = /^\{(\d*)(,(\d*))?\}/.exec(pattern.slice(i));
      if (!m) {
        // A '{' that does not start a valid interval is an error in glibc's ERE.
        if (/^\{\d/.test(pattern.slice(i))) return 'Unmatched \\{';
        return 'Invalid preceding regular expression';
      }
      const lo = m[1] === '' ? 0 : Number(m[1]);
      const hi = m[3] === undefined ? lo : m[3] === '' ? Infinity : Number(m[3]);
      if (m[1] === '' && m[2] === undefined) return 'Invalid content of \\{\\}';
      if (hi < lo) return 'Invalid content of \\{\\}';
      if (lo > 0x7fff || (hi !== Infinity && hi > 0x7fff)) return 'Regular expression too big';
      i += m[0].length;
      continue;
    }
    if ((c === '*' || c === '+' || c === '?') && !atomBefore) {
      // glibc accepts a leading repetition operator in an ERE except after '(' or '|'.
      const prev = pattern[i - 1];
      if (prev === '(' || prev === '|') return 'Invalid preceding regular expression';
      i++;
      continue;
    }
    atomBefore = c !== '|' && c !== '^';
    if (c === '|') atomBefore = false;
    i++;
  }
  if (depth > 0) return 'Unmatched ( or \\(';
  return undefined;
}

function bracketEnd(p: string, open: number): number {
  let i = open + 1;
  if (p[i] === '^') i++;
  if (p[i] === ']') i++;
  while (i < p.length) {
    if (p[i] === '[' && (p[i + 1] === ':' || p[i + 1] === '.' || p[i + 1] === '=')) {
      const close = p.indexOf(`${p[i + 1]}]`, i + 2);
      if (close === -1) return -1;
      i = close + 2;
      continue;
    }
    if (p[i] === ']') return i;
    i++;
  }
  return -1;
}

const CLASSES = new Set(['alpha', 'digit', 'alnum', 'upper', 'lower', 'space', 'blank', 'punct', 'print', 'graph', 'cntrl', 'xdigit']);

function bracketError(body: string): string | undefined {
  for (const m of body.matchAll(/\[:([^:]*):\]/g)) if (!CLASSES.has(m[1] ?? '')) return 'Invalid character class name';
  // Ranges whose end sorts before their start.
  const plain = body.replace(/^\^/, '').replace(/\[([:.=]).*?\1\]/g, 'x');
  for (let i = 1; i + 1 < plain.length; i++) {
    if (plain[i] === '-' && i > 0 && plain[i + 1] !== undefined && plain[i + 1] !== ']') {
      const a = plain.charCodeAt(i - 1);
      const b = plain.charCodeAt(i + 1);
      if (b < a) return 'Invalid range end';
      i++;
    }
  }
  return undefined;
}
