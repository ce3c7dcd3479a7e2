/**
 * Quoting for every value a guard interpolates into a generated file (DESIGN.md, Contracts:
 * "every interpolated name and path is quoted for its target language"). One function per target
 * language, so no emitter ever builds a quoted string by hand.
 */

/** Input the guard cannot emit safely: the CLI prints the message and exits 2. */
export class GuardInputError extends Error {
  override name = 'GuardInputError';
}

/**
 * POSIX shell single-quoting: the result is one word whose value is exactly `s`, in `sh`, `bash`
 * and `dash`. A single quote ends the quoted run, is emitted as `\'`, and a new run starts.
 * A NUL byte cannot be part of a shell word, so it is refused.
 */
export function shQuote(s: string): string {
  if (s.includes('\0')) throw new GuardInputError(`cannot quote a value containing a NUL byte for the shell: ${JSON.stringify(s)}`);
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A Python string literal (Python 2.7 and 3) whose value is exactly `s`. Only printable ASCII is
 * emitted literally; everything else becomes `\xNN` or `\uNNNN` escapes, so the plugin file is
 * plain ASCII and compiles under any source encoding declaration. In Python 2 the literal is a
 * byte string for ASCII input, as paths there should be; other input gets a `u` prefix.
 */
export function pyQuote(s: string): string {
  let out = '';
  let ascii = true;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) {
      ascii = false;
      out += `\\u${cp.toString(16).padStart(4, '0')}`;
    } else {
      ascii = false;
      out += `\\U${cp.toString(16).padStart(8, '0')}`;
    }
  }
  return `${ascii ? '' : 'u'}'${out}'`;
}

/**
 * A path for a context with no quoting at all: apt.conf values (no `"` and no backslash inside a
 * value, package-managers.md F14), pacman `Exec` (split on whitespace, no shell, F70) and dnf 5
 * action commands (split on spaces, F59). Such a path is refused unless it is absolute and made of
 * characters that need no quoting anywhere.
 */
export function plainPath(path: string, where: string): string {
  if (!/^\/[A-Za-z0-9._+/-]+$/.test(path) || path.includes('//')) {
    throw new GuardInputError(`${where} cannot quote '${path}': use an absolute path of letters, digits and . _ + - /`);
  }
  return path;
}
