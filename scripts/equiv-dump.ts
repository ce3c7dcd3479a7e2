/**
 * Equivalence dump for refactors of the lexer, parser, model builder and checker: writes, for
 * every corpus file (and template) and a few generated benchmark files, the token stream, the
 * model (JSON), the check diagnostics and the lint diagnostics to one file per input under OUT.
 * Run it before and after a change and `diff -r` the two directories: a speed-up must not change
 * a byte.
 *
 *   npx tsx scripts/equiv-dump.ts OUT [CORPUS_DIR]
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as nodeFs from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateConfig } from '../bench/generate.js';
import { checkFile, isUnreadable } from '../src/check/api.js';
import type { Fs } from '../src/config/fs.js';
import { lintParsed } from '../src/lint/engine.js';

const out = process.argv[2];
if (out === undefined) throw new Error('usage: equiv-dump.ts OUT [CORPUS_DIR]');
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = process.argv[3] ?? resolve(root, '../shared/corpus');
mkdirSync(out, { recursive: true });

const fs = nodeFs as unknown as Fs;
const inputs: string[] = [];
for (const sub of ['files', 'templates']) {
  const dir = join(corpus, sub);
  for (const name of readdirSync(dir).sort()) inputs.push(join(dir, name));
}
// Outside OUT, at a fixed path: file names are part of the model, so two runs must agree on them.
const genDir = join(tmpdir(), 'monitlint-equiv-inputs');
mkdirSync(genDir, { recursive: true });
for (const n of [1, 50, 2500]) {
  const p = join(genDir, `bench-${n}.monitrc`);
  writeFileSync(p, generateConfig(n, 7));
  inputs.push(p);
}

const replacer = (_k: string, v: unknown): unknown => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);
let count = 0;
let tokens = 0;
for (const file of inputs) {
  const r = checkFile(file, { fs, cwd: dirname(file) });
  const lines: string[] = [];
  if (isUnreadable(r)) {
    lines.push(`UNREADABLE ${r.error}`);
  } else {
    const p = r.parsed;
    for (const t of p.tokens.all()) {
      lines.push(JSON.stringify([t.seq, t.fileIndex, t.tokenType.name, t.image, t.startOffset, t.endOffset, t.startLine, t.endLine, t.startColumn, t.endColumn, t.value, t.quoted], replacer));
    }
    tokens += p.tokens.length;
    lines.push('LEX', JSON.stringify(p.lexDiagnostics, replacer));
    lines.push('TRIVIA', JSON.stringify(p.trivia, replacer));
    lines.push('PARSE', JSON.stringify(p.parseErrors.map((e) => [e.name, e.message, (e.token as { seq?: number }).seq, e.token.image, e.token.startOffset]), replacer));
    lines.push('MODEL', JSON.stringify({ ...p.config, files: p.config.files.map((f) => ({ ...f, text: f.text.length })) }, replacer, 1));
    lines.push('CHECK', JSON.stringify({ accepted: r.accepted, fullyParsed: r.fullyParsed, diagnostics: r.diagnostics }, replacer, 1));
    const lint = lintParsed(p, r, {});
    lines.push('LINT', JSON.stringify(lint, replacer, 1));
  }
  writeFileSync(join(out, `${file.split('/').slice(-2).join('__').replace(/^\./, '')}.txt`), `${lines.join('\n')}\n`);
  count++;
}
console.log(`${count} inputs, ${tokens} tokens dumped to ${out}`);
