/**
 * `.monitlint.yaml`, the project configuration (STYLE.md "Suppressions and config"; Ruff, ESLint):
 *
 *   extend: ../.monitlint.yaml          # inherit, then override
 *   failure-threshold: warning          # error | warning | info | none
 *   rules:                              # code or name → error | warning | info | off
 *     ML306: off
 *     checksum-race: error
 *   exclude: ["vendor/**"]              # globs, relative to this file's directory
 *   per-file-ignores:
 *     "conf.d/legacy-*": [ML305, no-restart-limit]
 *
 * The closest file to each linted file wins. Errors carry the config file's line and column.
 * Reads only through an {@link Fs}.
 */
import type { Node as YamlNode } from 'yaml';
import { isMap, isScalar, isSeq, yaml } from '../vendor.js';
import { decode } from '../config/load.js';
import { tryStat, type Fs } from '../config/fs.js';
import type { Severity } from '../diagnostic.js';
import { findRule, type RuleSetting } from './engine.js';
import { isParityCode } from './parity.js';

export const CONFIG_NAMES = ['.monitlint.yaml', '.monitlint.yml'];

export type Threshold = Severity | 'none';

/** A problem in a configuration file: the CLI prints it and exits 2. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
  }

  /** `FILE:LINE:COL: message`, the file relative to `cwd` when it is below it. */
  describe(cwd?: string): string {
    const base = cwd?.replace(/\/+$/, '');
    const file = base !== undefined && this.file.startsWith(`${base}/`) ? this.file.slice(base.length + 1) : this.file;
    return `${file}:${this.line}:${this.column}: ${this.message}`;
  }
}

/** A configuration with `extend` applied. Globs are anchored at `base`. */
export interface ResolvedConfig {
  /** The files read, the closest first. */
  files: string[];
  rules: Map<string, RuleSetting>;
  exclude: Array<{ base: string; glob: string }>;
  perFileIgnores: Array<{ base: string; glob: string; codes: string[] }>;
  failureThreshold?: Threshold;
}

export function emptyConfig(): ResolvedConfig {
  return { files: [], rules: new Map(), exclude: [], perFileIgnores: [] };
}

