/**
 * The lexer of the Monit 5.33 control file (spec/monit-grammar.md §1, §2).
 *
 * Monit tokenizes with flex: at every position the longest match of any rule of the current start
 * condition wins, and among equally long matches the rule written first. Keywords are therefore
 * keywords only when the whole run of word characters equals them (§1.4), multi-word keywords
 * compete with single words by length (§1.9), and several lexer modes switch the rules entirely
 * (§1.11). Apart from one flag (the `path "` of a `check program`), Monit's lexer does not depend on
 * the parser, so the whole stream can be produced first and parsed afterwards.
 *
 * `include` is lexical (§2): the included files are spliced into the token stream in Monit's order
 * (reverse sorted within one glob), with Monit's loop detection. Reading files is delegated to an
 * {@link IncludeResolver}, so this module never touches a filesystem.
 *
 * Positions are real (file, 1-based line and column, offsets) rather than Monit's line counter,
 * which drifts on backslashes and a few other quirks.
 */
import type { IToken, TokenType } from 'chevrotain';
import { KEYWORD_SPELLINGS, NOISE_WORDS, T } from './tokens.js';

/** A file taking part in one lexing run; `index` is the value of {@link MToken.fileIndex}. */
export interface SourceFile {
  index: number;
  path: string;
  text: string;
  /** Offsets at which each line starts, for offset → line/column. */
  lineStarts: number[];
  /** The file and position of the `include` that brought this file in (none for the control file). */
  includedFrom?: { fileIndex: number; offset: number };
}

/** A parsed `scheme://…` URL (§1.11.4). */
export interface UrlValue {
  protocol: string;
  user?: string;
  password?: string;
  hostname?: string;
  ipv6?: boolean;
  port: number;
  path: string;
  query?: string;
}

/** A parsed `from:`/`reply-to:` value (§1.11.5). */
export interface AddressValue {
  address?: string;
  name?: string;
}

/** A token with Monit's value attached. */
export interface MToken extends IToken {
  fileIndex: number;
  /** Position in the whole token stream, across included files. */
  seq: number;
  /** The value Monit's lexer computes (unquoted and unescaped string, number, URL, address). */
  value?: string | number | UrlValue | AddressValue;
  /** True for a value that came from a quoted string. */
  quoted?: boolean;
}

/** A token the lexer made (not one Chevrotain's error recovery inserted, nor its end of input). */
export function isRealToken(t: IToken): t is MToken {
  return !t.isInsertedInRecovery && Number.isFinite(t.startOffset) && (t as MToken).fileIndex !== undefined;
}

/** A problem found by the lexer itself: Monit prints these while reading (§1.6, §1.11, §2). */
export interface LexDiagnostic {
  severity: 'error' | 'warning';
  message: string;
  fileIndex: number;
  offset: number;
  length: number;
  /** A fatal error ends Monit's run at once (the include depth limit). */
  fatal?: boolean;
}

/** How the lexer obtains included files. Implemented over an `Fs` by the config loader. */
export interface IncludeResolver {
  /**
   * Expands an include pattern like POSIX glob(): the matching paths in ascending order, with
   * directories and names ending in `~` already left out. A plain name that does not exist yields
   * `missing` (a warning in Monit); a wildcard that matches nothing yields no paths.
   */
  expand(pattern: string): { paths: string[]; missing?: string };
  /** Reads one matched file; an error string if it cannot be read. */
  read(path: string): { text: string } | { error: string };
}

/** What the lexer reads but the parser never sees (§1.3 comments, §2 includes), by file offset. */
export interface LexTrivia {
  /** `# …` comments: from the `#` to the end of the line (a trailing CR excluded). */
  comments: Array<{ fileIndex: number; start: number; end: number }>;
  /** `include PATTERN`: the keyword's offset, the pattern as written (quotes included) and as read. */
  includes: Array<{ fileIndex: number; keyword: number; patternStart: number; patternEnd: number; pattern: string }>;
}

export interface LexResult {
  tokens: MToken[];
  diagnostics: LexDiagnostic[];
  files: SourceFile[];
  trivia: LexTrivia;
}

/** {@link LexResult} with the tokens kept column-wise in a {@link TokenStream}. */
export interface LexStreamResult {
  stream: TokenStream;
  diagnostics: LexDiagnostic[];
  files: SourceFile[];
  trivia: LexTrivia;
}

/** Monit's maximum include depth (§2). */
export const MAX_INCLUDE_DEPTH = 1024;

const enum Mode {
  Initial,
  Argument,
  Service,
  Depend,
  Url,
  Address,
  StringName,
  Every,
  HttpHeader,
  Include,
}

const enum CheckState {
  None,
  Program,
  Other,
}

const KEYWORDS: ReadonlyMap<string, TokenType> = (() => {
  const m = new Map<string, TokenType>();
  for (const [name, spellings] of Object.entries(KEYWORD_SPELLINGS)) {
    const t = (T as Record<string, TokenType>)[name];
    if (!t) throw new Error(`token ${name} missing`);
    for (const s of spellings) m.set(s, t);
  }
  return m;
})();

/** §1.4: the characters of a word (flex `str`): not control/space, not `!"%'(),:;@{}`. */
function isStrChar(c: number): boolean {
  if (c <= 0x21) return false;
  switch (c) {
    case 0x22: // "
    case 0x25: // %
    case 0x27: // '
    case 0x28: // (
    case 0x29: // )
    case 0x2c: // ,
    case 0x3a: // :
    case 0x3b: // ;
    case 0x40: // @
    case 0x7b: // {
    case 0x7d: // }
      return false;
    default:
      return true;
  }
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** flex `{ws}`: space, CR, TAB. */
function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0d || c === 0x09;
}

