import { expect, it } from 'vitest';
import { lex } from '../../grammar/lexer.js';
import { parser } from '../../grammar/parser.js';

/** Every key a CST node's `children` can have: rule names, token names and labels. */
function childKeys(): Set<string> {
  const keys = new Set<string>();
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) {
      for (const e of x) walk(e);
      return;
    }
    if (x === null || typeof x !== 'object') return;
    const o = x as { label?: unknown; nonTerminalName?: unknown; terminalType?: { name?: unknown }; definition?: unknown };
    if (typeof o.label === 'string') keys.add(o.label);
    if (typeof o.nonTerminalName === 'string') keys.add(o.nonTerminalName);
    if (typeof o.terminalType?.name === 'string') keys.add(o.terminalType.name);
    walk(o.definition);
  };
  const rules = parser().getGAstProductions();
  for (const [name, rule] of Object.entries(rules)) {
    keys.add(name);
    walk(rule.definition);
  }
  return keys;
}

// The parser gives CST nodes plain `{}` children (fast objects) instead of Chevrotain's
// null-prototype ones; that is only sound while no child key can hit an inherited member.
it('no CST child key is a property of Object.prototype', () => {
  const keys = childKeys();
  expect(keys.size).toBeGreaterThan(300);
  expect(keys.has('SERVICENAME')).toBe(true);
  expect(keys.has('pidfile')).toBe(true); // a label
  expect([...keys].filter((k) => k in Object.prototype)).toEqual([]);
});

it('CST children hold only what was parsed (nothing inherited shows up)', () => {
  const { tokens } = lex('t', 'check process a with pidfile /run/a.pid\n  if cpu > 50% then alert\n');
  const p = parser();
  p.input = tokens;
  const cst = p.file();
  expect(p.errors).toEqual([]);
  const entry = (cst.children.checkStatement?.[0] as { children: Record<string, unknown> } | undefined)?.children;
  expect(entry).toBeDefined();
  expect(Object.keys(entry ?? {})).toEqual(['checkProcess']);
});
