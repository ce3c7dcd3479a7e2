/**
 * `monitlint [PATH...]` / `monitlint lint`, `monitlint rules`, `monitlint rule CODE`: wiring only.
 * Reads the paths (files, directories walked in sorted order, `-` for stdin), finds each file's
 * `.monitlint.yaml`, calls the lint stage, picks the format, sets the exit code.
 */
import { spawnSync } from 'node:child_process';
import * as nodeFs from 'node:fs';
import { hostname } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import { Chalk } from 'chalk';
import { Command, Option } from 'commander';
import { mapPath } from '../config/load.js';
import { isUnreadable, lintFile, lintText, type FileLint } from '../lint/api.js';
import { findCode, rulePage, rulesList } from '../lint/docs.js';
import { hostFacts } from '../lint/host-facts.js';
import type { PackageQuery } from '../lint/ownership.js';
import { ConfigError, emptyConfig, findConfigFile, isExcluded, loadConfigFile, printConfig, settingsFor, type ResolvedConfig, type Threshold } from '../lint/project-config.js';
import { formatCheckstyle, formatJunit } from '../report/xml.js';
import { formatGithub } from '../report/github.js';
import { formatLintJson } from '../report/lint-json.js';
import { formatConcise, LINT_FORMATS, SEVERITY_RANK, type LintedFile, type LintFormat, type LintRun } from '../report/lint-report.js';
import { formatSarif } from '../report/sarif.js';
import { formatStylish } from '../report/stylish.js';
import { colourLevel } from './color.js';
import { EXIT } from './exit.js';
import { realFs } from './real-fs.js';

export interface LintIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

interface LintCliOptions {
  root?: string;
  stdinFilename?: string;
  format?: LintFormat;
  color?: boolean;
  host?: boolean;
  config?: string | false;
  printConfig?: string;
  failureThreshold?: Threshold;
  inlineConfig: boolean;
}

const VERSION = '0.1.0';
/** Names a directory walk lints: Monit files have no fixed extension, so take the usual ones. */
const LINTABLE = /(^monitrc|\.(conf|cfg|monitrc|monit|rc)$|^[^.]+$)/i;
const DEFAULT_FILES = ['/etc/monitrc', '/etc/monit/monitrc'];

export function registerLint(program: Command, io: LintIo, setCode: (code: number) => void): void {
  program
    .command('lint', { isDefault: true })
    .description('lint control files, fragments and directories (the default command)')
    .argument('[path...]', `files, directories or - for stdin (default: ${DEFAULT_FILES.join(', then ')})`)
    .option('--root <dir>', 'map absolute paths (includes, programs, files) into this directory')
    .option('--stdin-filename <name>', 'the name to report for - (stdin)')
    .addOption(new Option('--format <format>', 'output format (default: stylish on a terminal, else concise)').choices([...LINT_FORMATS]))
    .option('--color', 'force colours (beats NO_COLOR/FORCE_COLOR)')
    .option('--no-color', 'no colours')
    .option('--host', 'ask this machine: package owners (dpkg -S, rpm -qf), installed guards, file modes, monit -t host checks')
    .option('--config <file>', 'use this .monitlint.yaml for every file')
    .option('--no-config', 'ignore every .monitlint.yaml')
    .option('--print-config <file>', 'print the configuration that applies to FILE and exit')
    .addOption(new Option('--failure-threshold <level>', 'lowest severity that makes the exit status 1 (default: warning)').choices(['error', 'warning', 'info', 'none']))
    .option('--no-inline-config', 'ignore # monitlint comments')
    .action((paths: string[], opts: LintCliOptions) => {
      setCode(runLint(paths, opts, io));
    });

  program
    .command('rules')
    .description('list every rule and parity code')
    .action(() => {
      io.stdout(rulesList());
      setCode(EXIT.ok);
    });

  program
    .command('rule')
    .description("print a rule's page")
    .argument('<code>', 'code (ML301) or name (checksum-race)')
    .action((id: string) => {
      const c = findCode(id);
      if (!c) {
        io.stderr(`monitlint: unknown rule '${id}' (see monitlint rules)\n`);
        setCode(EXIT.usage);
        return;
      }
      io.stdout(rulePage(c));
      setCode(EXIT.ok);
    });
}

/** A file to lint and how. */
interface Target {
  path: string;
  fragment: boolean | 'auto';
  /** From a directory walk (exclude globs apply). */
  walked: boolean;
}

