/**
 * `monitlint guard`: wiring only. Reads the control file (for `targeted`, and to learn Monit's
 * pidfile, poll interval and services), calls the emitter, and prints, writes a tree, installs
 * atomically with a manifest, or uninstalls exactly what the manifest lists.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { checkFile, isUnreadable } from '../check/api.js';
import type { Config } from '../config/model.js';
import { monitTarget } from '../guard/affected.js';
import { emitGuard } from '../guard/emit.js';
import { formatManifest, makeManifest, MANIFEST_PATH, parseManifest, sha256 } from '../guard/manifest.js';
import { GuardInputError } from '../guard/quote.js';
import { MANAGERS, STRATEGIES, type GuardFile, type Manager, type Strategy } from '../guard/types.js';
import { EXIT } from './exit.js';
import { realFs } from './real-fs.js';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

interface GuardCliOptions {
  manager: Manager | 'auto';
  strategy: Strategy;
  config?: string;
  print?: boolean;
  out?: string;
  install?: boolean;
  uninstall?: boolean;
  root: string;
}

/** Adds the `guard` command; `setCode` receives its exit code. */
export function registerGuard(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('guard')
    .description('emit the hooks that protect Monit during package transactions (print, write a tree, install or uninstall)')
    .addOption(new Option('--manager <manager>', 'package manager').choices(['auto', ...MANAGERS]).default('auto'))
    .addOption(new Option('--strategy <strategy>', 'pause: stop Monit for the transaction; targeted: unmonitor only the affected services').choices([...STRATEGIES]).default('pause'))
    .option('--config <file>', "Monit's control file (required for targeted)")
    .option('--print', 'show the files with their destinations')
    .option('--out <dir>', 'write the files as a tree under DIR (for configuration management)')
    .option('--install', 'install the files in place, atomically, and record a manifest')
    .option('--uninstall', 'remove exactly the files the last --install recorded')
    .option('--root <dir>', 'install into / uninstall from this root directory', '/')
    .action((opts: GuardCliOptions) => {
      try {
        setCode(runGuard(opts, io));
      } catch (err) {
        if (!(err instanceof GuardInputError) && !isFsError(err)) throw err;
        io.stderr(`monitlint: ${err.message}\n`);
        setCode(EXIT.usage);
      }
    });
}

function isFsError(err: unknown): err is Error & { code: string } {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'string';
}

function runGuard(opts: GuardCliOptions, io: Io): number {
  const modes = [opts.print, opts.out !== undefined, opts.install, opts.uninstall].filter(Boolean).length;
  if (modes !== 1) throw new GuardInputError('guard: give exactly one of --print, --out DIR, --install, --uninstall');
  const root = resolve(opts.root);
  if (opts.uninstall) return uninstall(root, io);

  const emitted = emitFor(opts, root, io);
  if (emitted === undefined) return EXIT.usage;
  const { files, manager } = emitted;
  if (opts.print) {
    io.stdout(files.map((f) => `==> ${f.path} (mode ${octal(f.mode)}): ${f.purpose}\n${f.content}`).join('\n'));
    return EXIT.ok;
  }
  if (opts.out !== undefined) {
    const out = resolve(opts.out);
    for (const f of files) {
      writeAtomically(join(out, f.path), f.content, f.mode);
      io.stdout(`wrote ${join(out, f.path)} (mode ${octal(f.mode)})\n`);
    }
    return EXIT.ok;
  }
  return install(root, files, manager, opts.strategy, io);
}

function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}

/** The files for the options, or undefined after printing why not (exit 2). */
function emitFor(opts: GuardCliOptions, root: string, io: Io): { files: GuardFile[]; manager: Manager } | undefined {
  const manager = opts.manager === 'auto' ? detectManager(root) : opts.manager;
  if (manager === undefined) {
    throw new GuardInputError(`guard: no known package manager found under ${root} (looked for apt-get, dnf5, dnf, yum, zypper, pacman, apk); give --manager`);
  }
  let config: Config | undefined;
  let controlFile: string | undefined;
  if (opts.config !== undefined) {
    const cwd = process.cwd();
    const checked = checkFile(opts.config, { fs: realFs, cwd });
    if (isUnreadable(checked)) throw new GuardInputError(`${checked.file}: ${checked.error}`);
    if (!checked.accepted || !checked.parsed.config) {
      for (const d of checked.diagnostics.filter((x) => x.severity === 'error')) io.stderr(`${d.span.file}:${d.span.line}:${d.span.column}: error: ${d.message}\n`);
      io.stderr(`monitlint: ${opts.config}: Monit would reject this control file; a guard for it would not work (run 'monitlint check ${opts.config}')\n`);
      return undefined;
    }
    config = checked.parsed.config;
    controlFile = resolve(cwd, opts.config);
  }
  const target = monitTarget(config, controlFile, opts.strategy);
  return { manager, files: emitGuard({ manager, strategy: opts.strategy, target, dnfPluginDir: dnfPluginDir(root) }) };
}

