/**
 * The emitted hooks driven the way their package manager drives them, with a recording stand-in
 * for the helper: the zypper commit plugin fed libzypp's frames through real bash (success, an
 * aborted commit without COMMITEND, libzypp going away), the apk hook called with apk's
 * arguments, and the dnf 4 and yum plugins loaded by python3 against minimal stand-ins of the
 * `dnf` and `yum.plugins` modules (the spec verified the same hooks against real dnf 4.14 and a
 * stub yum; package-managers.md §6.2, §7.2, §9.2).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitGuard } from '../../src/guard/emit.js';
import { pyQuote, shQuote } from '../../src/guard/quote.js';
import { HELPER_PATH, type GuardFile, type Manager } from '../../src/guard/types.js';
import { requiringSuite } from '../support/monit.js';
import { requirePython3 } from '../support/shellcheck.js';

let dir = '';
let guard = '';
let log = '';
let listLog = '';

/** The stand-in helper: records its first argument, and a package-list form with the list it got on stdin. */
function writeGuard(): void {
  writeFileSync(guard, `#!/bin/sh\necho "$1" >>${shQuote(log)}\nif [ -n "$2" ]; then { echo "$2"; cat; } >>${shQuote(listLog)}; fi\nexit 3\n`);
  chmodSync(guard, 0o755);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'monitlint-hooks-'));
  log = join(dir, 'calls');
  listLog = join(dir, 'lists');
  guard = join(dir, "fake guard's");
  // Fails, as a broken helper would, to show that the hooks never pass that on.
  writeGuard();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the hooks passed as package lists since the last call: the form, then the lines. */
function lists(): string {
  const text = existsSync(listLog) ? readFileSync(listLog, 'utf8') : '';
  rmSync(listLog, { force: true });
  return text;
}

function calls(): string {
  const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
  rmSync(log, { force: true });
  return text;
}

/** The manager's hook file, pointed at the stand-in helper through its one quoted assignment. */
function hook(manager: Manager, pick: (f: GuardFile) => boolean, retarget: (content: string) => string): string {
  const file = emitGuard({ manager, strategy: 'pause', target: { pollSeconds: 30, services: [], affected: [], cliControl: false }, dnfPluginDir: '/usr/lib/python3/dist-packages/dnf-plugins' }).find(pick);
  if (!file) throw new Error(`no file for ${manager}`);
  const content = retarget(file.content);
  expect(content).not.toBe(file.content);
  const p = join(dir, file.path.slice(file.path.lastIndexOf('/') + 1));
  writeFileSync(p, content);
  chmodSync(p, 0o755);
  return p;
}

