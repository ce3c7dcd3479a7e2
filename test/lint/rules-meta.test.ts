/**
 * Docs are tests (STYLE.md): every rule's bad example triggers it, its good example does not,
 * its docs are complete, and the registry lists exactly the files of src/lint/rules, sorted.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/lint/rules/index.js';
import { PARITY_CODES } from '../../src/lint/parity.js';
import { repoRoot } from '../support/corpus.js';
import { hostFrom, lintString } from './support.js';

describe('rule registry', () => {
  it('matches the rule files, one rule per file named after the rule', () => {
    const files = readdirSync(join(repoRoot, 'src/lint/rules'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    expect(RULES.map((r) => r.name).sort()).toEqual(files);
  });

  it('is sorted by code, with unique codes and names that never collide with parity codes', () => {
    const codes = RULES.map((r) => r.code);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
    for (const p of PARITY_CODES) expect(codes).not.toContain(p.code);
  });
});

describe.each(RULES.map((r) => [`${r.code} ${r.name}`, r] as const))('%s', (_label, rule) => {
  it('has complete docs', () => {
    expect(rule.code).toMatch(/^ML[0-5]\d\d$/);
    expect(rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(['error', 'warning', 'info']).toContain(rule.severity);
    expect(rule.title.length).toBeGreaterThan(10);
    expect(rule.rationale.length).toBeGreaterThan(60);
    expect(rule.bad.trim()).not.toBe('');
    expect(rule.good.trim()).not.toBe('');
    expect(rule.bad).not.toBe(rule.good);
  });

  const opts = rule.exampleHost ? { host: hostFrom(rule.exampleHost) } : {};

  it('is triggered by its bad example', () => {
    const r = lintString(rule.bad, opts);
    expect(r.internalError).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toContain(rule.code);
  });

  it('stays silent on its good example', () => {
    const r = lintString(rule.good, opts);
    expect(r.internalError).toBe(false);
    expect(r.diagnostics.filter((d) => d.code === rule.code)).toEqual([]);
  });

  it('examples are accepted by the parser (no syntax errors)', () => {
    for (const text of [rule.bad, rule.good]) {
      const r = lintString(text, opts);
      expect(r.fullyParsed).toBe(true);
      expect(r.diagnostics.filter((d) => d.code === 'ML101' || d.code === 'ML102')).toEqual([]);
    }
  });
});
