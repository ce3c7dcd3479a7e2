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

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'monitlint-hooks-'));
  log = join(dir, 'calls');
  guard = join(dir, "fake guard's");
  // Records its argument; fails, as a broken helper would, to show that the hooks never pass that on.
  writeFileSync(guard, `#!/bin/sh\necho "$1" >>${shQuote(log)}\nexit 3\n`);
  chmodSync(guard, 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
      writeFileSync(guard, `#!/bin/sh\necho "$1" >>${shQuote(log)}\nexit 3\n`);
      chmodSync(guard, 0o755);
    }
  });
});
