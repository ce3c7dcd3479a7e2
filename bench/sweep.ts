/**
 * Benchmark of the phase sweep (issue 5), run by `npm run bench` after bench/simulate.js:
 * 1. the full sweep of the mysql example (samples/mysql.monitrc, `--package mysql`, dnf/EL9) at
 *    0.1 s steps over its 30 s cycle: 300 simulations. Target: under 1 s.
 * 2. a 1,000-service configuration (500 daemons, each with a checksummed binary) with one
 *    20-package dnf transaction: one phase, and the full sweep at 0.1 s steps (300 simulations
 *    plus those between the steps). Target for the full sweep: under 10 s.
 * Imports only the built simulator (pure, no disk apart from reading the sample).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Fs } from '../src/config/fs.js';
import { parseControlText } from '../src/config/load.js';
import { findDistro, findProfile } from '../src/sim/packages/profiles.js';
import { buildWorld, specFromProfile, type PackageSpec } from '../src/sim/packages/world.js';
import { sweep } from '../src/sim/sweep.js';

const RUNS = 3;
const noFs: Fs = {
  readFileSync: () => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); },
  statSync: () => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); },
  lstatSync: () => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); },
  readdirSync: () => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); },
};

function best(f: () => void): { best: number; runs: number[] } {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    f();
    runs.push(performance.now() - t0);
  }
  return { best: Math.min(...runs), runs };
}

function fmt(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

function mysqlSweep(): void {
  // The repository root: the nearest directory above this file with a package.json (dist/bench/ or bench/).
  let root = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
  const text = readFileSync(join(root, 'samples', 'mysql.monitrc'), 'utf8');
  const parsed = parseControlText('samples/mysql.monitrc', text, { fs: noFs, cwd: '/' });
  const distro = findDistro('el9');
  const profile = findProfile('mysql');
  if (distro === undefined || profile === undefined) throw new Error('no mysql profile');
  const spec = specFromProfile(profile, distro) as PackageSpec;
  let phases = 0;
  let between = 0;
  const m = best(() => {
    const w = buildWorld(parsed.config, [spec], { manager: 'dnf', distro, until: 0 });
    const r = sweep(parsed.config, w);
    phases = r.total;
    between = r.between;
  });
  console.log(`\nsweep: samples/mysql.monitrc, --package mysql --manager dnf, ${phases} phases at 0.1 s over a 30 s cycle (+${between} between the steps)`);
  console.log(`  runs: ${m.runs.map(fmt).join(', ')}; best ${fmt(m.best)}; target < 1 s: ${m.best < 1000 ? 'met' : 'NOT MET'}`);
}

function bigTransaction(): void {
  const out = ['set daemon 30', 'set httpd unixsocket /run/monit.sock', '  allow admin:pw', ''];
  for (let i = 0; i < 500; i++) {
    out.push(
      `check process d${i} with pidfile /run/d${i}.pid`, `  start program = "/usr/bin/systemctl start d${i}"`, `  stop program = "/usr/bin/systemctl stop d${i}"`,
      `  if failed host 127.0.0.1 port ${10000 + i} then restart`, '  if 5 restarts within 5 cycles then timeout', `  depends on d${i}_bin`,
      `check file d${i}_bin with path /usr/sbin/d${i}`, '  if failed checksum then unmonitor', '  if failed permission 755 then unmonitor', '',
    );
  }
  const parsed = parseControlText('bench.monitrc', out.join('\n'), { fs: noFs, cwd: '/' });
  const distro = findDistro('el9');
  if (distro === undefined) throw new Error('no el9');
  // 20 daemon packages, pattern C (EL9), each watched by the config.
  const specs: PackageSpec[] = Array.from({ length: 20 }, (_v, k) => {
    const i = k * 25;
    return {
      name: `d${i}`, source: 'bench', pattern: 'deferred',
      packages: [{ name: `d${i}-server`, size: 20_000_000, files: [`/usr/sbin/d${i}`], conffiles: [`/etc/d${i}.conf`], scripts: true }],
      daemon: { binaries: [`/usr/sbin/d${i}`], units: [`d${i}`], pidfiles: [`/run/d${i}.pid`], port: 10000 + i, stop: 1000, start: 2000 },
    };
  });
  const one = best(() => {
    const w = buildWorld(parsed.config, specs, { manager: 'dnf', distro, until: 0 });
    sweep(parsed.config, w, { phases: [7] });
  });
  let between = 0;
  let total = 0;
  const full = best(() => {
    const w = buildWorld(parsed.config, specs, { manager: 'dnf', distro, until: 0 });
    const r = sweep(parsed.config, w);
    between = r.between;
    total = r.total;
  });
  console.log('\nsweep: 1,000 services (500 daemons + their binaries), one dnf transaction of 20 daemon packages');
  console.log(`  one phase: best ${fmt(one.best)} (runs ${one.runs.map(fmt).join(', ')})`);
  console.log(`  full sweep, ${total} phases at 0.1 s + ${between} between the steps: best ${fmt(full.best)} (runs ${full.runs.map(fmt).join(', ')}); target < 10 s: ${full.best < 10_000 ? 'met' : 'NOT MET'}`);
}

mysqlSweep();
bigTransaction();
