/**
 * POSIX glob() as Monit's include uses it (spec §2): `*`, `?` and `[…]` per path segment, no brace
 * expansion, dot-files matched only by a literal dot, results sorted in byte order.
 */
import { tryStat, type Fs } from './fs.js';

const MAGIC = /[*?[]/;

export function hasMagic(pattern: string): boolean {
  return MAGIC.test(pattern);
}

/** fnmatch() of one path segment, without FNM_PERIOD handling (done by the caller). */
export function matchSegment(pattern: string, name: string): boolean {
  const re = segmentRegex(pattern);
  return re ? re.test(name) : pattern === name;
}

const cache = new Map<string, RegExp | undefined>();

function segmentRegex(p: string): RegExp | undefined {
  if (cache.has(p)) return cache.get(p);
  let re = '^';
  for (let i = 0; i < p.length; i++) {
    const c = p[i] ?? '';
    if (c === '\\' && i + 1 < p.length) {
      re += escapeRe(p[++i] ?? '');
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = findClose(p, i);
      if (close === -1) re += '\\[';
      else {
        let body = p.slice(i + 1, close);
        let neg = false;
        if (body.startsWith('!') || body.startsWith('^')) {
          neg = true;
          body = body.slice(1);
        }
        body = body.replace(/\\/g, '\\\\').replace(/\]/g, '\\]').replace(/\[:(\w+):\\\]/g, (_m, cls: string) => POSIX_CLASSES[cls] ?? '');
        re += `[${neg ? '^' : ''}${body}]`;
        i = close;
      }
    } else re += escapeRe(c);
  }
  let out: RegExp | undefined;
  try {
    out = new RegExp(`${re}$`, 's');
  } catch {
    out = undefined;
  }
  cache.set(p, out);
  return out;
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9a-fA-F',
};

function findClose(p: string, open: number): number {
  let i = open + 1;
  if (p[i] === '!' || p[i] === '^') i++;
  if (p[i] === ']') i++;
  for (; i < p.length; i++) {
    if (p[i] === '[' && p[i + 1] === ':') {
      const end = p.indexOf(':]', i + 2);
      if (end !== -1) {
        i = end + 1;
        continue;
      }
    }
    if (p[i] === ']') return i;
  }
  return -1;
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Expands a pattern against the filesystem. Relative patterns are resolved against `cwd` but
 * returned relative, as glob() does. Returns matches in byte order, each with whether it is a
 * directory (glob's GLOB_MARK).
 */
export function glob(fs: Fs, pattern: string, cwd: string, resolve: (p: string) => string): Array<{ path: string; directory: boolean }> {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  let candidates: string[] = [absolute ? '/' : ''];
  for (let si = absolute ? 1 : 0; si < segments.length; si++) {
    const seg = segments[si] ?? '';
    const next: string[] = [];
    for (const base of candidates) {
      const join = (name: string): string => (base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`);
      if (!hasMagic(seg)) {
        next.push(join(seg.replace(/\\(.)/g, '$1')));
        continue;
      }
      const dir = resolve(base === '' ? cwd : base.startsWith('/') ? base : `${cwd}/${base}`);
      let names: string[];
      try {
        names = fs.readdirSync(dir);
      } catch {
        continue;
      }
      for (const name of names) {
        if (name.startsWith('.') && !seg.startsWith('.')) continue;
        if (matchSegment(seg, name)) next.push(join(name));
      }
    }
    candidates = next;
  }
  const out: Array<{ path: string; directory: boolean }> = [];
  for (const c of candidates) {
    const real = resolve(c.startsWith('/') ? c : `${cwd}/${c}`);
    const l = tryStat(fs, real, false);
    if (!l) continue;
    const s = tryStat(fs, real, true);
    out.push({ path: c, directory: s?.isDirectory() ?? false });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