function runLint(paths: string[], opts: LintCliOptions, io: LintIo): number {
  const cwd = process.cwd();
  const configs = new ConfigCache(opts.config);
  try {
    if (opts.printConfig) {
      io.stdout(printConfig(configs.forFile(resolvePath(cwd, opts.printConfig)), resolvePath(cwd, opts.printConfig)));
      return EXIT.ok;
    }
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`monitlint: ${e.describe(cwd)}\n`);
      return EXIT.usage;
    }
    throw e;
  }

  let inputError = false;
  const fail = (msg: string): void => {
    io.stderr(`monitlint: ${msg}\n`);
    inputError = true;
  };
  if (paths.length === 0) {
    const found = DEFAULT_FILES.find((f) => nodeFs.existsSync(f));
    if (!found) {
      io.stderr(`monitlint: no control file given and none found at ${DEFAULT_FILES.join(' or ')}\n`);
      return EXIT.usage;
    }
    paths = [found];
  }
  const mapper = (p: string): string => mapPath(p, { cwd, ...(opts.root ? { root: opts.root } : {}) });
  const host = opts.host ? hostFacts(realFs, opts.root ? mapper : undefined) : undefined;
  const packageQuery = opts.host ? memoise(hostPackageQuery()) : undefined;
  const hostCheck = opts.host ? { uid: process.getuid?.() ?? 0, hostname: hostname() } : undefined;

  const files: LintedFile[] = [];
  const sources = new Map<string, string>();
  let internal = false;
  let failing = false;
  const record = (r: FileLint, fragment: boolean, threshold: Threshold): void => {
    for (const f of r.parsed.config.files) sources.set(f.path, f.text);
    files.push({ file: r.file, fullyParsed: r.fullyParsed, accepted: r.accepted, fragment, diagnostics: r.diagnostics });
    if (r.internalError) internal = true;
    if (threshold !== 'none' && r.diagnostics.some((d) => SEVERITY_RANK[d.severity] >= SEVERITY_RANK[threshold])) failing = true;
  };

  const optionsFor = (abs: string, fragment: boolean | 'auto') => {
    const cfg = configs.forFile(abs);
    return {
      fs: realFs,
      cwd,
      ...(opts.root ? { root: opts.root } : {}),
      fragment,
      settings: settingsFor(cfg, abs),
      settingsForFile: (file: string) => {
        const real = resolvePath(cwd, mapper(file));
        return settingsFor(configs.forFile(real), real);
      },
      inlineConfig: opts.inlineConfig,
      ...(host ? { host } : {}),
      ...(packageQuery ? { packageQuery } : {}),
      ...(hostCheck ? { hostCheck } : {}),
    };
  };

  // With --root, the configuration's own control file is known: a fragment given alone that it
  // includes is linted as part of it, so its dependencies are checked against the real root.
  const rootFile = opts.root ? DEFAULT_FILES.map((f) => resolvePath(cwd, mapper(f))).find((f) => nodeFs.existsSync(f)) : undefined;
  let rootLint: FileLint | null | undefined;
  const lintOfRoot = (): FileLint | null => {
    if (rootLint !== undefined) return rootLint;
    if (!rootFile) return (rootLint = null);
    const res = lintFile(rootFile, optionsFor(rootFile, false));
    rootLint = isUnreadable(res) ? null : res;
    return rootLint;
  };
  const viaRoot = (t: Target, abs: string, threshold: Threshold): boolean => {
    if (!rootFile || t.walked || abs === rootFile) return false;
    const root = lintOfRoot();
    if (!root) return false;
    const realOf = (p: string): string => resolvePath(cwd, mapper(p));
    if (!root.parsed.config.files.slice(1).some((f) => realOf(f.path) === abs)) return false;
    for (const f of root.parsed.config.files) sources.set(f.path, f.text);
    const diagnostics = root.diagnostics.filter((d) => realOf(d.span.file) === abs);
    files.push({ file: t.path, fullyParsed: root.fullyParsed, accepted: root.accepted, fragment: false, diagnostics });
    if (root.internalError) internal = true;
    if (threshold !== 'none' && diagnostics.some((d) => SEVERITY_RANK[d.severity] >= SEVERITY_RANK[threshold])) failing = true;
    return true;
  };

  const lintOne = (t: Target, linted: Set<string>): void => {
    try {
      const abs = resolvePath(cwd, t.path === '-' ? (opts.stdinFilename ?? 'stdin') : t.path);
      const cfg = configs.forFile(abs);
      if (t.walked && isExcluded(cfg, abs)) return;
      const threshold = opts.failureThreshold ?? cfg.failureThreshold ?? 'warning';
      if (t.path !== '-' && viaRoot(t, abs, threshold)) return;
      const common = optionsFor(abs, t.fragment);
      let r: FileLint;
      if (t.path === '-') {
        let text: string;
        try {
          text = nodeFs.readFileSync(0, 'utf8');
        } catch (e) {
          fail(`-: cannot read standard input: ${(e as Error).message}`);
          return;
        }
        r = lintText(opts.stdinFilename ?? '<stdin>', text, common);
      } else {
        const res = lintFile(t.path, common);
        if (isUnreadable(res)) {
          fail(`${res.file}: ${res.error}`);
          return;
        }
        r = res;
      }
      for (const f of r.parsed.config.files) linted.add(resolvePath(cwd, mapper(f.path)));
      record(r, r.fragment, threshold);
    } catch (e) {
      if (e instanceof ConfigError) {
        fail(e.describe(cwd));
        return;
      }
      throw e;
    }
  };

  for (const p of paths) {
    const linted = new Set<string>();
    if (p === '-') {
      lintOne({ path: '-', fragment: 'auto', walked: false }, linted);
      continue;
    }
    let st: nodeFs.Stats;
    try {
      st = nodeFs.statSync(p);
    } catch (e) {
      fail(`${p}: ${(e as { code?: string }).code === 'ENOENT' ? 'No such file or directory' : (e as Error).message}`);
      continue;
    }
    if (!st.isDirectory()) {
      lintOne({ path: p, fragment: 'auto', walked: false }, linted);
      continue;
    }
    // A directory: its top-level monitrc is the root (with its includes); every other file is a fragment.
    const all = walk(p);
    const root = all.find((f) => f === `${p.replace(/\/+$/, '')}/monitrc`);
    if (root) lintOne({ path: root, fragment: false, walked: true }, linted);
    for (const f of all) {
      if (f === root || linted.has(resolvePath(cwd, f))) continue;
      lintOne({ path: f, fragment: root ? true : 'auto', walked: true }, linted);
    }
  }

  const run: LintRun = { files, sources, version: VERSION };
  const format = opts.format ?? (process.stdout.isTTY ? 'stylish' : 'concise');
  io.stdout(render(run, format, colourLevel(opts.color)));
  if (inputError || internal) return EXIT.usage;
  return failing ? EXIT.findings : EXIT.ok;
}

