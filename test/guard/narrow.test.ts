/**
 * Run-time narrowing of the targeted strategy (issue 6 item 2): the real generated helper, run by
 * `sh` with a recording stand-in `monit` and stand-in package databases (`dpkg -L`, `rpm -ql`,
 * `pacman -Qlq`) on PATH, is given a transaction's package list the way each hook gives it, and
 * must unmonitor exactly the affected services whose watched paths the packages own, and all of
 * them when the list or a package's files cannot be had. The .deb files are real ones built with
 * dpkg-deb, listed by the real `dpkg-deb --fsys-tarfile` and `tar`.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { realFs } from '../../src/cli/real-fs.js';
import { parseControlText } from '../../src/config/load.js';
import { monitTarget, serviceWatches } from '../../src/guard/affected.js';
import { emitGuard } from '../../src/guard/emit.js';
import { helperFile } from '../../src/guard/helper.js';
import { shQuote } from '../../src/guard/quote.js';
import { HELPER_PATH, STATE_DIR } from '../../src/guard/types.js';
import { findExecutable, isCI, warnLoudly } from '../support/monit.js';

const CONFIG = `set daemon 30
set httpd unixsocket /run/monit.sock
  allow localhost

check file "sshd binary" with path /usr/sbin/sshd
  if failed checksum then unmonitor

check process sshd with pidfile /run/sshd.pid
  start program = "/usr/sbin/service ssh start"
  stop program = "/usr/sbin/service ssh stop"
  depends on "sshd binary"

check program sshd-config-ok with path "/usr/sbin/sshd -t"
  if status != 0 then alert
  depends on sshd

check directory nginx-sites with path /etc/nginx/sites-enabled/
  if changed timestamp then alert

check process mystery with pidfile /run/mystery.pid
  start program = "/usr/local/bin/mystery-start"

check process web matching "^/usr/sbin/apache2 -k start"
  start program = "/bin/systemctl start apache2.service"

check file scratch with path /tmp/scratch.txt
  if changed checksum then alert
`;

let dir = '';
let helper = '';
let fake = '';
let env: NodeJS.ProcessEnv = {};

function target(): ReturnType<typeof monitTarget> {
  const file = join(dir, 'monitrc');
  const parsed = parseControlText(file, CONFIG, { fs: realFs, cwd: dir });
  return { ...monitTarget(parsed.config, file, 'targeted'), pidfile: join(dir, 'monit.pid') };
}

function script(name: string, text: string): void {
  writeFileSync(join(fake, name), `#!/bin/sh\n${text}`);
  chmodSync(join(fake, name), 0o755);
}

/** Files of "installed" packages for a stand-in database: `db/<tool>/<name>` lists them. */
function installed(tool: 'dpkg' | 'rpm' | 'pacman', name: string, files: string[]): void {
  mkdirSync(join(dir, 'db', tool), { recursive: true });
  writeFileSync(join(dir, 'db', tool, name), files.map((f) => `${f}\n`).join(''));
}

