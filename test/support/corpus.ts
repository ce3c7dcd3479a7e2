/**
 * Access to the shared corpus of real-world control files and the verdicts monit 5.33 gave on
 * them (`../shared/corpus` beside the repository, see its README.md).
 *
 * The corpus is third-party data kept outside the repository, so its absence is expected on some
 * machines: outside CI the corpus tests skip after a loud warning; in CI they fail.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCI, warnLoudly } from './monit.js';

/** Repository root: this file lives in `<root>/test/support/`. */
export const repoRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** `$MONITLINT_SHARED/corpus` if that variable is set, else `<repo>/../shared/corpus`. */
export function corpusDir(): string {
  const shared = process.env.MONITLINT_SHARED;
  return shared !== undefined && shared !== '' ? resolve(shared, 'corpus') : resolve(repoRoot, '../shared/corpus');
}

export function corpusAvailable(): boolean {
  const dir = corpusDir();
  return existsSync(join(dir, 'VERDICTS.tsv')) && existsSync(join(dir, 'files'));
}

/**
 * The corpus directory, or null after a loud warning when it is missing outside CI.
 * In CI a missing corpus throws: the parity tests must not silently pass there.
 */
export function requireCorpus(): string | null {
  const dir = corpusDir();
  if (corpusAvailable()) return dir;
  const lines = [
    `The monit corpus was not found at ${dir}.`,
    'Corpus tests are SKIPPED. Put the shared folder beside the clone (../shared),',
    'or set MONITLINT_SHARED=/path/to/shared.',
  ];
  if (isCI()) throw new Error(`corpus required in CI: ${lines[0]}`);
  warnLoudly('missing-corpus', lines);
  return null;
}

export interface CorpusFile {
  /** Four-digit id, `0008`. */
  id: string;
  path: string;
}

function listDir(sub: string, suffix: string): CorpusFile[] {
  const dir = join(corpusDir(), sub);
  return readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => ({ id: name.slice(0, -suffix.length), path: join(dir, name) }));
}

/** `files/NNNN.monitrc`, in id order. */
export function listPlainFiles(): CorpusFile[] {
  return listDir('files', '.monitrc');
}

/** `templates/NNNN.txt`, in id order: resilience input only, no verdicts. */
export function listTemplates(): CorpusFile[] {
  return listDir('templates', '.txt');
}

export type VerdictClass = 'ok' | 'syntax' | 'semantic' | 'host-dependent';

export interface Verdict {
  exitCode: number;
  /** First error as monit reported it; undefined when accepted or when it had no position. */
  errorFile?: string;
  errorLine?: number;
  errorMessage?: string;
  cls: VerdictClass;
  /** How many error and warning messages the output had (as counted by the corpus authors). */
  errors: number;
  warnings: number;
}

const CLASSES: readonly VerdictClass[] = ['ok', 'syntax', 'semantic', 'host-dependent'];

function isVerdictClass(s: string): s is VerdictClass {
  return (CLASSES as readonly string[]).includes(s);
}

/** Rows of a TSV with a header line, checked for the expected column count. */
function readTsv(file: string, columns: number): string[][] {
  const lines = readFileSync(join(corpusDir(), file), 'utf8').split('\n').filter((l) => l !== '');
  return lines.slice(1).map((line, i) => {
    const cells = line.split('\t');
    if (cells.length !== columns) throw new Error(`${file}:${i + 2}: expected ${columns} columns, got ${cells.length}`);
    return cells;
  });
}

function toInt(s: string, what: string): number {
  if (!/^\d+$/.test(s)) throw new Error(`VERDICTS.tsv: ${what} is not a number: '${s}'`);
  return Number(s);
}

/** VERDICTS.tsv as id → verdict. */
export function readVerdicts(): Map<string, Verdict> {
  const map = new Map<string, Verdict>();
  for (const [id = '', exit = '', file = '', line = '', message = '', cls = '', errors = '', warnings = ''] of readTsv('VERDICTS.tsv', 8)) {
    if (!isVerdictClass(cls)) throw new Error(`VERDICTS.tsv: ${id}: unknown class '${cls}'`);
    map.set(id, {
      exitCode: toInt(exit, 'exit_code'),
      ...(file !== '' ? { errorFile: file } : {}),
      ...(line !== '' ? { errorLine: toInt(line, 'error_line') } : {}),
      ...(message !== '' ? { errorMessage: message } : {}),
      cls,
      errors: toInt(errors, 'errors'),
      warnings: toInt(warnings, 'warnings'),
    });
  }
  return map;
}

/** Undoes the TSV escaping of VERDICTS_OUTPUT.tsv (`\n`; `\t`, `\r`, `\\` for safety). */
export function unescapeTsv(s: string): string {
  return s.replace(/\\([ntr\\])/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] ?? c);
}

export interface VerdictOutput {
  exitCode: number;
  output: string;
}

/** VERDICTS_OUTPUT.tsv as id → monit's complete output. */
export function readVerdictOutputs(): Map<string, VerdictOutput> {
  const map = new Map<string, VerdictOutput>();
  for (const [id = '', exit = '', output = ''] of readTsv('VERDICTS_OUTPUT.tsv', 3)) {
    map.set(id, { exitCode: toInt(exit, 'exit_code'), output: unescapeTsv(output) });
  }
  return map;
}
