/**
 * The real host's side of `monitlint simulate --package-file` and `--manager auto`: runs
 * `dpkg-deb` / `rpm -qp` on a package file (read only; nothing is extracted to disk) and reads
 * /etc/os-release and PATH. Parsing is in src/sim/packages (pure).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { detectManager, type Detected } from '../sim/packages/detect.js';
import { PackageFileError, specFromDeb, specFromRpm, type DebInfo } from '../sim/packages/package-file.js';
import type { PackageSpec } from '../sim/packages/world.js';

function onPath(cmd: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, cmd), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

/** Runs a tool; throws {@link PackageFileError} with a one-line reason on any failure. */
function tool(file: string, cmd: string, args: string[], optional = false): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error !== undefined) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PackageFileError(`${file}: cannot read it: '${cmd}' is not installed`);
    throw new PackageFileError(`${file}: ${cmd} failed: ${code ?? r.error.message}`);
  }
  if (r.status !== 0) {
    if (optional) return '';
    const why = (r.stderr || r.stdout || '').split('\n').map((l) => l.trim()).find((l) => l !== '') ?? `exit status ${String(r.status)}`;
    throw new PackageFileError(`${file}: not a readable package (${cmd}: ${why})`);
  }
  return r.stdout;
}

/** Reads a .deb or .rpm into a {@link PackageSpec}. */
export function readPackageFile(file: string): PackageSpec {
  try {
    if (!statSync(file).isFile()) throw new PackageFileError(`${file}: not a file`);
  } catch (e) {
    if (e instanceof PackageFileError) throw e;
    throw new PackageFileError(`${file}: cannot read package file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (/\.deb$/i.test(file)) {
    const control = tool(file, 'dpkg-deb', ['-f', '--', file]);
    const info: DebInfo = { control, contents: tool(file, 'dpkg-deb', ['-c', '--', file]), conffiles: tool(file, 'dpkg-deb', ['-I', '--', file, 'conffiles'], true), scripts: {} };
    for (const s of ['preinst', 'postinst', 'prerm', 'postrm'] as const) {
      const text = tool(file, 'dpkg-deb', ['-I', '--', file, s], true);
      if (text !== '') info.scripts[s] = text;
    }
    return specFromDeb(file, info);
  }
  if (/\.rpm$/i.test(file)) {
    return specFromRpm(file, {
      header: tool(file, 'rpm', ['-qp', '--nosignature', '--nodigest', '--qf', '%{NAME}\\n%{VERSION}-%{RELEASE}\\n%{SIZE}\\n', '--', file]),
      dump: tool(file, 'rpm', ['-qp', '--nosignature', '--nodigest', '--dump', '--', file]),
      scripts: tool(file, 'rpm', ['-qp', '--nosignature', '--nodigest', '--scripts', '--', file]),
    });
  }
  throw new PackageFileError(`${file}: unknown package type (expected a .deb or an .rpm file)`);
}

/** The host's manager and distribution (--manager auto). */
export function detectHostManager(): Detected | undefined {
  let osRelease = '';
  for (const f of ['/etc/os-release', '/usr/lib/os-release']) {
    try {
      osRelease = readFileSync(f, 'utf8');
      break;
    } catch {
      // try the next
    }
  }
  return detectManager(osRelease, onPath);
}