describe('zypper commit plugin', () => {
  const plugin = (): string => hook('zypper', (f) => f.path.includes('/zypp/'), (c) => c.replace(`GUARD=${HELPER_PATH}`, `GUARD=${shQuote(guard)}`));
  const frame = (command: string, body = ''): string => `${command}\n\n${body}\0`;
  const steps = '{"TransactionStepList":[{"type":"M","stage":"ok","solvable":{"n":"dummy","v":"2","r":"1","a":"x86_64"}}]}';

  it('answers ACK to every frame and pauses at COMMITBEGIN, resumes at PLUGINEND', () => {
    const input = [frame('PLUGINBEGIN'), frame('COMMITBEGIN', steps), frame('COMMITEND', steps), frame('PLUGINEND'), frame('_DISCONNECT')].join('');
    const r = spawnSync('bash', [plugin()], { input, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('ACK\n\n\0'.repeat(5));
    expect(calls()).toBe('pause\nresume\n');
    expect(lists()).toBe('rpm\ndummy\n');
  });

  it("passes the package names of COMMITBEGIN's steps to the helper, each once", () => {
    const two = '{"TransactionStepList":[{"type":"+","stage":"","solvable":{"n":"dummy","v":"2","r":"1","a":"x86_64"}},{"type":"-","solvable":{"n":"libfoo1","v":"1","r":"1","a":"x86_64"}},{"type":"+","solvable":{"n": "dummy","v":"3","r":"1","a":"noarch"}}]}';
    const r = spawnSync('bash', [plugin()], { input: frame('PLUGINBEGIN') + frame('COMMITBEGIN', two) + frame('PLUGINEND') + frame('_DISCONNECT'), encoding: 'utf8' });
    expect(r.stdout).toBe('ACK\n\n\0'.repeat(4));
    expect(calls()).toBe('pause\nresume\n');
    expect(lists()).toBe('rpm\ndummy\nlibfoo1\n');
  });

  it('resumes at PLUGINEND after an aborted commit (no COMMITEND, F65)', () => {
    const input = [frame('PLUGINBEGIN'), frame('COMMITBEGIN', steps), frame('PLUGINEND'), frame('_DISCONNECT')].join('');
    const r = spawnSync('bash', [plugin()], { input, encoding: 'utf8' });
    expect(r.stdout).toBe('ACK\n\n\0'.repeat(4));
    expect(calls()).toBe('pause\nresume\n');
  });

  it('resumes when libzypp goes away without PLUGINEND', () => {
    const r = spawnSync('bash', [plugin()], { input: frame('PLUGINBEGIN') + frame('COMMITBEGIN', steps), encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(calls()).toBe('pause\nresume\n');
  });
});

describe('apk commit hook', () => {
  it('pauses at pre-commit, resumes at post-commit, and never fails the commit', () => {
    const p = hook('apk', (f) => f.path.includes('/apk/'), (c) => c.replaceAll(HELPER_PATH, shQuote(guard)));
    const env = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' }; // all apk passes (F79)
    expect(spawnSync(p, ['pre-commit'], { env }).status).toBe(0);
    expect(spawnSync(p, ['post-commit'], { env }).status).toBe(0);
    expect(spawnSync(p, ['something-newer'], { env }).status).toBe(0);
    expect(calls()).toBe('pause\nresume\n');
  });
});

describe('dpkg pre-invoke/post-invoke lines', () => {
  it('call the helper for a plain dpkg run, and not under apt or for another root', () => {
    const file = emitGuard({ manager: 'apt', strategy: 'pause', target: { pollSeconds: 30, services: [], affected: [], cliControl: false }, dnfPluginDir: '/x' }).find((f) => f.path.startsWith('/etc/dpkg/'));
    const lines = Object.fromEntries((file?.content ?? '').split('\n').filter((l) => /^(pre|post)-invoke=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).replace(HELPER_PATH, shQuote(guard))]));
    const hookEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => {
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, ...extra };
      return env;
    };
    for (const [extra, expected] of [[{}, 'pause\nresume\n'], [{ DPKG_FRONTEND_LOCKED: 'true' }, ''], [{ DPKG_ROOT: '/srv/image' }, ''], [{ DPKG_ROOT: '' }, 'pause\nresume\n']] as const) {
      // dpkg runs each with sh -c (F17); the exit status of the line is dpkg's business, not ours.
      spawnSync('sh', ['-c', lines['pre-invoke']!], { env: hookEnv(extra) });
      spawnSync('sh', ['-c', lines['post-invoke']!], { env: hookEnv(extra) });
      expect(calls(), JSON.stringify(extra)).toBe(expected);
    }
  });
});

requiringSuite('python plugins against stand-in modules', 'python3', requirePython3, (python) => {
  function runPlugin(manager: 'dnf' | 'yum', script: string): { code: number | null; stderr: string } {
    const plugin = hook(manager, (f) => f.language === 'python', (c) => c.replace(`GUARD = ${pyQuote(HELPER_PATH)}`, `GUARD = ${pyQuote(guard)}`));
    lists();
    const stubs = join(dir, `stubs-${manager}`);
    mkdirSync(join(stubs, 'yum'), { recursive: true });
    mkdirSync(join(stubs, 'dnf'), { recursive: true });
    writeFileSync(join(stubs, 'dnf', '__init__.py'), 'class Plugin(object):\n    def __init__(self, base, cli):\n        self.base = base\n');
    writeFileSync(join(stubs, 'yum', '__init__.py'), '');
    writeFileSync(join(stubs, 'yum', 'plugins.py'), 'TYPE_CORE = 0\n');
    const r = spawnSync(python, ['-c', `import sys\nsys.path[:0] = [${pyQuote(stubs)}, ${pyQuote(dir)}]\nimport monit_guard as g\n${script}`], { encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
    return { code: r.status, stderr: r.stderr };
  }
  const base = 'class Conf(object):\n    installroot = "/"\nclass Base(object):\n    conf = Conf()\n    def __init__(self, t):\n        self.transaction = t\n';

  it('dnf 4: pause in pre_transaction, resume in transaction, once', () => {
    expect(runPlugin('dnf', `${base}p = g.MonitGuard(Base([1]), None)\np.pre_transaction()\np.transaction()\np.transaction()\n`)).toEqual({ code: 0, stderr: '' });
    expect(calls()).toBe('pause\nresume\n');
  });

  it("dnf 4: gives the helper the transaction's packages, incoming ones with their downloaded file", () => {
    const rpm = join(dir, 'dummy-2-1.noarch.rpm');
    writeFileSync(rpm, '');
    const pkgs = `class Pkg(object):\n    def __init__(self, name, path):\n        self.name = name\n        self.path = path\n    def localPkg(self):\n        return self.path\nclass T(object):\n    install_set = [Pkg('dummy', ${pyQuote(rpm)}), Pkg('not-downloaded', '/nonexistent.rpm')]\n    remove_set = [Pkg('dummy', None), Pkg('libold', None)]\n    def __len__(self):\n        return 4\n`;
    expect(runPlugin('dnf', `${base}${pkgs}p = g.MonitGuard(Base(T()), None)\np.pre_transaction()\np.transaction()\n`)).toEqual({ code: 0, stderr: '' });
    expect(calls()).toBe('pause\nresume\n');
    expect(lists()).toBe(`rpm\ndummy\t${rpm}\nnot-downloaded\ndummy\nlibold\n`);
  });

  it('yum: gives the helper the transaction members, with the package file where there is one', () => {
    const rpm = join(dir, 'dummy-2-1.noarch.rpm');
    writeFileSync(rpm, '');
    const conduit = `class Po(object):\n    def __init__(self, path):\n        self.path = path\n    def localPkg(self):\n        if self.path is None:\n            raise AttributeError('installed')\n        return self.path\nclass M(object):\n    def __init__(self, name, path):\n        self.name = name\n        self.po = Po(path)\nclass Ts(object):\n    def getMembers(self):\n        return [M('dummy', ${pyQuote(rpm)}), M('dummy', None)]\nclass Conduit(object):\n    def getTsInfo(self):\n        return Ts()\n    def getConf(self):\n        raise AttributeError('no conf in this stand-in')\n`;
    expect(runPlugin('yum', `${conduit}g.pretrans_hook(Conduit())\ng.posttrans_hook(Conduit())\n`)).toEqual({ code: 0, stderr: '' });
    expect(calls()).toBe('pause\nresume\n');
    expect(lists()).toBe(`rpm\ndummy\t${rpm}\ndummy\n`);
  });

  it('dnf 4: resume at exit when transaction() never comes (F48)', () => {
    expect(runPlugin('dnf', `${base}p = g.MonitGuard(Base([1]), None)\np.pre_transaction()\n`).code).toBe(0);
    expect(calls()).toBe('pause\nresume\n');
  });

  it('dnf 4: no pause for an --installroot transaction (another system)', () => {
    const other = 'class Conf(object):\n    installroot = "/srv/image"\nclass Base(object):\n    transaction = [1]\n    conf = Conf()\n';
    expect(runPlugin('dnf', `${other}p = g.MonitGuard(Base(), None)\np.pre_transaction()\np.transaction()\n`)).toEqual({ code: 0, stderr: '' });
    expect(calls()).toBe('');
  });

  it('yum: no pause for an --installroot transaction', () => {
    const conduit = 'class Conf(object):\n    installroot = "/srv/image"\nclass Conduit(object):\n    def getConf(self):\n        return Conf()\n';
    expect(runPlugin('yum', `${conduit}g.pretrans_hook(Conduit())\ng.posttrans_hook(Conduit())\n`)).toEqual({ code: 0, stderr: '' });
    expect(calls()).toBe('');
  });

  it('dnf 4: no pause for a transaction without packages (F51)', () => {
    expect(runPlugin('dnf', `${base}p = g.MonitGuard(Base([]), None)\np.pre_transaction()\np.transaction()\n`).code).toBe(0);
    expect(calls()).toBe('');
  });

  it('yum: pause in pretrans_hook, resume in posttrans_hook or at exit (F42)', () => {
    expect(runPlugin('yum', 'g.pretrans_hook(None)\ng.posttrans_hook(None)\n')).toEqual({ code: 0, stderr: '' });
    expect(calls()).toBe('pause\nresume\n');
    expect(runPlugin('yum', 'g.pretrans_hook(None)\n').code).toBe(0);
    expect(calls()).toBe('pause\nresume\n');
  });

  it('a missing helper does not break the package manager', () => {
    rmSync(guard);
    try {
      expect(runPlugin('dnf', `${base}p = g.MonitGuard(Base([1]), None)\np.pre_transaction()\np.transaction()\n`)).toEqual({ code: 0, stderr: '' });
    } finally {
      writeGuard();
    }
  });
});
