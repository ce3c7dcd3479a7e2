/**
 * Benchmark of the simulator (issue 4): one hour of simulated time for a 1,000-service control
 * file at `set daemon 30`. Target: under 2 s. Run by `npm run bench` after bench/run.js; prints
 * one line per run and the best time. Imports only the built simulator (pure, no disk).
 *
 * The configuration mixes what real control files hold: 500 process checks (pidfile, start and
 * stop programs, a port test, a restart limit, each depending on a file check of its binary with
 * checksum/permission/uid) and 500 such file checks. The scenario runs an upgrade of 50 daemons
 * (stop, rename the new binary over the old one, start) spread over the hour, so actions,
 * cascades and start waits happen, not only quiet passes.
 */
import { parseControlText } from '../src/config/load.js';
import type { Fs } from '../src/config/fs.js';
import { parseScenario } from '../src/sim/scenario.js';
import { simulate } from '../src/sim/simulate.js';

const SERVICES = 1000;
const RUNS = 3;
const TARGET_MS = 2000;

const noFs: Fs = {
  readFileSync: () => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); },
  statSync: () => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); },
  lstatSync: () => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); },
  readdirSync: () => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); },
};

function config(): string {
  const out = ['set daemon 30', 'set httpd unixsocket /run/monit.sock', '  allow admin:pw', ''];
  for (let i = 0; i < SERVICES / 2; i++) {
    out.push(
      `check process d${i} with pidfile /run/d${i}.pid`,
      `  start program = "/usr/bin/systemctl start d${i}"`,
      `  stop program = "/usr/bin/systemctl stop d${i}"`,
      `  if failed host 127.0.0.1 port ${10000 + i} then restart`,
      '  if 5 restarts within 5 cycles then timeout',
      `  depends on d${i}_bin`,
      `check file d${i}_bin with path /usr/sbin/d${i}`,
      '  if failed checksum then unmonitor',
      '  if failed permission 755 then unmonitor',
      '  if failed uid root then unmonitor',
      '',
    );
  }
  return out.join('\n');
}

function scenario(): string {
  const out = ['version: 1', 'until: 3600', 'files:'];
  for (let i = 0; i < SERVICES / 2; i++) out.push(`  /usr/sbin/d${i}: { content: "d${i} v1", mode: "0755" }`);
  out.push('units:');
  for (let i = 0; i < SERVICES / 2; i++) out.push(`  d${i}: { exec: /usr/sbin/d${i}, pidfile: /run/d${i}.pid, port: ${10000 + i}, start_time: 2, stop_time: 0.5 }`);
  out.push('events:');
  for (let k = 0; k < 50; k++) {
    const i = k * 10;
    const t = 60 + k * 70;
    out.push(`  - { at: ${t}, do: stop, unit: d${i} }`, `  - { at: ${t + 5}, do: replace, path: /usr/sbin/d${i}, content: "d${i} v2" }`, `  - { at: ${t + 10}, do: start, unit: d${i} }`);
  }
  return `${out.join('\n')}\n`;
}

function main(): void {
  const parsed = parseControlText('bench.monitrc', config(), { fs: noFs, cwd: '/' });
  if (parsed.parseErrors.length > 0) throw new Error('bench config does not parse');
  const sc = parseScenario('bench.yaml', scenario());
  const times: number[] = [];
  let entries = 0;
  let unmonitored = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const t = simulate(parsed.config, sc, { phase: 7 });
    times.push(performance.now() - t0);
    entries = t.entries.length;
    unmonitored = t.services.filter((s) => s.monitor === 'not').length;
  }
  const best = Math.min(...times);
  console.log(`\nsimulate: ${SERVICES} services, 1 h of simulated time at set daemon 30 (${entries} timeline entries, ${unmonitored} services unmonitored by the upgrades)`);
  console.log(`  runs: ${times.map((t) => `${(t / 1000).toFixed(2)} s`).join(', ')}; best ${(best / 1000).toFixed(2)} s; target < ${TARGET_MS / 1000} s: ${best < TARGET_MS ? 'met' : 'NOT MET'}`);
}

main();
