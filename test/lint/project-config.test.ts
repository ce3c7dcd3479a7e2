/** `.monitlint.yaml`: discovery, extend, per-rule settings, globs, and errors with line and column. */
import { describe, expect, it } from 'vitest';
import { ConfigError, findConfigFile, globRegex, isExcluded, loadConfigFile, settingsFor } from '../../src/lint/project-config.js';
import { memFs } from './support.js';

const errorOf = (fn: () => unknown): ConfigError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('no error');
};

describe('.monitlint.yaml', () => {
  const fs = memFs({
    '/repo/.monitlint.yaml': 'failure-threshold: error\nrules:\n  ML306: off\n  checksum-race: error\nexclude: ["vendor/**"]\n',
    '/repo/conf.d/.monitlint.yaml': 'extend: ../.monitlint.yaml\nrules:\n  ML306: info\nper-file-ignores:\n  "legacy-*.conf": [no-restart-limit, ML305]\n',
    '/repo/conf.d/a.conf': '',
    '/loop/a.yaml': 'extend: b.yaml\n',
    '/loop/b.yaml': 'extend: a.yaml\n',
  });

  it('finds the closest file upwards', () => {
    expect(findConfigFile(fs, '/repo/conf.d')).toBe('/repo/conf.d/.monitlint.yaml');
    expect(findConfigFile(fs, '/repo/other/deep')).toBe('/repo/.monitlint.yaml');
    expect(findConfigFile(fs, '/elsewhere')).toBeUndefined();
  });

  it('extends: the closer file overrides what it inherits', () => {
    const c = loadConfigFile(fs, '/repo/conf.d/.monitlint.yaml');
    expect(c.files).toEqual(['/repo/conf.d/.monitlint.yaml', '/repo/.monitlint.yaml']);
    expect(c.failureThreshold).toBe('error');
    expect(settingsFor(c, '/repo/conf.d/a.conf')).toEqual(new Map([['ML306', 'info'], ['ML301', 'error']]));
    expect(settingsFor(c, '/repo/conf.d/legacy-x.conf').get('ML306')).toBe('off');
    expect(settingsFor(c, '/repo/conf.d/legacy-x.conf').get('ML305')).toBe('off');
    expect(isExcluded(c, '/repo/vendor/x/y.conf')).toBe(true);
    expect(isExcluded(c, '/repo/conf.d/vendor.conf')).toBe(false);
  });

  it('reports an extend loop', () => {
    expect(errorOf(() => loadConfigFile(fs, '/loop/a.yaml')).message).toMatch(/extend loop/);
  });

  it.each([
    ['rules:\n  ML999: off\n', '2:3', /unknown rule 'ML999'/],
    ['rules:\n  ML301: loud\n', '2:10', /must be error, warning, info or off/],
    ['rules:\n  ML201: off\n', '2:3', /Monit-parity finding/],
    ['failure-threshold: high\n', '1:20', /failure-threshold must be/],
    ['exclude: vendor\n', '1:10', /exclude must be a list/],
    ['colour: yes\n', '1:1', /unknown setting 'colour'/],
    ['rules: [\n', '2:1', /./],
  ])('%j is an error at %s', (text, at, message) => {
    const e = errorOf(() => loadConfigFile(memFs({ '/c.yaml': text }), '/c.yaml'));
    expect(`${e.line}:${e.column}`).toBe(at);
    expect(e.message).toMatch(message);
    expect(e.describe('/')).toMatch(/^c\.yaml:\d+:\d+: /);
  });

  it('globs: ** spans directories, * stays in one name, a bare name matches at any depth', () => {
    expect(globRegex('vendor/**').test('vendor/a/b.conf')).toBe(true);
    expect(globRegex('conf.d/*.conf').test('conf.d/a.conf')).toBe(true);
    expect(globRegex('conf.d/*.conf').test('conf.d/x/a.conf')).toBe(false);
    expect(globRegex('*.dpkg-old').test('deep/dir/a.conf.dpkg-old')).toBe(true);
    expect(globRegex('**/legacy.conf').test('legacy.conf')).toBe(true);
  });
});