function isExecutable(path: string): boolean {
  try {
    return statSync(path).isFile() && (statSync(path).mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** The package manager of the system under `root`; on EL8+ `yum` is dnf 4 and on Fedora 41+ `dnf` is dnf 5 (F44, F54). */
function detectManager(root: string): Manager | undefined {
  const at = (p: string): string => join(root, p);
  const target = (p: string): string => {
    try {
      return basename(realpathSync(at(p)));
    } catch {
      return '';
    }
  };
  if (isExecutable(at('/usr/bin/apt-get'))) return 'apt';
  if (isExecutable(at('/usr/bin/dnf5'))) return 'dnf5';
  if (isExecutable(at('/usr/bin/dnf'))) return target('/usr/bin/dnf').startsWith('dnf5') ? 'dnf5' : 'dnf';
  if (isExecutable(at('/usr/bin/yum'))) return target('/usr/bin/yum').startsWith('dnf') ? 'dnf' : 'yum';
  if (isExecutable(at('/usr/bin/zypper'))) return 'zypper';
  if (isExecutable(at('/usr/bin/pacman'))) return 'pacman';
  if (isExecutable(at('/sbin/apk')) || isExecutable(at('/usr/sbin/apk')) || isExecutable(at('/usr/bin/apk'))) return 'apk';
  return undefined;
}

/** `<python3 site-packages>/dnf-plugins` of the system under `root` (F45); EL9's when none is found. */
function dnfPluginDir(root: string): string {
  const lib = join(root, 'usr/lib');
  let names: string[] = [];
  try {
    names = readdirSync(lib).filter((n) => /^python3(\.\d+)?$/.test(n)).sort().reverse();
  } catch {
    names = [];
  }
  for (const py of names) {
    for (const pkgs of ['site-packages', 'dist-packages']) {
      if (existsSync(join(lib, py, pkgs, 'dnf-plugins')) || existsSync(join(lib, py, pkgs, 'dnf'))) return `/usr/lib/${py}/${pkgs}/dnf-plugins`;
    }
  }
  return '/usr/lib/python3.9/site-packages/dnf-plugins';
}

/** Writes through a temporary file in the same directory and a rename, so no reader sees half a file. */
function writeAtomically(path: string, content: string, mode: number): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  const tmp = join(dirname(path), `.${basename(path)}.monitlint-${process.pid}`);
  try {
    writeFileSync(tmp, content, { mode, flag: 'wx' });
    chmodSync(tmp, mode);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

function readManifest(root: string): ReturnType<typeof parseManifest> | undefined {
  const path = join(root, MANIFEST_PATH);
  if (!existsSync(path)) return undefined;
  return parseManifest(readFileSync(path, 'utf8'));
}

/** The directories (target paths) above `path` that do not exist under `root` yet. */
function missingDirs(root: string, path: string): string[] {
  const out: string[] = [];
  for (let d = dirname(path); d !== '/' && !existsSync(join(root, d)); d = dirname(d)) out.push(d);
  return out;
}

function install(root: string, files: GuardFile[], manager: Manager, strategy: Strategy, io: Io): number {
  const previous = readManifest(root);
  if (typeof previous === 'string') throw new GuardInputError(`${join(root, MANIFEST_PATH)}: ${previous}`);
  // Directories this install creates, plus those an earlier install created and recorded.
  const created = [...(previous?.dirs ?? []), ...files.flatMap((f) => missingDirs(root, f.path)), ...missingDirs(root, MANIFEST_PATH)];
  for (const f of files) {
    writeAtomically(join(root, f.path), f.content, f.mode);
    io.stdout(`installed ${join(root, f.path)} (mode ${octal(f.mode)}): ${f.purpose}\n`);
  }
  // Files of an earlier install that this one no longer has (another manager or plugin path).
  const now = new Set(files.map((f) => f.path));
  for (const old of previous?.files ?? []) {
    if (!now.has(old.path)) removeIfUnchanged(root, old.path, old.sha256, io);
  }
  const manifest = makeManifest(manager, strategy, files, created);
  writeAtomically(join(root, MANIFEST_PATH), formatManifest(manifest), 0o644);
  io.stdout(`recorded ${join(root, MANIFEST_PATH)} (monitlint guard --uninstall removes exactly these files)\n`);
  return EXIT.ok;
}

/** Removes a file only if it is still what was installed; says what it did. True if it is gone. */
function removeIfUnchanged(root: string, path: string, hash: string, io: Io): boolean {
  const full = join(root, path);
  if (!existsSync(full)) {
    io.stdout(`already gone ${full}\n`);
    return true;
  }
  if (sha256(readFileSync(full)) !== hash) {
    io.stderr(`monitlint: kept ${full}: changed since it was installed\n`);
    return false;
  }
  unlinkSync(full);
  io.stdout(`removed ${full}\n`);
  return true;
}

function uninstall(root: string, io: Io): number {
  const manifest = readManifest(root);
  if (manifest === undefined) throw new GuardInputError(`guard --uninstall: nothing to remove: no manifest at ${join(root, MANIFEST_PATH)}`);
  if (typeof manifest === 'string') throw new GuardInputError(`${join(root, MANIFEST_PATH)}: ${manifest}`);
  let kept = 0;
  for (const f of manifest.files) if (!removeIfUnchanged(root, f.path, f.sha256, io)) kept++;
  if (kept > 0) {
    io.stderr(`monitlint: ${kept} file(s) kept; the manifest stays so a later --uninstall can finish\n`);
    return EXIT.findings;
  }
  unlinkSync(join(root, MANIFEST_PATH));
  io.stdout(`removed ${join(root, MANIFEST_PATH)}\n`);
  for (const d of manifest.dirs) {
    // Only if empty: whatever else landed there since is not ours to remove.
    try {
      rmdirSync(join(root, d));
      io.stdout(`removed ${join(root, d)}/\n`);
    } catch {
      // not empty, or already gone
    }
  }
  return EXIT.ok;
}