/** flex `{wws}`: `{ws}` plus `;` `,` `(` `)`, the separators of §1.2. */
function isWws(c: number): boolean {
  return isWs(c) || c === 0x3b || c === 0x2c || c === 0x28 || c === 0x29;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 0-based index of the line holding `offset`, searched forward from line `hint` (a
 * binary search when the offset lies before the hint). */
export function lineIndexNear(starts: number[], offset: number, hint: number): number {
  if ((starts[hint] ?? 0) > offset) return positionOf({ lineStarts: starts }, offset).line - 1;
  let i = hint;
  while (i + 1 < starts.length && (starts[i + 1] ?? 0) <= offset) i++;
  return i;
}

/** 1-based line and column of an offset. */
export function positionOf(file: Pick<SourceFile, 'lineStarts'>, offset: number): { line: number; column: number } {
  const starts = file.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

/**
 * The lexer's token: only what the parser and later stages read is stored (offsets, type, file,
 * sequence number, value); the image and the line/column fields Chevrotain's `IToken` declares are
 * computed from the file's text and line-start table when read. The checker's path makes them
 * from a {@link TokenStream} one statement at a time; {@link lex} makes all of them at once.
 * A class keeps one hidden class for every token, so the parser's reads stay monomorphic.
 */
export class LexedToken implements MToken {
  constructor(
    public tokenType: TokenType,
    public startOffset: number,
    /** Inclusive, as Chevrotain has it; `start - 1` for an empty token. */
    public endOffset: number,
    /** The file the token was read from (its `index` is {@link MToken.fileIndex}). */
    readonly file: SourceFile,
    public seq: number,
    public value: MToken['value'],
    public quoted: boolean,
    public tokenTypeIdx: number = tokenType.tokenTypeIdx ?? 0,
  ) {}

  get fileIndex(): number {
    return this.file.index;
  }

  get image(): string {
    return this.file.text.slice(this.startOffset, this.endOffset + 1);
  }

  get startLine(): number {
    return positionOf(this.file, this.startOffset).line;
  }

  get startColumn(): number {
    return positionOf(this.file, this.startOffset).column;
  }

  /** The line of the last character (of the first one for an empty token). */
  get endLine(): number {
    return positionOf(this.file, Math.max(this.startOffset, this.endOffset)).line;
  }

  get endColumn(): number {
    return positionOf(this.file, Math.max(this.startOffset, this.endOffset)).column;
  }
}

/** `to`, a larger array of the same kind, with `from` copied to its start. */
function widened<A extends Uint8Array | Uint16Array | Int32Array>(to: A, from: A): A {
  to.set(from);
  return to;
}

/**
 * The token stream column by column: one array per field, indexed by `seq`, holding only numbers
 * and references to objects that exist anyway (token types, files, values). At 20,000 services
 * the stream has ~900,000 tokens; as objects they all outlived the young generation, and the
 * garbage collector's copying of them was about half of the lexer's time. Token objects
 * ({@link LexedToken}) are made on request, for one statement at a time while parsing, and die
 * young with its CST.
 */
export class TokenStream {
  private n = 0;
  // Typed arrays, grown by doubling: numbers in them are neither boxed nor scanned by the
  // garbage collector (plain arrays of pointers cost a write barrier per push).
  private typeIdx: Uint16Array;
  private startArr: Int32Array;
  private endArr: Int32Array;
  private fileArr: Int32Array;
  private quotedArr: Uint8Array;
  private readonly values: Array<MToken['value']> = [];
  /** Token types by their Chevrotain `tokenTypeIdx`. */
  private readonly typeByIdx: TokenType[] = [];

  /** `files`: the lexer's file list, indexed by {@link SourceFile.index} (it may still grow). */
  constructor(private readonly files: readonly SourceFile[], capacity = 1024) {
    this.typeIdx = new Uint16Array(capacity);
    this.startArr = new Int32Array(capacity);
    this.endArr = new Int32Array(capacity);
    this.fileArr = new Int32Array(capacity);
    this.quotedArr = new Uint8Array(capacity);
  }

  get length(): number {
    return this.n;
  }

  /** Appends a token; `end` is inclusive (`start - 1` for an empty token). */
  push(type: TokenType, start: number, end: number, file: SourceFile, value: MToken['value'], quoted: boolean): void {
    const i = this.n;
    if (i === this.startArr.length) this.grow();
    const idx = type.tokenTypeIdx ?? 0;
    if (this.typeByIdx[idx] !== type) this.typeByIdx[idx] = type;
    this.typeIdx[i] = idx;
    this.startArr[i] = start;
    this.endArr[i] = end;
    this.fileArr[i] = file.index;
    this.quotedArr[i] = quoted ? 1 : 0;
    this.values.push(value);
    this.n = i + 1;
  }

  private grow(): void {
    const cap = this.startArr.length * 2;
    this.typeIdx = widened(new Uint16Array(cap), this.typeIdx);
    this.startArr = widened(new Int32Array(cap), this.startArr);
    this.endArr = widened(new Int32Array(cap), this.endArr);
    this.fileArr = widened(new Int32Array(cap), this.fileArr);
    this.quotedArr = widened(new Uint8Array(cap), this.quotedArr);
  }

  typeAt(seq: number): TokenType {
    return this.typeByIdx[this.typeIdx[seq] as number] as TokenType;
  }

  startAt(seq: number): number {
    return this.startArr[seq] as number;
  }

  fileIndexAt(seq: number): number {
    return this.fileArr[seq] as number;
  }

  /** A new token object for position `seq` (which must be in the stream). */
  at(seq: number): LexedToken {
    return new LexedToken(
      this.typeAt(seq),
      this.startArr[seq] as number,
      this.endArr[seq] as number,
      this.files[this.fileArr[seq] as number] as SourceFile,
      seq,
      this.values[seq],
      this.quotedArr[seq] === 1,
    );
  }

  /** New token objects for positions `start` to `end` (exclusive), like `Array.slice` within the stream. */
  slice(start: number, end: number): LexedToken[] {
    if (end > this.n) end = this.n;
    if (start > end) start = end;
    const out = new Array<LexedToken>(end - start);
    for (let i = start; i < end; i++) out[i - start] = this.at(i);
    return out;
  }

  /** Every token, as objects. */
  all(): LexedToken[] {
    return this.slice(0, this.n);
  }
}

/**
 * Monit's `Str_unquote` followed by `Util_handleEscapes` (§1.6): strip all leading and trailing
 * whitespace and quote characters, then process `\n \t \r \\ \<space> \0xHH`.
 */
export function unquote(raw: string): string {
  let start = 0;
  let end = raw.length;
  const strip = (c: string | undefined): boolean =>
    c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\f' || c === '\v' || c === '"' || c === "'";
  while (start < end && strip(raw[start])) start++;
  while (end > start && strip(raw[end - 1])) end--;
  return handleEscapes(raw.slice(start, end));
}

/** Monit's escape handling (§1.6). Unknown escapes keep their backslash. */
export function handleEscapes(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[i + 1];
    switch (n) {
      case 'n': out += '\n'; i++; break;
      case 't': out += '\t'; i++; break;
      case 'r': out += '\r'; i++; break;
      case '\\': out += '\\'; i++; break;
      case ' ': out += ' '; i++; break;
      case '0': {
        const m = /^0[xX]([0-9a-fA-F]{2})/.exec(s.slice(i + 1));
        if (m && m[1] !== undefined) {
          const v = parseInt(m[1], 16);
          // \0x00 stays literal: only the send/expect engine turns it into a NUL byte.
          out += v === 0 ? s.slice(i, i + 5) : String.fromCharCode(v);
          i += 4;
        } else out += c;
        break;
      }
      default:
        out += c;
    }
  }
  return out;
}

/** C `atoi` on a digit string: Monit does no overflow check; clamp like strtol then truncate. */
function atoi(digits: string): number {
  const v = Number(digits);
  if (v > 0x7fffffffffffffff) return -1; // LONG_MAX truncated to int
  return v > 0x7fffffff ? Number(BigInt.asIntN(32, BigInt(digits.length > 19 ? '9223372036854775807' : digits))) : v;
}

// ---------------------------------------------------------------------------------------------
// IPv6 literals (flex `{ipv6}[/]?[0-9]{0,3}`, §1.5). flex takes the longest match of the whole
// alternation; JavaScript regexes take the first alternative, so each is tried on its own.

const H16 = '[0-9A-Fa-f]{1,4}';
const DEC = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const IPV4 = `${DEC}\\.${DEC}\\.${DEC}\\.${DEC}`;
const LS32 = `(?:${H16}:${H16}|${IPV4})`;
const IPV6_ALTERNATIVES = [
  `(?:${H16}:){6}${LS32}`,
  `::(?:${H16}:){5}${LS32}`,
  `(?:${H16})?::(?:${H16}:){4}${LS32}`,
  `(?:(?:${H16}:){0,1}${H16})?::(?:${H16}:){3}${LS32}`,
  `(?:(?:${H16}:){0,2}${H16})?::(?:${H16}:){2}${LS32}`,
  `(?:(?:${H16}:){0,3}${H16})?::${H16}:${LS32}`,
  `(?:(?:${H16}:){0,4}${H16})?::${LS32}`,
  `(?:(?:${H16}:){0,5}${H16})?::${H16}`,
  `(?:(?:${H16}:){0,6}${H16})?::`,
].map((a) => new RegExp(`(?:${a})/?[0-9]{0,3}`, 'y'));

function matchIpv6(text: string, pos: number): number {
  let best = 0;
  for (const re of IPV6_ALTERNATIVES) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (m && m[0].length > best) best = m[0].length;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Multi-word and pattern keywords of the default mode (§1.9), in the order of Monit's rules: the
// order decides between equally long matches.

type Effect =
  | { kind: 'skip' }
  | { kind: 'token'; type: TokenType }
  | { kind: 'argument'; type: TokenType }
  | { kind: 'pathtok' }
  | { kind: 'every'; type: TokenType }
  | { kind: 'depends' }
  | { kind: 'group' }
  | { kind: 'headers' };

interface PatternRule {
  /** The letters every match starts with (lower case). A match begins with the word being
   * scanned, so a word that does not start with them cannot match: the regex is not even run. */
  lit: string;
  re: RegExp;
  effect: Effect;
}

const WS = '[ \\r\\t]';
const patternRules: PatternRule[] = [
  { lit: 'ssl', re: /ssl[ \t]+disable/iy, effect: { kind: 'skip' } },
  { lit: 'disable', re: /disable[ \t]+ssl/iy, effect: { kind: 'skip' } },
  { lit: 'start', re: new RegExp(`start${WS}*(?:program)?${WS}*(?:=${WS}*)?"`, 'iy'), effect: { kind: 'argument', type: T.START } },
  { lit: 'stop', re: new RegExp(`stop${WS}*(?:program)?${WS}*(?:=${WS}*)?"`, 'iy'), effect: { kind: 'argument', type: T.STOP } },
  { lit: 'restart', re: new RegExp(`restart${WS}*(?:program)?${WS}*(?:=${WS}*)?"`, 'iy'), effect: { kind: 'argument', type: T.RESTART } },
  { lit: 'exec', re: new RegExp(`exec(?:ute)?${WS}*"`, 'iy'), effect: { kind: 'argument', type: T.EXEC } },
  { lit: 'path', re: new RegExp(`path${WS}*"`, 'iy'), effect: { kind: 'pathtok' } },
  { lit: 'ssl', re: /ssl[ \t]+enable/iy, effect: { kind: 'token', type: T.SSLTOKEN } },
  { lit: 'enable', re: /enable[ ]+ssl/iy, effect: { kind: 'token', type: T.SSLTOKEN } },
  { lit: 'service', re: /service[ ]?time/iy, effect: { kind: 'token', type: T.SERVICETIME } },
  { lit: 'total', re: /total[ ]?mem(?:ory)?/iy, effect: { kind: 'token', type: T.TOTALMEMORY } },
  { lit: 'total', re: /total[ ]?cpu/iy, effect: { kind: 'token', type: T.TOTALCPU } },
  { lit: 'loadavg', re: /loadavg[ ]*(?:\([ ]*1[ ]*(?:m|min)?[ ]*\))?/iy, effect: { kind: 'token', type: T.LOADAVG1 } },
  { lit: 'loadavg', re: /loadavg[ ]*\([ ]*5[ ]*(?:m|min)?[ ]*\)/iy, effect: { kind: 'token', type: T.LOADAVG5 } },
  { lit: 'loadavg', re: /loadavg[ ]*\([ ]*15[ ]*(?:m|min)?[ ]*\)/iy, effect: { kind: 'token', type: T.LOADAVG15 } },
  { lit: 'cpu', re: /cpu[ ]*(?:usage)*[ ]*\([ ]*(?:user|usr|us)?[ ]*\)/iy, effect: { kind: 'token', type: T.CPUUSER } },
  { lit: 'cpu', re: /cpu[ ]*(?:usage)*[ ]*\([ ]*(?:system|sys|sy)?[ ]*\)/iy, effect: { kind: 'token', type: T.CPUSYSTEM } },
  { lit: 'cpu', re: /cpu[ ]*(?:usage)*[ ]*\([ ]*(?:wait|wa)?[ ]*\)/iy, effect: { kind: 'token', type: T.CPUWAIT } },
  { lit: 'cpu', re: /cpu[ ]*(?:usage)*[ ]*\([ ]*nice[ ]*\)/iy, effect: { kind: 'token', type: T.CPUNICE } },
  { lit: 'cpu', re: /cpu[ ]*(?:usage)*[ ]*\([ ]*hardirq[ ]*\)/iy, effect: { kind: 'token', type: T.CPUHARDIRQ } },
  { lit: 'cpu', re: /cpu[ ]*(?:usage)*[ ]*\([ ]*softirq[ ]*\)/iy, effect: { kind: 'token', type: T.CPUSOFTIRQ } },
  { lit: 'cpu', re: /cpu[ ]*(?:usage)*[ ]*\([ ]*steal[ ]*\)/iy, effect: { kind: 'token', type: T.CPUSTEAL } },
  { lit: 'cpu', re: /cpu[ ]*(?:usage)*[ ]*\([ ]*guest[ ]*\)/iy, effect: { kind: 'token', type: T.CPUGUEST } },
  { lit: 'cpu', re: /cpu[ ]*(?:usage)*[ ]*\([ ]*guestnice[ ]*\)/iy, effect: { kind: 'token', type: T.CPUGUESTNICE } },
  { lit: 'access', re: /access timestamp|access time/iy, effect: { kind: 'token', type: T.ATIME } },
  { lit: 'change', re: /change timestamp|change time/iy, effect: { kind: 'token', type: T.CTIME } },
  { lit: 'modif', re: /modification timestamp|modification time|modify timestamp|modify time/iy, effect: { kind: 'token', type: T.MTIME } },
  { lit: 'not', re: /not[ ]+every/iy, effect: { kind: 'every', type: T.NOTEVERY } },
  { lit: 'depend', re: /depends?[ \t]+(?:on[ \t]*)?/iy, effect: { kind: 'depends' } },
  { lit: 'group', re: /group[ \t]+/iy, effect: { kind: 'group' } },
  { lit: 'http', re: /http headers[ \r\t]+/iy, effect: { kind: 'headers' } },
];
const patternRulesByFirst = new Map<string, PatternRule[]>();
for (const r of patternRules) {
  const f = r.lit.charAt(0);
  const list = patternRulesByFirst.get(f) ?? [];
  list.push(r);
  patternRulesByFirst.set(f, list);
}

/** What won the competition for a word (see `Scanner.word`). */
const enum Won {
  Nothing,
  Pattern,
  Closure,
  Token,
  Include,
  Every,
  Url,
  Number,
  Real,
  MailAddr,
  Path,
  Word,
  Ipv6,
}

/** flex `[0-9]+` (1) or `[0-9]+\.[0-9]+` (2) over the whole of s[p, e), else 0. */
function numericForm(s: string, p: number, e: number): 0 | 1 | 2 {
  let i = p;
  while (i < e && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) i++;
  if (i === e) return i > p ? 1 : 0;
  if (i === p || s.charCodeAt(i) !== 0x2e) return 0;
  let j = i + 1;
  while (j < e && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x39) j++;
  return j === e && j > i + 1 ? 2 : 0;
}

/** `check <type>` (§1.9, §5.1), in the order of Monit's rules; the empty type is `check ` + name. */
const CHECK_TYPES: ReadonlyArray<{ word: string; needsBlank: boolean; type: TokenType; program: boolean }> = [
  { word: 'process', needsBlank: true, type: T.CHECKPROC, program: false },
  { word: 'program', needsBlank: true, type: T.CHECKPROGRAM, program: true },
  { word: 'device', needsBlank: false, type: T.CHECKFILESYS, program: false },
  { word: 'filesystem', needsBlank: false, type: T.CHECKFILESYS, program: false },
  { word: 'file', needsBlank: false, type: T.CHECKFILE, program: false },
  { word: 'directory', needsBlank: false, type: T.CHECKDIR, program: false },
  { word: 'host', needsBlank: false, type: T.CHECKHOST, program: false },
  { word: 'network', needsBlank: false, type: T.CHECKNET, program: false },
  { word: 'fifo', needsBlank: false, type: T.CHECKFIFO, program: false },
  { word: 'program', needsBlank: false, type: T.CHECKPROGRAM, program: true },
  { word: 'system', needsBlank: false, type: T.CHECKSYSTEM, program: false },
];

const HEADER_VALUE_FORMS = [/:[ \r\t]*"[^"]*"/y, /:[ \r\t]*'[^']*'/y, /:[^\r\n\],:]+/y];

/** The cron form of the `every` mode (§1.11.7): five fields of digits, `*`, `,`, `-`. */
const CRON_RE = /['"][ \r\t]*[0-9,*-]+[ \r\t]+[0-9,*-]+[ \r\t]+[0-9,*-]+[ \r\t]+[0-9,*-]+[ \r\t]+[0-9,*-]+[ \r\t]*['"]/y;

interface Buffer {
  file: SourceFile;
  pos: number;
  mode: Mode;
}

/**
 * Tokenizes a control file and everything it includes.
 *
 * Never throws on any input: problems become {@link LexDiagnostic}s, and characters no rule
 * accepts become `OTHER` tokens that the parser rejects with a position.
 */
export function lex(controlPath: string, controlText: string, resolver?: IncludeResolver): LexResult {
  const r = lexStream(controlPath, controlText, resolver);
  return { tokens: r.stream.all(), diagnostics: r.diagnostics, files: r.files, trivia: r.trivia };
}

/** {@link lex}, with the tokens as a {@link TokenStream} (the checker's path: no token objects). */
export function lexStream(controlPath: string, controlText: string, resolver?: IncludeResolver): LexStreamResult {
  return new Scanner(controlPath, controlText, resolver).run();
}

class Scanner {
  private readonly stream: TokenStream;
  private readonly diagnostics: LexDiagnostic[] = [];
  private readonly files: SourceFile[] = [];
  /** The files below the current one: Monit's include stack (`buffer_stack`). */
  private readonly stack: Buffer[] = [];
  private cur: Buffer;
  private checkState = CheckState.None;
  private fatal = false;
  /** The URL or address being assembled in the URL and address modes. */
  private url: { value: UrlValue; start: number } | undefined;
  private address: { value: AddressValue; start: number } | undefined;
  private headerName = '';
  /** The best candidate of the word being scanned (see `wins`). */
  private bestLen = 0;
  private bestOrder = 0;
  private pending: (() => void) | undefined;
  private readonly trivia: LexTrivia = { comments: [], includes: [] };
  /** Offset of the `include` keyword whose pattern the include mode is reading. */
  private includeKeyword = 0;

  constructor(
    private readonly controlPath: string,
    controlText: string,
    private readonly resolver: IncludeResolver | undefined,
  ) {
    // About one token per 8 bytes of text in typical files (the stream grows past it if needed).
    this.stream = new TokenStream(this.files, Math.max(1024, controlText.length >> 3));
    this.cur = { file: this.addFile(controlPath, controlText), pos: 0, mode: Mode.Initial };
  }

  private addFile(path: string, text: string, includedFrom?: SourceFile['includedFrom']): SourceFile {
    const f: SourceFile = { index: this.files.length, path, text, lineStarts: lineStartsOf(text) };
    if (includedFrom) f.includedFrom = includedFrom;
    this.files.push(f);
    return f;
  }

  run(): LexStreamResult {
    for (;;) {
      if (this.fatal) break;
      if (this.cur.pos >= this.cur.file.text.length) {
        // <<EOF>>: back to the default mode, resume the including file.
        this.endOfBuffer();
        const prev = this.stack.pop();
        if (!prev) break;
        this.cur = prev;
        this.cur.mode = Mode.Initial;
        this.checkState = CheckState.None;
        continue;
      }
      this.step();
    }
    return { stream: this.stream, diagnostics: this.diagnostics, files: this.files, trivia: this.trivia };
  }

  /** A URL still open at the end of a file is never returned: Monit then sees no token (§1.11.4). */
  private endOfBuffer(): void {
    this.url = undefined;
    this.address = undefined;
  }

  private get text(): string {
    return this.cur.file.text;
  }

  /** Adds a token from `start` to `end` (exclusive) of the current file; its image is sliced from the text when read. */
  private emit(type: TokenType, start: number, end: number, value?: MToken['value'], quoted = false): void {
    this.stream.push(type, start, end - 1, this.cur.file, value, quoted);
  }

  private diag(severity: LexDiagnostic['severity'], message: string, start: number, length: number): void {
    this.diagnostics.push({ severity, message, fileIndex: this.cur.file.index, offset: start, length });
  }

  private step(): void {
    switch (this.cur.mode) {
      case Mode.Initial: return this.stepInitial();
      case Mode.Argument: return this.stepArgument();
      case Mode.Service: return this.stepService();
      case Mode.Depend: return this.stepDepend();
      case Mode.Url: return this.stepUrl();
      case Mode.Address: return this.stepAddress();
      case Mode.StringName: return this.stepStringName();
      case Mode.Every: return this.stepEvery();
      case Mode.HttpHeader: return this.stepHttpHeader();
      case Mode.Include: return this.stepInclude();
    }
  }

  /** The catch-all rule: the character itself becomes a token. */
  private single(p: number): void {
    const ch = this.text[p];
    const type =
      ch === '{' ? T.LCURLY : ch === '}' ? T.RCURLY : ch === ':' ? T.COLON : ch === '@' ? T.AT : ch === '[' ? T.LBRACKET : ch === ']' ? T.RBRACKET : T.OTHER;
    // Monit's catch-all also forgets the `check program` state.
    this.checkState = CheckState.None;
    this.emit(type, p, p + 1);
    this.cur.pos = p + 1;
  }

  private strEnd(p: number): number {
    const s = this.text;
    let e = p;
    while (e < s.length && isStrChar(s.charCodeAt(e))) e++;
    return e;
  }

  // -------------------------------------------------------------------------------------------
  // The default mode.

  private stepInitial(): void {
    const s = this.text;
    const p = this.cur.pos;
    const c = s.charCodeAt(p);

    if (isWws(c) || c === 0x0a) {
      let e = p + 1;
      while (e < s.length && (isWws(s.charCodeAt(e)) || s.charCodeAt(e) === 0x0a)) e++;
      this.cur.pos = e;
      return;
    }
    if (c === 0x23 /* # */) {
      // §1.3: a comment runs to the end of the line, but only at the start of a token.
      const nl = s.indexOf('\n', p);
      this.cur.pos = nl === -1 ? s.length : nl;
      const end = this.cur.pos > p && s.charCodeAt(this.cur.pos - 1) === 0x0d ? this.cur.pos - 1 : this.cur.pos;
      this.trivia.comments.push({ fileIndex: this.cur.file.index, start: p, end });
      return;
    }
    if (c === 0x5c /* \ */ && !(p + 1 < s.length && isStrChar(s.charCodeAt(p + 1)))) {
      // §1.2: a lone backslash is discarded.
      this.cur.pos = p + 1;
      return;
    }
    if (c === 0x22 || c === 0x27) return this.quoted(p, c);
    if (c === 0x25 /* % */) {
      this.emit(T.PERCENT, p, p + 1);
      this.cur.pos = p + 1;
      return;
    }
    if (c === 0x21 /* ! */) {
      if (s.charCodeAt(p + 1) === 0x3d) {
        this.emit(T.NOTEQUAL, p, p + 2);
        this.cur.pos = p + 2;
        return;
      }
      return this.single(p);
    }
    if (!isStrChar(c)) {
      if (c === 0x3a) {
        const v6 = matchIpv6(s, p);
        if (v6 > 1) {
          this.emit(T.STRING, p, p + v6, s.slice(p, p + v6));
          this.cur.pos = p + v6;
          return;
        }
      }
      return this.single(p);
    }
    this.word(p);
  }

  /** §1.6: quoted paths and strings, or an unbalanced quote. */
  private quoted(p: number, q: number): void {
    const s = this.text;
    const quote = String.fromCharCode(q);
    const close = s.indexOf(quote, p + 1);
    if (close === -1) {
      this.diag('error', 'unbalanced quotes', p, 1);
      this.cur.pos = p + 1;
      return;
    }
    const raw = s.slice(p, close + 1);
    const isPath = s[p + 1] === '/' && !raw.includes('\n');
    this.emit(isPath ? T.PATH : T.STRING, p, close + 1, unquote(raw), true);
    this.cur.pos = close + 1;
  }

  private word(p: number): void {
    const s = this.text;
    const e = this.strEnd(p);
    const w = s.slice(p, e);
    const c0 = s.charCodeAt(p);
    // No keyword, noise word, pattern keyword or `check` starts with '/' or a digit (tokens.ts),
    // so paths and numbers, most of a control file's words, skip those lookups.
    const plain = c0 === 0x2f || (c0 >= 0x30 && c0 <= 0x39);
    const lw = plain ? w : w.toLowerCase();

    // Candidates: length, rule order, action. Longest wins; then the earliest rule (flex).
    // The common winners (keywords, plain words, numbers, paths, pattern keywords) are recorded
    // as a kind and a token type; only the rare ones build a closure (`Won.Closure`).
    this.bestLen = 0;
    this.bestOrder = Number.MAX_SAFE_INTEGER;
    this.pending = undefined;
    let won = Won.Nothing;
    let wonType: TokenType = T.STRING;
    let wonEffect: Effect | undefined;

    // Rule order follows Monit's lexer: noise words, command prefixes, keywords, patterns, values.
    if (!plain) {
      if (NOISE_WORDS.has(lw) && this.wins(e - p, 10)) won = Won.Nothing;

      const rules = patternRulesByFirst.get(lw.charAt(0));
      if (rules) {
        for (let i = 0; i < rules.length; i++) {
          const r = rules[i] as PatternRule;
          if (!lw.startsWith(r.lit)) continue;
          r.re.lastIndex = p;
          // test(), not exec(): a sticky regex leaves lastIndex at the match's end, so the
          // length is known without a match array per try.
          if (r.re.test(s) && this.wins(r.re.lastIndex - p, r.effect.kind === 'skip' ? 11 : 20 + i)) {
            won = Won.Pattern;
            wonEffect = r.effect;
          }
        }
      }
      if (lw.startsWith('check') && this.offerCheck(p)) won = Won.Closure;

      const kw = KEYWORDS.get(lw);
      if (kw && this.wins(e - p, 40)) {
        won = Won.Token;
        wonType = kw;
      }
      if (lw === 'include' && this.wins(e - p, 41)) won = Won.Include;
      if (lw === 'every' && this.wins(e - p, 42)) won = Won.Every;
    }

    // [a-zA-Z0-9]+"://" starts a URL.
    // ':' ends a word, so the alphanumeric run can reach "://" only when ':' follows the word.
    let a = p;
    if (s.charCodeAt(e) === 0x3a) {
      while (a < e && isAlnum(s.charCodeAt(a))) a++;
      if (a > p && s.startsWith('://', a) && this.wins(a + 3 - p, 45)) won = Won.Url;
    }

    if (c0 >= 0x30 && c0 <= 0x39) {
      const numeric = numericForm(s, p, e);
      if (numeric === 1 && this.wins(e - p, 50)) won = Won.Number;
      else if (numeric === 2 && this.wins(e - p, 51)) won = Won.Real;
    }

    let mailEnd = e;
    if (s.charCodeAt(e) === 0x40 /* @ */) {
      const e2 = this.strEnd(e + 1);
      if (e2 > e + 1 && this.wins(e2 - p, 60)) {
        won = Won.MailAddr;
        mailEnd = e2;
      }
    }
    if (c0 === 0x2f /* / */ && this.wins(e - p, 62)) won = Won.Path;
    if (s.charCodeAt(e) === 0x3a /* : */ && this.offerMailFormat(lw, p, e)) won = Won.Closure;
    if (this.wins(e - p, 69)) won = Won.Word;
    // An IPv6 literal is longer than the word only when a ':' follows it.
    const v6 = s.charCodeAt(e) === 0x3a ? matchIpv6(s, p) : 0;
    if (v6 > 0 && this.wins(v6, 71)) won = Won.Ipv6;

    this.cur.pos = p + this.bestLen;
    // (A cast: the checker cannot see that the offers above may have set it.)
    const action = this.pending as (() => void) | undefined;
    this.pending = undefined;
    switch (won) {
      case Won.Nothing:
        return;
      case Won.Pattern:
        return this.patternEffect(wonEffect as Effect, p, p + this.bestLen);
      case Won.Closure:
        return action?.();
      case Won.Token:
        return this.emit(wonType, p, e, undefined);
      case Won.Include:
        this.includeKeyword = p;
        this.cur.mode = Mode.Include;
        return;
      case Won.Every:
        this.emit(T.EVERY, p, e, undefined);
        this.cur.mode = Mode.Every;
        return;
      case Won.Url:
        return this.startUrl(p, a);
      case Won.Number:
        return this.emit(T.NUMBER, p, e, atoi(w));
      case Won.Real:
        return this.emit(T.REAL, p, e, Number(w));
      case Won.MailAddr:
        return this.emit(T.MAILADDR, p, mailEnd, s.slice(p, mailEnd));
      case Won.Path:
      case Won.Word:
        return this.emit(won === Won.Path ? T.PATH : T.STRING, p, e, w);
      case Won.Ipv6:
        return this.emit(T.STRING, p, p + v6, s.slice(p, p + v6));
    }
  }

  /** Records a candidate's length and rule order when it beats the best so far; only then is its
   * action (a closure) built. Most words are offered several times, and win once. */
  private wins(len: number, order: number): boolean {
    if (len > this.bestLen || (len === this.bestLen && order < this.bestOrder)) {
      this.bestLen = len;
      this.bestOrder = order;
      return true;
    }
    return false;
  }

  /** Offers a candidate whose action is a closure; true when it is now the best. */
  private offer(len: number, order: number, fn: () => void): boolean {
    if (!this.wins(len, order)) return false;
    this.pending = fn;
    return true;
  }

  /** Offers `check <type>`; true when one of its forms is now the best candidate. */
  private offerCheck(p: number): boolean {
    const s = this.text;
    let q = p + 5;
    while (q < s.length && (s[q] === ' ' || s[q] === '\t')) q++;
    if (q === p + 5) return false; // `check` needs a blank before the type (§1.9)
    const rest = s.slice(q, q + 12).toLowerCase();
    let best = false;
    CHECK_TYPES.forEach((ct, i) => {
      if (!rest.startsWith(ct.word)) return;
      let len = q + ct.word.length - p;
      if (ct.needsBlank) {
        const after = s[q + ct.word.length];
        if (after !== ' ' && after !== '\t') return;
        len += 1;
      }
      if (this.offer(len, 30 + i, () => this.check(ct.type, ct.program, p, p + len))) best = true;
    });
    // `check[ \t]+` alone: a process check named by the next word (§5.1).
    if (this.offer(q - p, 30, () => this.check(T.CHECKPROC, false, p, q))) best = true;
    return best;
  }

  private check(type: TokenType, program: boolean, start: number, end: number): void {
    this.emit(type, start, end);
    this.cur.mode = Mode.Service;
    this.checkState = program ? CheckState.Program : CheckState.Other;
  }

  /** Offers `from:`, `reply-to:`, `subject:` and `message:`; true when one is now the best. */
  private offerMailFormat(lw: string, p: number, e: number): boolean {
    const s = this.text;
    if (lw === 'from' || lw === 'reply-to') {
      let q = e + 1;
      while (q < s.length && (s[q] === ' ' || s[q] === '\t')) q++;
      const type = lw === 'from' ? T.MAILFROM : T.MAILREPLYTO;
      return this.offer(q - p, 63, () => {
        this.emit(type, p, e + 1);
        this.address = { value: {}, start: q };
        this.cur.mode = Mode.Address;
      });
    } else if (lw === 'subject') {
      let q = e + 1;
      while (q < s.length && s[q] !== '}' && s[q] !== '\n') q++;
      return this.offer(q - p, 64, () => this.emit(T.MAILSUBJECT, p, q, s.slice(e + 1, q).trim()));
    } else if (lw === 'message') {
      let q = s.indexOf('}', e + 1);
      if (q === -1) q = s.length;
      return this.offer(q - p, 65, () => this.emit(T.MAILBODY, p, q, s.slice(e + 1, q).trim()));
    }
    return false;
  }

  private patternEffect(effect: Effect, start: number, end: number): void {
    switch (effect.kind) {
      case 'skip':
        return;
      case 'token':
        return this.emit(effect.type, start, end);
      case 'argument':
        // The opening quote is part of the match; the command's words follow in argument mode.
        this.emit(effect.type, start, end - 1);
        this.cur.mode = Mode.Argument;
        return;
      case 'pathtok':
        this.emit(T.PATHTOK, start, end - 1);
        if (this.checkState === CheckState.Program) this.cur.mode = Mode.Argument;
        else this.cur.pos = end - 1; // unput('"'): the quoted path is lexed normally
        return;
      case 'every':
        this.emit(effect.type, start, end);
        this.cur.mode = Mode.Every;
        return;
      case 'depends':
        this.emit(T.DEPENDS, start, end);
        this.cur.mode = Mode.Depend;
        return;
      case 'group':
        this.emit(T.GROUP, start, end);
        this.cur.mode = Mode.StringName;
        return;
      case 'headers':
        this.emit(T.LBRACKET, start, end);
        this.cur.mode = Mode.HttpHeader;
        return;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Service names (§1.11.1) and depends lists (§1.11.2).

  /** A quoted name: `"…"`/`'…'` without control characters, `"` or newline, greedy for `'`. */
  private quotedName(p: number): number {
    const s = this.text;
    const q = s[p];
    let e = p + 1;
    let lastClose = -1;
    while (e < s.length) {
      const c = s.charCodeAt(e);
      if (c <= 0x1f || c === 0x22) break;
      if (q === "'" && c === 0x27 && e > p + 1) lastClose = e;
      e++;
    }
    if (q === '"') return s[e] === '"' && e > p + 1 ? e + 1 : -1;
    return lastClose === -1 ? -1 : lastClose + 1;
  }

  private name(p: number, type: TokenType): boolean {
    const s = this.text;
    const c = s.charCodeAt(p);
    if (c === 0x22 || c === 0x27) {
      const end = this.quotedName(p);
      if (end === -1) {
        this.diag('error', 'unbalanced quotes', p, 1);
        this.cur.pos = p + 1;
        return false;
      }
      this.emit(type, p, end, unquote(s.slice(p, end)), true);
      this.cur.pos = end;
      return true;
    }
    if (isStrChar(c)) {
      const e = this.strEnd(p);
      this.emit(type, p, e, s.slice(p, e));
      this.cur.pos = e;
      return true;
    }
    this.single(p);
    return false;
  }

  private stepService(): void {
    const s = this.text;
    const p = this.cur.pos;
    const c = s.charCodeAt(p);
    if (isWs(c) || c === 0x0a) {
      this.cur.pos = p + 1;
      return;
    }
    if (this.name(p, T.SERVICENAME)) this.cur.mode = Mode.Initial;
  }

  private stepDepend(): void {
    const s = this.text;
    const p = this.cur.pos;
    const c = s.charCodeAt(p);
    if (isWws(c) || c === 0x0a) {
      // Competing rules: separators; separators around a newline; blanks followed by a non-comma,
      // which ends the list (the non-comma is put back).
      let sep = p;
      while (sep < s.length && isWws(s.charCodeAt(sep))) sep++;
      let nl = p;
      while (nl < s.length && isWws(s.charCodeAt(nl))) nl++;
      let nlLen = 0;
      if (s.charCodeAt(nl) === 0x0a) {
        nl++;
        while (nl < s.length && isWws(s.charCodeAt(nl))) nl++;
        nlLen = nl - p;
      }
      // `[ \r\n\t]+[^,]`: flex backtracks, so a blank run before a comma can still end the list
      // with its own last blank as the non-comma.
      let endLen = 0;
      let resume = p;
      let b = p;
      while (b < s.length && (isWs(s.charCodeAt(b)) || s.charCodeAt(b) === 0x0a)) b++;
      if (b > p && b < s.length && s[b] !== ',') {
        endLen = b + 1 - p;
        resume = b;
      } else if (b - p >= 2) {
        endLen = b - p;
        resume = b - 1;
      }
      const sepLen = sep - p;
      if (endLen > sepLen && endLen > nlLen) {
        this.cur.pos = resume;
        this.cur.mode = Mode.Initial;
      } else {
        this.cur.pos = p + Math.max(sepLen, nlLen);
      }
      return;
    }
    this.name(p, T.SERVICENAME);
  }

  // -------------------------------------------------------------------------------------------
  // Command strings (§1.11.3).

  private stepArgument(): void {
    const s = this.text;
    const p = this.cur.pos;
    const c = s.charCodeAt(p);
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) {
      this.cur.pos = p + 1;
      return;
    }
    if (c === 0x22) {
      this.cur.mode = Mode.Initial;
      this.cur.pos = p + 1;
      return;
    }
    // A plain argument runs to a blank or `"`; a single-quoted one to the next `'`. Longest wins.
    let e = p;
    while (e < s.length) {
      const d = s.charCodeAt(e);
      if (d === 0x20 || d === 0x09 || d === 0x0a || d === 0x22) break;
      e++;
    }
    if (c === 0x27) {
      const close = s.indexOf("'", p + 1);
      if (close !== -1 && close + 1 >= e) {
        this.emit(T.STRING, p, close + 1, unquote(s.slice(p, close + 1)), true);
        this.cur.pos = close + 1;
        return;
      }
      if (close === -1 && e === p + 1) {
        this.diag('error', 'unbalanced quotes', p, 1);
        this.cur.pos = p + 1;
        return;
      }
    }
    this.emit(T.STRING, p, e, s.slice(p, e));
    this.cur.pos = e;
  }

  // -------------------------------------------------------------------------------------------
  // URLs (§1.11.4).

  private startUrl(p: number, schemeEnd: number): void {
    const protocol = this.text.slice(p, schemeEnd);
    const lp = protocol.toLowerCase();
    const port = lp === 'https' ? 443 : lp === 'http' ? 80 : 0;
    if (port === 0) this.diag('error', 'URL protocol not supported -- ', p, schemeEnd + 3 - p);
    this.url = { value: { protocol, port, path: '' }, start: p };
    this.cur.mode = Mode.Url;
  }

  private stepUrl(): void {
    const s = this.text;
    const p = this.cur.pos;
    const c = s.charCodeAt(p);
    const url = this.url;
    if (!url) {
      this.cur.mode = Mode.Initial;
      return;
    }
    if (isWs(c) || c === 0x0a) {
      if (!url.value.hostname) this.diag('error', 'missing hostname in URL', p, 1);
      if (!url.value.path) url.value.path = '/';
      this.emit(T.URLOBJECT, url.start, p, url.value);
      this.url = undefined;
      this.cur.mode = Mode.Initial;
      this.cur.pos = p + 1;
      return;
    }
    const rest = s.slice(p, Math.min(s.length, p + 4096));
    const candidates: Array<[number, () => void]> = [];
    // user, when followed by ":password@"
    const user = /^([^:@ ]+)(:[^@: ]+@)/.exec(rest);
    if (user?.[1] !== undefined && user[2] !== undefined) {
      const u = user[1];
      candidates.push([u.length + user[2].length, () => { url.value.user = u; this.cur.pos = p + u.length; }]);
    }
    const pw = /^:([^@ ]+)@/.exec(rest);
    if (pw?.[1] !== undefined) {
      const w = pw[1];
      candidates.push([w.length + 2, () => { url.value.password = w; this.cur.pos = p + w.length + 2; }]);
    }
    const host = /^[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*/.exec(rest);
    if (host) candidates.push([host[0].length, () => { url.value.hostname = host[0]; this.cur.pos = p + host[0].length; }]);
    const v6 = /^\[([0-9a-zA-Z.:%]+)\]/.exec(rest);
    if (v6?.[1] !== undefined) {
      const h = v6[1];
      candidates.push([v6[0].length, () => { url.value.hostname = h; url.value.ipv6 = true; this.cur.pos = p + v6[0].length; }]);
    }
    const port = /^:([0-9]+)/.exec(rest);
    if (port?.[1] !== undefined) {
      const n = port[1];
      candidates.push([port[0].length, () => { url.value.port = atoi(n); this.cur.pos = p + port[0].length; }]);
    }
    const path = /^\/[^?#\r\n ]*/.exec(rest);
    if (path) candidates.push([path[0].length, () => { url.value.path = path[0]; this.cur.pos = p + path[0].length; }]);
    const query = /^\?([^#\r\n ]*)/.exec(rest);
    if (query?.[1] !== undefined) {
      const q = query[1];
      candidates.push([query[0].length, () => { url.value.query = q; this.cur.pos = p + query[0].length; }]);
    }
    const frag = /^#[^\r\n ]*/.exec(rest);
    if (frag) candidates.push([frag[0].length, () => { this.cur.pos = p + frag[0].length; }]);
    let best: [number, () => void] | undefined;
    for (const cand of candidates) if (!best || cand[0] > best[0]) best = cand;
    if (best) best[1]();
    else this.single(p);
  }

  // -------------------------------------------------------------------------------------------
  // Mail addresses after from:/reply-to: (§1.11.5).

  private stepAddress(): void {
    const s = this.text;
    const p = this.cur.pos;
    const c = s.charCodeAt(p);
    const addr = this.address;
    if (!addr) {
      this.cur.mode = Mode.Initial;
      return;
    }
    if (c === 0x7d /* } */ || c === 0x0a) {
      if (!addr.value.address) this.diag('error', 'missing address', p, 1);
      this.emit(T.ADDRESSOBJECT, addr.start, p, addr.value);
      this.address = undefined;
      this.cur.mode = Mode.Initial;
      this.cur.pos = c === 0x0a ? p + 1 : p; // `}` is put back
      return;
    }
    const isAddr = (d: number): boolean => d > 0x21 && d !== 0x3c && d !== 0x3e && d !== 0x7b && d !== 0x7d && d !== 0x5b && d !== 0x5d;
    const isName = (d: number): boolean => d > 0x1f && d !== 0x40 && d !== 0x3c && d !== 0x3e && d !== 0x7b && d !== 0x7d && d !== 0x5b && d !== 0x5d;
    let ea = p;
    while (ea < s.length && isAddr(s.charCodeAt(ea))) ea++;
    let en = p;
    while (en < s.length && isName(s.charCodeAt(en))) en++;
    if (ea > p && ea - p >= en - p) {
      addr.value.address = s.slice(p, ea);
      this.cur.pos = ea;
      return;
    }
    if (en > p) {
      const name = stripQuotes(s.slice(p, en));
      if (name) addr.value.name = name;
      this.cur.pos = en;
      return;
    }
    if (c === 0x3c || c === 0x3e || c === 0x3a || c === 0x5b || c === 0x5d) {
      this.cur.pos = p + 1;
      return;
    }
    // Anything else (a TAB or CR, for instance) is a format error; the address is dropped.
    this.diag('error', 'invalid mail format', p, 1);
    this.address = undefined;
    this.cur.mode = Mode.Initial;
    this.cur.pos = p + 1;
  }

  // -------------------------------------------------------------------------------------------
  // Group names (§1.11.6), `every` (§1.11.7), http headers (§1.11.8), include names (§2).

  private stepStringName(): void {
    const s = this.text;
    const p = this.cur.pos;
    const c = s.charCodeAt(p);
    if (c === 0x0a) {
      // No rule of this mode matches a newline; flex's default rule echoes and skips it.
      this.cur.pos = p + 1;
      return;
    }
    if (c === 0x22 || c === 0x27) {
      const e = this.strEnd(p + 1);
      if (e > p + 1 && s.charCodeAt(e) === c) {
        this.emit(T.STRINGNAME, p, e + 1, unquote(s.slice(p, e + 1)), true);
        this.cur.mode = Mode.Initial;
        this.cur.pos = e + 1;
        return;
      }
      this.diag('error', 'unbalanced quotes', p, 1);
      this.cur.pos = p + 1;
      return;
    }
    if (isStrChar(c)) {
      const e = this.strEnd(p);
      this.emit(T.STRINGNAME, p, e, s.slice(p, e));
      this.cur.mode = Mode.Initial;
      this.cur.pos = e;
      return;
    }
    this.single(p);
  }

  private stepEvery(): void {
    const s = this.text;
    const p = this.cur.pos;
    const c = s.charCodeAt(p);
    if (isWs(c) || c === 0x0a) {
      this.cur.pos = p + 1;
      return;
    }
    if (c >= 0x30 && c <= 0x39) {
      let e = p;
      while (e < s.length && s.charCodeAt(e) >= 0x30 && s.charCodeAt(e) <= 0x39) e++;
      this.emit(T.NUMBER, p, e, atoi(s.slice(p, e)));
      this.cur.mode = Mode.Initial;
      this.cur.pos = e;
      return;
    }
    CRON_RE.lastIndex = p;
    const m = CRON_RE.exec(s);
    if (m) {
      this.emit(T.TIMESPEC, p, p + m[0].length, unquote(m[0]));
      this.cur.mode = Mode.Initial;
      this.cur.pos = p + m[0].length;
      return;
    }
    this.diag('error', 'invalid every format', p, 1);
    this.cur.mode = Mode.Initial;
    this.cur.pos = p + 1;
  }

  private stepHttpHeader(): void {
    const s = this.text;
    const p = this.cur.pos;
    const c = s.charCodeAt(p);
    // name: a run without TAB/CR/LF/,/[/]/: that is followed by ':'
    let n = p;
    while (n < s.length && !'\t\r\n,[]:'.includes(s[n] ?? '')) n++;
    const nameLen = n > p && s[n] === ':' ? n - p + 1 : 0;
    let w = p;
    while (w < s.length && isWws(s.charCodeAt(w))) w++;
    const wsLen = w - p;
    if (c === 0x3a) {
      // `: value`, quoted or plain; flex takes the longest of the three forms.
      let len = 0;
      for (const re of HEADER_VALUE_FORMS) {
        re.lastIndex = p;
        const m = re.exec(s);
        if (m && m[0].length > len) len = m[0].length;
      }
      if (len > 0) {
        const value = stripQuotes(s.slice(p + 1, p + len));
        this.emit(T.HTTPHEADER, p, p + len, `${this.headerName.trim()}:${value}`);
        this.cur.pos = p + len;
        return;
      }
    }
    if (nameLen > wsLen && nameLen > 0) {
      this.headerName = s.slice(p, n);
      this.cur.pos = n;
      return;
    }
    if (wsLen > 0) {
      this.cur.pos = w;
      return;
    }
    if (c === 0x5b || c === 0x0a) {
      this.cur.pos = p + 1;
      return;
    }
    if (c === 0x5d) {
      this.emit(T.RBRACKET, p, p + 1);
      this.cur.mode = Mode.Initial;
      this.cur.pos = p + 1;
      return;
    }
    this.diag('error', 'invalid HTTP header list format', p, 1);
    this.cur.mode = Mode.Initial;
    this.cur.pos = p + 1;
  }

  private stepInclude(): void {
    const s = this.text;
    const p = this.cur.pos;
    const c = s.charCodeAt(p);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      this.cur.pos = p + 1;
      return;
    }
    let end = -1;
    let pattern = '';
    if (c === 0x22 || c === 0x27) {
      const q = String.fromCharCode(c);
      let e = p + 1;
      while (e < s.length && s[e] !== q && s[e] !== '\r' && s[e] !== '\n') e++;
      if (s[e] === q && e > p + 1) {
        end = e + 1;
        pattern = s.slice(p + 1, e).trim();
      }
    }
    if (end === -1) {
      let e = p;
      while (e < s.length && !' \t\r\n'.includes(s[e] ?? ' ')) e++;
      end = e;
      pattern = s.slice(p, e);
    }
    this.cur.mode = Mode.Initial;
    this.cur.pos = end;
    this.trivia.includes.push({ fileIndex: this.cur.file.index, keyword: this.includeKeyword, patternStart: p, patternEnd: end, pattern });
    this.include(pattern, p, end - p);
  }

  /** Monit's include_file(): glob, skip, push every match so that the last is read first. */
  private include(pattern: string, at: number, length: number): void {
    if (!this.resolver) {
      this.diag('warning', `Include failed -- ${pattern} (includes are not followed here)`, at, length);
      return;
    }
    const { paths, missing } = this.resolver.expand(pattern);
    if (missing) this.diag('warning', `Include failed -- ${missing}`, at, length);
    const includedFrom = { fileIndex: this.cur.file.index, offset: at };
    for (const path of paths) {
      // Loop check against the control file and the files below on the stack (one level late, §2).
      if (path === this.controlPath || this.stack.some((b) => b.file.path === path)) {
        this.diag('warning', `Include loop detected when trying to include ${path}`, at, length);
        continue;
      }
      const r = this.resolver.read(path);
      if ('error' in r) {
        this.diag('error', `Cannot include file '${path}' -- ${r.error}`, at, length);
        continue;
      }
      if (this.stack.length >= MAX_INCLUDE_DEPTH) {
        this.diagnostics.push({ severity: 'error', message: 'include files limit reached', fileIndex: this.cur.file.index, offset: at, length, fatal: true });
        this.fatal = true;
        return;
      }
      this.stack.push(this.cur);
      this.cur = { file: this.addFile(path, r.text, includedFrom), pos: 0, mode: Mode.Initial };
    }
  }
}

/** `Str_unquote` without escape processing: strip blanks and quotes around a name or header value. */
function stripQuotes(s: string): string {
  return s.replace(/^[\s"']+|[\s"']+$/g, '');
}
