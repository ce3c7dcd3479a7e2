/**
 * Golden files for every file every emitter produces (manager × strategy), from the fixture
 * configuration; `UPDATE_GOLDEN=1` rewrites them. Then each file is checked by the tool of its
 * language: `sh -n`/`bash -n` and ShellCheck for shell, `python3 -m py_compile` for Python.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { realFs } from '../../src/cli/real-fs.js';
import { parseControlText } from '../../src/config/load.js';
import { monitTarget } from '../../src/guard/affected.js';
import { emitGuard } from '../../src/guard/emit.js';
import { MANAGERS, STRATEGIES, type GuardFile } from '../../src/guard/types.js';
import { requiringSuite } from '../support/monit.js';
import { requirePython3, requireShellcheck } from '../support/shellcheck.js';

const here = dirname(new URL(import.meta.url).pathname);
const fixture = join(here, 'fixtures', 'monitrc');
const goldenDir = join(here, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

function emitted(): Array<{ caseName: string; file: GuardFile }> {
  const parsed = parseControlText(fixture, readFileSync(fixture, 'utf8'), { fs: realFs, cwd: here });
  const out: Array<{ caseName: string; file: GuardFile }> = [];
  for (const manager of MANAGERS) {
    for (const strategy of STRATEGIES) {
      // The hooks name the control file as installed, not the fixture's checkout path.
      const target = monitTarget(parsed.config, '/etc/monit/monitrc', strategy);
      for (const file of emitGuard({ manager, strategy, target, dnfPluginDir: '/usr/lib/python3.9/site-packages/dnf-plugins' })) {
        out.push({ caseName: `${manager}-${strategy}`, file });
      }
    }
  }
  return out;
}

const cases = emitted();

describe('golden guard files', () => {
  it.each(cases.map((c) => [`${c.caseName} ${c.file.path}`, c] as const))('%s', (_name, { caseName, file }) => {
    const golden = join(goldenDir, caseName, `${file.path}.golden`);
    const actual = `# mode ${file.mode.toString(8)} ${file.language}\n${file.content}`;
    if (update) {
      mkdirSync(dirname(golden), { recursive: true });
      writeFileSync(golden, actual);
    }
    expect(actual).toBe(readFileSync(golden, 'utf8'));
  });

  it('derives the targeted services from the configuration: packaged files, processes and their dependants', () => {
    const parsed = parseControlText(fixture, readFileSync(fixture, 'utf8'), { fs: realFs, cwd: here });
    const t = monitTarget(parsed.config, '/etc/monit/monitrc', 'targeted');
    expect(t.affected).toEqual(['sshd binary', 'sshd', 'sshd-config-ok']);
    expect(t).toMatchObject({ pidfile: '/run/monit.pid', pollSeconds: 30, cliControl: true });
  });
});

const tmp = mkdtempSync(join(tmpdir(), 'monitlint-guard-lint-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes a case's file to a private temp path and returns that path. */
function materialise(caseName: string, file: GuardFile): string {
  const p = join(tmp, caseName, file.path);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, file.content);
  return p;
}

const shellCases = cases.filter((c) => c.file.language === 'sh' || c.file.language === 'bash');
const pythonCases = cases.filter((c) => c.file.language === 'python');

describe('generated shell parses', () => {
  it.each(shellCases.map((c) => [`${c.caseName} ${c.file.path}`, c] as const))('%s', (_n, { caseName, file }) => {
    const shell = file.language === 'bash' ? 'bash' : 'sh';
    expect(file.content.startsWith(`#!/bin/${shell}\n`)).toBe(true);
    const r = spawnSync(shell, ['-n', materialise(caseName, file)], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

requiringSuite('generated shell passes ShellCheck', 'shellcheck', requireShellcheck, (shellcheck) => {
  it.each(shellCases.map((c) => [`${c.caseName} ${c.file.path}`, c] as const))('%s', (_n, { caseName, file }) => {
    // The shebang tells ShellCheck the dialect (sh = POSIX, bash); every default check, style included.
    const r = spawnSync(shellcheck, ['--severity=style', materialise(caseName, file)], { encoding: 'utf8' });
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });
});

requiringSuite('generated Python compiles', 'python3', requirePython3, (python) => {
  it.each(pythonCases.map((c) => [`${c.caseName} ${c.file.path}`, c] as const))('%s', (_n, { caseName, file }) => {
    const r = spawnSync(python, ['-m', 'py_compile', materialise(caseName, file)], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
