/** Times each stage of `check` on one file (a development aid for the benchmark). */
import { readFileSync } from 'node:fs';
import { lexStream, type MToken } from '../grammar/lexer.js';
import { parseStatements } from '../grammar/parser.js';
import { ConfigBuilder } from '../src/config/build.js';
import { check } from '../src/check/check.js';

const file = process.argv[2] ?? '/tmp/perf/bench-20000.monitrc';
const text = readFileSync(file, 'utf8');
for (let round = 0; round < Number(process.argv[3] ?? 1); round++) {
  const t0 = performance.now();
  const lexed = lexStream(file, text);
  const t1 = performance.now();
  const builder = new ConfigBuilder(lexed.files);
  let parseMs = 0;
  let buildMs = 0;
  let mark = performance.now();
  const parseErrors = parseStatements(lexed.stream, (st, piece, base) => {
    const a = performance.now();
    parseMs += a - mark;
    builder.statement(st, piece as MToken[], base);
    mark = performance.now();
    buildMs += mark - a;
  });
  parseMs += performance.now() - mark;
  const config = builder.finish();
  const t2 = performance.now();
  const r = check({ config, files: lexed.files, tokens: lexed.stream, lexDiagnostics: lexed.diagnostics, parseErrors });
  const t3 = performance.now();
  console.log(`tokens ${lexed.stream.length} lex ${(t1 - t0).toFixed(0)} parse ${parseMs.toFixed(0)} build ${buildMs.toFixed(0)} check ${(t3 - t2).toFixed(0)} total ${(t3 - t0).toFixed(0)} ms; ${r.diagnostics.length} diags; rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
}
