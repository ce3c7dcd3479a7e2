import { describe, expect, it } from 'vitest';
import { generateConfig } from '../../bench/generate.js';
import { monitSuite, runMonitT } from '../support/monit.js';

/** `check <type> <name>` headers, in order. */
function serviceNames(text: string): string[] {
  return [...text.matchAll(/^check \w+ (\S+)/gm)].map((m) => m[1] ?? '');
}

describe('generateConfig', () => {
  it('is deterministic for a seed and varies with it', () => {
    expect(generateConfig(50, 3)).toBe(generateConfig(50, 3));
    expect(generateConfig(50)).toBe(generateConfig(50, 1));
    expect(generateConfig(50, 4)).not.toBe(generateConfig(50, 3));
  });

  it('has n uniquely named services of all four kinds, and the global settings once', () => {
    const text = generateConfig(200);
    const names = serviceNames(text);
    expect(names).toHaveLength(200);
    expect(new Set(names).size).toBe(200);
    for (const kind of ['process', 'file', 'filesystem', 'host']) expect(text).toMatch(new RegExp(`^check ${kind} `, 'm'));
    expect(text.match(/^set daemon 30$/gm)).toHaveLength(1);
    expect(text.match(/^set log syslog$/gm)).toHaveLength(1);
  });

  it('only depends on services defined earlier (so there is no depend loop)', () => {
    const text = generateConfig(500, 9);
    const seen = new Set<string>();
    let current = '';
    for (const line of text.split('\n')) {
      const header = /^check \w+ (\S+)/.exec(line);
      if (header !== null) {
        current = header[1] ?? '';
        continue;
      }
      const deps = /^\s+depends on (.*)$/.exec(line);
      if (deps !== null) for (const d of (deps[1] ?? '').split(', ')) expect(seen.has(d), `${current} depends on ${d}`).toBe(true);
      if (line === '' && current !== '') seen.add(current);
    }
    expect(text).toMatch(/depends on/);
  });

  it('handles n = 0', () => {
    expect(serviceNames(generateConfig(0))).toEqual([]);
  });
});

monitSuite('generateConfig on the real monit', () => {
  it('is accepted by monit -t for n = 50, without warnings', async () => {
    const r = await runMonitT(generateConfig(50), { name: 'bench-50.monitrc' });
    expect(r.errors, r.output).toEqual([]);
    expect(r.accepted, r.output).toBe(true);
    expect(r.warnings, r.output).toEqual([]);
  });

  it('lists all 50 services (plus the implicit system entry) with monit -v -t', async () => {
    const r = await runMonitT(generateConfig(50, 5), { name: 'bench-50.monitrc', verbose: true });
    expect(r.accepted, r.output).toBe(true);
    const listed = (r.serviceList ?? []).filter((l) => /^\S.* Name +=/.test(l));
    expect(listed).toHaveLength(51);
  });
});
