/**
 * The configuration from the project description (samples/mysql.monitrc): a `yum update mysql`
 * unmonitors mysqld through mysql_bin (monit-semantics §11). Each race is reported where it is written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/corpus.js';
import { lintString } from './support.js';

const text = readFileSync(join(repoRoot, 'samples/mysql.monitrc'), 'utf8');

describe('samples/mysql.monitrc', () => {
  const r = lintString(text, {}, 'samples/mysql.monitrc');
  const at = (code: string): string[] => r.diagnostics.filter((d) => d.code === code).map((d) => `${d.span.line}:${d.span.column}`);

  it('reports the checksum race on /usr/sbin/mysqld at the checksum test', () => {
    expect(at('ML301')).toEqual(['18:15']);
    expect(r.diagnostics.find((d) => d.code === 'ML301')?.message).toContain("'/usr/sbin/mysqld'");
  });

  it('reports the permission, uid and gid races at their tests', () => {
    expect(at('ML302')).toEqual(['19:15', '20:15', '21:15']);
    const kinds = r.diagnostics.filter((d) => d.code === 'ML302').map((d) => d.message.split(' ')[0]);
    expect(kinds).toEqual(['permission', 'uid', 'gid']);
  });

  it('reports the depends-on chain that unmonitors mysqld at the dependency', () => {
    expect(at('ML303')).toEqual(['14:16']);
    expect(r.diagnostics.find((d) => d.code === 'ML303')?.message).toContain('mysqld → mysql_bin');
  });

  it('advises about the start program that races with the transaction, at the start program', () => {
    expect(at('ML304')).toEqual(['10:5']);
    expect(r.diagnostics.find((d) => d.code === 'ML304')?.severity).toBe('info');
  });

  it('flags the deprecated then timeout at its keyword', () => {
    expect(at('ML308')).toEqual(['13:40']);
  });

  it('is accepted by the checker: no parity finding', () => {
    expect(r.accepted).toBe(true);
    expect(r.diagnostics.filter((d) => /^ML[12]/.test(d.code))).toEqual([]);
  });
});