/** A real .deb with empty files at `files`. */
function deb(name: string, files: string[]): string {
  const root = join(dir, 'build', name);
  mkdirSync(join(root, 'DEBIAN'), { recursive: true });
  for (const f of files) {
    mkdirSync(join(root, f.slice(1, f.lastIndexOf('/'))), { recursive: true });
    writeFileSync(join(root, f.slice(1)), '');
  }
  writeFileSync(join(root, 'DEBIAN', 'control'), `Package: ${name}\nVersion: 2\nArchitecture: all\nMaintainer: t <t@invalid>\nDescription: narrowing test\n`);
  const out = join(dir, `${name}_2_all.deb`);
  const r = spawnSync('dpkg-deb', ['--root-owner-group', '--build', root, out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return out;
}

/**
 * Runs `pause ARGS` and then `resume` from one `sh -c` that stands for the package manager (the
 * owner of the pause, alive until the resume, so the watchdog stays out of it); the list on stdin.
 * Returns the monit actions of each, and pause's stderr.
 */
function transaction(pause: string, stdin = ''): { stderr: string; paused: string[]; resumed: string[]; marker: boolean } {
  const calls = join(dir, 'monit.calls');
  rmSync(calls, { force: true });
  rmSync(join(dir, 'reloaded'), { force: true }); // the stand-in's uptime restarts at a reload
  const h = shQuote(helper);
  const marker = shQuote(join(dir, 'state', 'paused'));
  const r = spawnSync('sh', ['-c', `${h} ${pause} 2>${shQuote(join(dir, 'stderr'))}; echo --- >>${shQuote(calls)}; [ -e ${marker} ] && echo marker; ${h} resume </dev/null`], { input: stdin, encoding: 'utf8', env, timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  const [paused = '', resumed = ''] = readFileSync(calls, 'utf8').split('---\n');
  const lines = (t: string): string[] => t.split('\n').filter((l) => l !== '');
  return { stderr: readFileSync(join(dir, 'stderr'), 'utf8'), paused: lines(paused), resumed: lines(resumed), marker: r.stdout.includes('marker') };
}

const unmonitored = (calls: string[]): string[] => calls.filter((c) => c.startsWith('unmonitor ')).map((c) => c.slice('unmonitor '.length));
const ALL = ['sshd binary', 'sshd', 'sshd-config-ok', 'nginx-sites', 'mystery', 'web'];

/** apt's Pre-Install-Pkgs input, protocol version 3 (package-managers.md F12). */
function aptInput(lines: string[]): string {
  return ['VERSION 3', 'APT::Architecture=amd64', 'DPkg::Tools::Options::/usr/local/libexec/monit-pkg-guard::Version=3', '', ...lines, ''].join('\n');
}

const haveDpkgDeb = findExecutable('dpkg-deb') !== null;
if (!haveDpkgDeb) {
  if (isCI()) throw new Error('dpkg-deb is needed by the narrowing tests');
  warnLoudly('guard-narrow', ['dpkg-deb not found: the .deb cases of the narrowing tests are SKIPPED.']);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'monitlint-narrow-'));
  fake = join(dir, 'bin');
  mkdirSync(fake);
  mkdirSync(join(dir, 'monit'));
  writeFileSync(join(dir, 'monit.pid'), `${process.pid}\n`); // a live process stands for the daemon
  const d = shQuote(dir);
  // monit: every service monitored unless a file monit/<name> says "Not monitored"; records the actions.
  script('monit', `D=${d}
[ "$1" = -c ] && shift 2
case $1 in
summary) exit 0 ;;
status)
    if [ -z "$2" ]; then
        if [ -e "$D/reloaded" ]; then echo "Monit 5.33.0 uptime: 0m"; else echo "Monit 5.33.0 uptime: 5m"; fi
        exit 0
    fi
    st=Monitored
    [ -e "$D/monit/$2" ] && st=$(cat "$D/monit/$2")
    printf 'Process %s\\n  status                       OK\\n  monitoring status            %s\\n' "$2" "$st"
    ;;
unmonitor) echo "Not monitored" >"$D/monit/$2"; echo "unmonitor $2" >>"$D/monit.calls" ;;
monitor)   rm -f "$D/monit/$2"; echo "monitor $2" >>"$D/monit.calls" ;;
reload)    : >"$D/reloaded"; echo reload >>"$D/monit.calls" ;;
esac
exit 0
`);
  const db = (tool: string): string => `[ -f ${d}/db/${tool}/"$2" ] || { echo "package $2 is not installed" >&2; exit 1; }\ncat ${d}/db/${tool}/"$2"\n`;
  script('dpkg', `[ "$1" = -L ] || exit 2\n${db('dpkg')}`);
  // rpm and pacman package "files" here are text files listing their contents.
  script('rpm', `case $1 in -ql) ;; -qlp) cat "$2" || exit 1; exit 0 ;; *) exit 2 ;; esac\n${db('rpm')}`);
  script('pacman', `case $1 in -Qlq) ;; -Qlpq) cat "$2" || exit 1; exit 0 ;; *) exit 2 ;; esac\n${db('pacman')}`);
  const state = join(dir, 'state');
  helper = join(dir, 'monit-pkg-guard');
  // Private state, and the stand-ins before the system directories the helper puts first on PATH.
  const content = helperFile('targeted', target())
    .content.replace(`STATE=${STATE_DIR}`, `STATE=${shQuote(state)}`)
    .replace('\nPATH=/usr/sbin:', `\nPATH=${shQuote(fake)}:/usr/sbin:`);
  expect(content).toContain(`STATE=${shQuote(state)}`);
  expect(content).toContain(`PATH=${shQuote(fake)}:/usr/sbin:`);
  writeFileSync(helper, content);
  chmodSync(helper, 0o755);
  env = { PATH: `${fake}:${process.env.PATH ?? '/usr/bin:/bin'}` };
  installed('dpkg', 'openssh-server', ['/usr', '/usr/sbin', '/usr/sbin/sshd', '/lib/systemd/system/ssh.service', '/etc/init.d/ssh']);
  installed('dpkg', 'nano', ['/usr', '/bin', '/bin/nano', '/usr/share/doc/nano']);
  installed('dpkg', 'apache2-bin', ['/usr/sbin/apache2', '/usr/lib/apache2/modules/mod_ssl.so']);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  rmSync(join(dir, 'monit'), { recursive: true, force: true });
  mkdirSync(join(dir, 'monit'));
  rmSync(join(dir, 'reloaded'), { force: true });
});

describe('watched paths derived at generation time', () => {
  it('ties each affected service to package files: its path, its programs, its units, its parents', () => {
    const parsed = parseControlText(join(dir, 'monitrc'), CONFIG, { fs: realFs, cwd: dir });
    const w = Object.fromEntries(serviceWatches(parsed.config!.services).map((x) => [x.service, x.keys.map((k) => `${k.kind} ${k.value}`)]));
    expect(Object.keys(w)).toEqual(['sshd binary', 'sshd', 'sshd-config-ok', 'nginx-sites', 'mystery', 'web']);
    expect(w['sshd binary']).toEqual(['path /usr/sbin/sshd']);
    // `service ssh start`: the unit's files; /usr/sbin/service itself says nothing about sshd.
    expect(w.sshd).toEqual(expect.arrayContaining(['suffix /systemd/system/ssh.service', 'suffix /init.d/ssh', 'suffix /sbin/sshd', 'path /usr/sbin/sshd']));
    expect(w.sshd).not.toContain('path /usr/sbin/service');
    expect(w['nginx-sites']).toEqual(['under /etc/nginx/sites-enabled']);
    // Nothing ties /usr/local/bin/mystery-start to a package: every transaction affects it.
    expect(w.mystery).toEqual(['always ']);
    expect(w.web).toEqual(expect.arrayContaining(['path /usr/sbin/apache2', 'suffix /systemd/system/apache2.service']));
    expect(w.web).not.toContain('path /bin/systemctl');
  });
});

describe('unit names from the start and stop programs', () => {
  it('service, invoke-rc.d, rc-service take the name first; systemctl and initctl a verb first; sh -c strings count', () => {
    const text = [
      'check process a with pidfile /run/a.pid', '  start program = "/usr/sbin/invoke-rc.d alpha start"',
      'check process b with pidfile /run/b.pid', '  start program = "/sbin/initctl start beta"',
      'check process c with pidfile /run/c.pid', `  start program = "/bin/sh -c 'exec /usr/bin/systemctl --no-block restart gamma.service'"`,
      'check process d with pidfile /run/d.pid', '  start program = "/sbin/rc-service delta start"', '',
    ].join('\n');
    const parsed = parseControlText(join(dir, 'units.rc'), text, { fs: realFs, cwd: dir });
    const w = Object.fromEntries(serviceWatches(parsed.config!.services).map((x) => [x.service, x.keys.map((k) => `${k.kind} ${k.value}`)]));
    expect(w.a).toContain('suffix /systemd/system/alpha.service');
    expect(w.b).toContain('suffix /init.d/beta');
    expect(w.b).not.toContain('suffix /init.d/start');
    expect(w.c).toContain('suffix /systemd/system/gamma.service');
    expect(w.d).toContain('suffix /init.d/delta');
    expect(Object.values(w).flat().filter((k) => k.startsWith('always'))).toEqual([]);
  });
});

describe.runIf(haveDpkgDeb)('apt (Pre-Install-Pkgs, version 3)', () => {
  it('an unrelated upgrade unmonitors only what is tied to no package, and resume monitors it again', () => {
    const t = transaction('pause apt', aptInput([`nano 7.1 amd64 same < 7.2 amd64 same ${deb('nano', ['/bin/nano'])}`]));
    expect(t.paused).toEqual(['unmonitor mystery']);
    expect(t.resumed).toEqual(['reload', 'monitor mystery']);
  });

  it("the daemon's package unmonitors the daemon's checks and their dependants, and only those", () => {
    const t = transaction('pause apt', aptInput([`openssh-server 1:9.2 amd64 foreign < 1:9.3 amd64 foreign ${deb('openssh-server', ['/usr/sbin/sshd'])}`]));
    expect(unmonitored(t.paused)).toEqual(['sshd binary', 'sshd', 'sshd-config-ok', 'mystery']);
    expect(t.resumed).toEqual(['reload', 'monitor sshd binary', 'monitor sshd', 'monitor sshd-config-ok', 'monitor mystery']);
  });

  it('a new package is known by its .deb: a file in a checked directory', () => {
    const t = transaction('pause apt', aptInput([`nginx-site - - none < 1 all none ${deb('nginx-site', ['/etc/nginx/sites-enabled/site.conf'])}`]));
    expect(unmonitored(t.paused)).toEqual(['nginx-sites', 'mystery']);
  });

  it("a new package's configure step is covered by its .deb line (it is not installed yet)", () => {
    const d = deb('fresh', ['/usr/share/fresh/index.html']);
    const t = transaction('pause apt', aptInput([`fresh - - none < 1 all none ${d}`, 'fresh - - none < 1 all none **CONFIGURE**']));
    expect(t.stderr).toBe('');
    expect(unmonitored(t.paused)).toEqual(['mystery']);
  });

  it('a removal and a configure step are known by the installed package', () => {
    const t = transaction('pause apt', aptInput(['apache2-bin 2.4 amd64 same > - - none **REMOVE**', 'nano 7.1 amd64 same < 7.2 amd64 same **CONFIGURE**']));
    expect(unmonitored(t.paused)).toEqual(['mystery', 'web']);
  });

  it('a package that can be listed neither way: every affected service, and says so', () => {
    const t = transaction('pause apt', aptInput(['ghost 1 amd64 same < 2 amd64 same **CONFIGURE**']));
    expect(unmonitored(t.paused)).toEqual(ALL);
    expect(t.stderr).toContain('cannot list the files of ghost (dpkg)');
    expect(t.resumed).toEqual(['reload', ...ALL.map((n) => `monitor ${n}`)]);
  });

  it('a transaction that touches no monitored service changes nothing: no unmonitor, no reload', () => {
    writeFileSync(join(dir, 'monit', 'mystery'), 'Not monitored');
    const t = transaction('pause apt', aptInput([`nano 7.1 amd64 same < 7.2 amd64 same ${deb('nano', ['/bin/nano'])}`]));
    expect(t).toMatchObject({ paused: [], resumed: [], marker: false });
  });
});

describe.runIf(haveDpkgDeb)('adopting the pause of a transaction that died', () => {
  it("keeps the dead transaction's services and unmonitors this transaction's too", () => {
    // What a killed apt leaves: the marker, a gone owner, "sshd binary" unmonitored and recorded.
    mkdirSync(join(dir, 'state'), { recursive: true });
    writeFileSync(join(dir, 'state', 'paused'), '');
    writeFileSync(join(dir, 'state', 'owner'), '1 1\n'); // PID 1 started at another time: gone
    writeFileSync(join(dir, 'state', 'how'), 'unmonitored\n');
    writeFileSync(join(dir, 'state', 'monitored'), 'sshd binary\n');
    writeFileSync(join(dir, 'monit', 'sshd binary'), 'Not monitored');
    const t = transaction('pause apt', aptInput([`nano 7.1 amd64 same < 7.2 amd64 same ${deb('nano', ['/bin/nano'])}`]));
    expect(t.paused).toEqual(['unmonitor mystery']);
    expect(t.resumed).toEqual(['reload', 'monitor sshd binary', 'monitor mystery']);
    expect(existsSync(join(dir, 'state', 'paused'))).toBe(false);
  });
});

describe('other forms of the package list', () => {
  it('no list (plain dpkg -i, apk): every affected service, logged', () => {
    const t = transaction('pause');
    expect(unmonitored(t.paused)).toEqual(ALL);
    expect(t.stderr).toContain('this hook passes no package list: unmonitoring every affected service');
  });

  it('rpm names (zypper): a unit file alone ties the package to the process check, not to the binary check', () => {
    installed('rpm', 'openssh-server-config', ['/usr/lib/systemd/system/ssh.service']);
    const t = transaction('pause rpm', 'openssh-server-config\n');
    expect(unmonitored(t.paused)).toEqual(['sshd', 'sshd-config-ok', 'mystery']);
  });

  it('rpm name with its package file (dnf 4 and yum plugins): a new package by its file, an installed one by the database', () => {
    const rpmFile = join(dir, 'httpd-2.rpm');
    writeFileSync(rpmFile, '/usr/share/httpd/noindex\n/usr/sbin/apache2\n');
    let t = transaction('pause rpm', `httpd\t${rpmFile}\n`);
    expect(unmonitored(t.paused)).toEqual(['mystery', 'web']);
    // Installed: the database's list (reading every archive of a large upgrade would be slow).
    installed('rpm', 'httpd', ['/usr/share/httpd/noindex']);
    t = transaction('pause rpm', `httpd\t${rpmFile}\n`);
    expect(unmonitored(t.paused)).toEqual(['mystery']);
  });

  it('an empty list is no evidence: every affected service', () => {
    const t = transaction('pause rpm', '');
    expect(unmonitored(t.paused)).toEqual(ALL);
    expect(t.stderr).toContain('empty package list');
  });

  it('pacman names (NeedsTargets); directories listed with a trailing slash', () => {
    installed('pacman', 'nginx', ['/etc/nginx/', '/etc/nginx/sites-enabled/', '/usr/bin/nginx']);
    const t = transaction('pause pacman', 'nginx\n');
    expect(unmonitored(t.paused)).toEqual(['nginx-sites', 'mystery']);
  });

  it('dnf 5: the names noted one by one for this transaction, not those of another', () => {
    installed('rpm', 'openssh-server', ['/usr/sbin/sshd']);
    // A note left by another (dead) transaction is discarded.
    mkdirSync(join(dir, 'state'), { recursive: true });
    writeFileSync(join(dir, 'state', 'noted'), '1 1\napache2-bin\n');
    const h = shQuote(helper);
    let t = transaction(`note openssh-server; ${h} note nano; ${h} pause rpm-noted`);
    expect(t.stderr).toContain('cannot list the files of nano (rpm)'); // nano is no rpm here
    expect(unmonitored(t.paused)).toEqual(ALL);
    installed('rpm', 'nano', ['/usr/bin/nano']);
    t = transaction(`note openssh-server; ${h} note nano; ${h} pause rpm-noted`);
    expect(unmonitored(t.paused)).toEqual(['sshd binary', 'sshd', 'sshd-config-ok', 'mystery']);
    expect(existsSync(join(dir, 'state', 'noted'))).toBe(false);
  });
});

describe('the apt hook asks for the package list', () => {
  it('apt reads the Version 3 option under the name of the Pre-Install-Pkgs command (apt-config)', () => {
    const apt = findExecutable('apt-config');
    if (apt === null) {
      if (isCI()) throw new Error('apt-config is needed in CI');
      warnLoudly('guard-narrow-apt', ['apt-config not found: the apt option test is SKIPPED.']);
      return;
    }
    const file = emitGuard({ manager: 'apt', strategy: 'targeted', target: target(), dnfPluginDir: '/x' }).find((f) => f.path.includes('99zz'));
    const parts = join(dir, 'apt-parts');
    mkdirSync(parts, { recursive: true });
    writeFileSync(join(parts, '99zz-monit-pkg-guard'), file!.content);
    writeFileSync(join(dir, 'apt.conf'), `Dir::Etc::Parts "${parts}";\n`);
    const r = spawnSync(apt, ['dump'], { encoding: 'utf8', env: { ...process.env, APT_CONFIG: join(dir, 'apt.conf') } });
    expect(r.status, r.stderr).toBe(0);
    const command = /^DPkg::Pre-Install-Pkgs:: "([^"]*)";$/m.exec(r.stdout)?.[1];
    expect(command).toBe(`${HELPER_PATH} pause apt`);
    // apt looks the options up under the command's first word (apt.conf(5), "HOW APT CALLS DPKG").
    expect(r.stdout).toContain(`DPkg::Tools::Options::${command!.split(' ')[0]}::Version "3";`);
  });
});