const dirname = (p: string): string => p.slice(0, p.lastIndexOf('/')) || '/';
const join = (dir: string, rel: string): string => (rel.startsWith('/') ? rel : `${dir.replace(/\/+$/, '')}/${rel}`).replace(/\/\.\//g, '/');

function normalise(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/** Reads a configuration file and what it extends. */
export function loadConfigFile(fs: Fs, file: string, seen: string[] = []): ResolvedConfig {
  const path = normalise(file);
  if (seen.includes(path)) throw new ConfigError(path, 1, 1, `extend loop: ${[...seen, path].join(' → ')}`);
  let text: string;
  try {
    text = decode(fs.readFileSync(path));
  } catch (e) {
    throw new ConfigError(path, 1, 1, `cannot read configuration: ${(e as { code?: string }).code ?? String(e)}`);
  }
  const lc = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined, message: string): ConfigError => {
    const p = lc.linePos(offset ?? 0);
    return new ConfigError(path, p.line, p.col, message);
  };
  const nodeAt = (n: YamlNode | null | undefined, message: string): ConfigError => at(n?.range?.[0], message);
  const first = doc.errors[0];
  if (first) throw at(first.pos[0], first.message.split('\n')[0] ?? 'invalid YAML');

  const root = doc.contents;
  const own: ResolvedConfig = { files: [path], rules: new Map(), exclude: [], perFileIgnores: [] };
  let base: ResolvedConfig | undefined;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return own;
  if (!isMap(root)) throw nodeAt(root, 'the configuration must be a mapping');
  const dir = dirname(path);
  const str = (n: unknown, what: string): string => {
    if (isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number')) return String(n.value);
    throw nodeAt(n as YamlNode, `${what} must be a string`);
  };
  const strList = (n: unknown, what: string): Array<{ value: string; node: YamlNode }> => {
    if (!isSeq(n)) throw nodeAt(n as YamlNode, `${what} must be a list`);
    return n.items.map((i) => ({ value: str(i, `an entry of ${what}`), node: i as YamlNode }));
  };
  const ruleCode = (name: string, node: YamlNode): string => {
    if (isParityCode(name.toUpperCase())) throw nodeAt(node, `'${name}' is a Monit-parity finding: it cannot be configured or turned off`);
    const r = findRule(name);
    if (!r) throw nodeAt(node, `unknown rule '${name}' (see monitlint rules)`);
    return r.code;
  };
  for (const pair of root.items) {
    const keyNode = pair.key as YamlNode;
    const key = str(pair.key, 'a key');
    const value = pair.value;
    switch (key) {
      case 'extend': {
        base = loadConfigFile(fs, join(dir, str(value, 'extend')), [...seen, path]);
        break;
      }
      case 'failure-threshold': {
        const v = str(value, 'failure-threshold');
        if (!['error', 'warning', 'info', 'none'].includes(v)) throw nodeAt(value as YamlNode, `failure-threshold must be error, warning, info or none, not '${v}'`);
        own.failureThreshold = v as Threshold;
        break;
      }
      case 'rules': {
        if (!isMap(value)) throw nodeAt(value as YamlNode, 'rules must be a mapping of rule → error | warning | info | off');
        for (const p of value.items) {
          const code = ruleCode(str(p.key, 'a rule'), p.key as YamlNode);
          const raw = p.value;
          const v = isScalar(raw) && raw.value === false ? 'off' : str(raw, 'a rule setting');
          if (!['error', 'warning', 'info', 'off'].includes(v)) throw nodeAt(raw as YamlNode, `a rule setting must be error, warning, info or off, not '${v}'`);
          own.rules.set(code, v as RuleSetting);
        }
        break;
      }
      case 'exclude':
        for (const g of strList(value, 'exclude')) own.exclude.push({ base: dir, glob: g.value });
        break;
      case 'per-file-ignores': {
        if (!isMap(value)) throw nodeAt(value as YamlNode, 'per-file-ignores must be a mapping of glob → list of rules');
        for (const p of value.items) {
          const glob = str(p.key, 'a glob');
          const codes = strList(p.value, `per-file-ignores '${glob}'`).map((c) => ruleCode(c.value, c.node));
          own.perFileIgnores.push({ base: dir, glob, codes });
        }
        break;
      }
      default:
        throw nodeAt(keyNode, `unknown setting '${key}' (known: extend, failure-threshold, rules, exclude, per-file-ignores)`);
    }
  }
  if (!base) return own;
  // The extending file overrides what it inherits.
  return {
    files: [...own.files, ...base.files],
    rules: new Map([...base.rules, ...own.rules]),
    exclude: [...base.exclude, ...own.exclude],
    perFileIgnores: [...base.perFileIgnores, ...own.perFileIgnores],
    ...(own.failureThreshold ?? base.failureThreshold ? { failureThreshold: own.failureThreshold ?? base.failureThreshold } : {}),
  };
}

/** The closest configuration file at or above `dir`, or undefined. */
export function findConfigFile(fs: Fs, dir: string): string | undefined {
  let d = normalise(dir);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const p = d === '/' ? `/${name}` : `${d}/${name}`;
      if (tryStat(fs, p)?.isFile()) return p;
    }
    if (d === '/') return undefined;
    d = dirname(d);
  }
}

/** A glob as a regular expression: `**` any directories, `*` and `?` within one name. */
export function globRegex(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? '';
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A glob without a slash matches the name anywhere below the base (like .gitignore).
  return new RegExp(glob.includes('/') ? `^${re}$` : `^(?:.*/)?${re}$`);
}

function matches(entry: { base: string; glob: string }, file: string): boolean {
  const abs = normalise(file);
  const base = normalise(entry.base);
  const rel = base === '/' ? abs.slice(1) : abs.startsWith(`${base}/`) ? abs.slice(base.length + 1) : undefined;
  if (rel === undefined) return false;
  return globRegex(entry.glob.replace(/^\.\//, '')).test(rel);
}

export function isExcluded(cfg: ResolvedConfig, file: string): boolean {
  return cfg.exclude.some((e) => matches(e, file));
}

/** The rule settings for one file: the config's rules with its per-file ignores turned off. */
export function settingsFor(cfg: ResolvedConfig, file: string): Map<string, RuleSetting> {
  const out = new Map(cfg.rules);
  for (const p of cfg.perFileIgnores) if (matches(p, file)) for (const c of p.codes) out.set(c, 'off');
  return out;
}

/** `--print-config`: the resolved configuration for one file, as YAML-compatible JSON. */
export function printConfig(cfg: ResolvedConfig, file: string): string {
  const rules = Object.fromEntries([...settingsFor(cfg, file)].sort(([a], [b]) => (a < b ? -1 : 1)));
  const doc = {
    file,
    'config-files': cfg.files,
    'failure-threshold': cfg.failureThreshold ?? 'warning',
    rules,
    excluded: isExcluded(cfg, file),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