function render(run: LintRun, format: LintFormat, level: 0 | 1 | 2 | 3): string {
  switch (format) {
    case 'stylish': return formatStylish(run, new Chalk({ level }));
    case 'concise': return formatConcise(run);
    case 'json': return formatLintJson(run);
    case 'sarif': return formatSarif(run);
    case 'github': return formatGithub(run);
    case 'checkstyle': return formatCheckstyle(run);
    case 'junit': return formatJunit(run);
    default: {
      const never: never = format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
}

/** Regular files below `dir`, sorted, skipping hidden names and files that are clearly not Monit's. */
function walk(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    let names: string[];
    try {
      names = nodeFs.readdirSync(d).sort();
    } catch {
      return;
    }
    for (const n of names) {
      if (n.startsWith('.') || n === 'node_modules') continue;
      const p = `${d.replace(/\/+$/, '')}/${n}`;
      let st: nodeFs.Stats;
      try {
        st = nodeFs.statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) visit(p);
      else if (st.isFile() && LINTABLE.test(n)) out.push(p);
    }
  };
  visit(dir);
  return out;
}

/** The closest .monitlint.yaml of each directory, read once. */
class ConfigCache {
  private readonly byDir = new Map<string, ResolvedConfig>();
  private fixed: ResolvedConfig | undefined;

  constructor(private readonly option: string | false | undefined) {}

  forFile(abs: string): ResolvedConfig {
    if (this.option === false) return emptyConfig();
    if (typeof this.option === 'string') return (this.fixed ??= loadConfigFile(realFs, resolvePath(this.option)));
    const dir = abs.slice(0, abs.lastIndexOf('/')) || '/';
    let c = this.byDir.get(dir);
    if (!c) {
      const file = findConfigFile(realFs, dir);
      c = file ? loadConfigFile(realFs, file) : emptyConfig();
      this.byDir.set(dir, c);
    }
    return c;
  }
}

/** One package-database process per path for the whole run, however many files name it. */
function memoise(q: PackageQuery | undefined): PackageQuery | undefined {
  if (!q) return undefined;
  const seen = new Map<string, ReturnType<PackageQuery>>();
  return (path) => {
    if (!seen.has(path)) seen.set(path, q(path));
    return seen.get(path);
  };
}

/** `dpkg -S PATH` or `rpm -qf PATH`, whichever this machine has; undefined when it does not know the path. */
export function hostPackageQuery(): PackageQuery | undefined {
  const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
  if (has('dpkg')) {
    return (path) => {
      const r = spawnSync('dpkg', ['-S', path], { encoding: 'utf8', timeout: 10_000 });
      if (r.status !== 0) return undefined;
      // "mysql-server-core-8.0: /usr/sbin/mysqld"; diversions print other lines first.
      const line = r.stdout.split('\n').find((l) => l.endsWith(`: ${path}`) && !l.startsWith('diversion'));
      const pkg = line?.slice(0, line.lastIndexOf(': ')).split(',')[0]?.trim();
      return pkg ? { package: pkg, source: 'dpkg' } : undefined;
    };
  }
  if (has('rpm')) {
    return (path) => {
      const r = spawnSync('rpm', ['-qf', '--qf', '%{NAME}\\n', path], { encoding: 'utf8', timeout: 10_000 });
      const pkg = r.status === 0 ? r.stdout.split('\n')[0]?.trim() : undefined;
      return pkg ? { package: pkg, source: 'rpm' } : undefined;
    };
  }
  return undefined;
}

