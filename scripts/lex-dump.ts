import { lex } from '../grammar/lexer.js';
const src = process.argv[2] ?? '';
const r = lex('x.rc', src);
for (const t of r.tokens) console.log(t.tokenType.name, JSON.stringify(t.image), JSON.stringify(t.value), `${t.startLine}:${t.startColumn}`);
for (const d of r.diagnostics) console.log('DIAG', d);
