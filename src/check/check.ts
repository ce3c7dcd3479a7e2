/**
 * `monit -t` parity (spec §11): everything Monit 5.33 rejects or warns about beyond syntax, and the
 * verdict it would give.
 *
 * Monit stops at the first syntax error, reports semantic errors found while parsing up to that
 * point, and runs its post-parse checks only when no error was found. The checker reproduces that
 * ordering, so the first error it reports is the one Monit reports.
 */
import type { IRecognitionException } from 'chevrotain';
import type { LexDiagnostic, MToken, SourceFile, TokenStream } from '../../grammar/lexer.js';
import type { AllowEntry, Command, Config, Located, Service, Span, Test } from '../config/model.js';
import { monitProtocolName } from '../config/protocol-names.js';
import type { Diagnostic } from '../diagnostic.js';
import type { HostContext } from './host.js';
import { hostChecks, htpasswdUsers } from './host.js';
import { ereError } from './regex.js';
import { offsetSpan } from '../config/span.js';

export interface CheckInput {
  config: Config;
  files: SourceFile[];
  tokens: TokenStream;
  lexDiagnostics: LexDiagnostic[];
  parseErrors: IRecognitionException[];
}

export interface CheckResult {
  /** Whether `monit -t` would accept the file. */
  accepted: boolean;
  /** False when a syntax error stopped the parse: the model is partial. */
  fullyParsed: boolean;
  diagnostics: Diagnostic[];
}

/** A finding with its place in Monit's reading order. */
interface Ordered extends Diagnostic {
  order: number;
}

export const CODES = {
  syntax: 'ML101',
  lexical: 'ML102',
  include: 'ML103',
  semantic: 'ML201',
  dependency: 'ML202',
  host: 'ML203',
  warning: 'ML204',
} as const;

export function check(input: CheckInput, host?: HostContext): CheckResult {
  const order = orderIndex(input.tokens);
  const out: Ordered[] = [];

  // Lexical problems (unbalanced quotes, URL and mail-format errors, includes).
  for (const d of input.lexDiagnostics) {
    const file = input.files[d.fileIndex];
    if (!file) continue;
    const span = offsetSpan(file, d.offset, d.offset + Math.max(1, d.length));
    const code = d.message.startsWith('Include') || d.message.startsWith('Cannot include') ? CODES.include : CODES.lexical;
    out.push({ code, severity: d.severity, message: d.message, span, order: order(file.index, d.offset) });
  }

  // The first syntax error ends Monit's parse.
  let syntaxOrder = Infinity;
  const first = input.parseErrors[0];
  if (first) {
    const t = first.token as MToken;
    const real = Number.isFinite(t.startOffset) && t.fileIndex !== undefined;
    const n = input.tokens.length;
    const last = n > 0 ? input.tokens.at(n - 1) : undefined;
    const file = real ? input.files[t.fileIndex] : last ? input.files[last.fileIndex] : input.files[0];
    if (file) {
      const at = real ? t.startOffset : last ? (last.endOffset ?? last.startOffset) + 1 : 0;
      const span = offsetSpan(file, at, real ? (t.endOffset ?? t.startOffset) + 1 : at);
      syntaxOrder = real ? t.seq : n;
      const text = real ? t.image : '';
      out.push({ code: CODES.syntax, severity: 'error', message: `syntax error '${text}'`, span, order: syntaxOrder });
    }
  }

  const spanOrder = (span: Span): number => order(fileIndexOf(input.files, span.file), span.startOffset);
  const semantic = new SemanticChecks(input.config, spanOrder, host ? (entry) => htpasswdUsers(entry, host).length : undefined);
  semantic.parseTime();
  for (const d of semantic.found) if (d.order < syntaxOrder) out.push(d);

  if (host) for (const d of hostChecks(input.config, host, spanOrder)) if (d.order < syntaxOrder || d.order === Infinity) out.push(d);

  const hasError = (): boolean => out.some((d) => d.severity === 'error');
  if (!hasError() && syntaxOrder === Infinity) {
    semantic.found.length = 0;
    semantic.postParse(host?.hostname);
    out.push(...semantic.found);
  }

  out.sort((a, b) => a.order - b.order);
  const diagnostics = out.map(({ order: _o, ...d }) => d);
  return { accepted: !diagnostics.some((d) => d.severity === 'error'), fullyParsed: syntaxOrder === Infinity, diagnostics };
}

function fileIndexOf(files: SourceFile[], path: string): number {
  const f = files.find((x) => x.path === path);
  return f ? f.index : 0;
}


/** Maps (file, offset) to a position in Monit's reading order: the sequence number of the next token. */
function orderIndex(tokens: TokenStream): (fileIndex: number, offset: number) => number {
  // Each file's tokens as a list of stream positions; `null` when the whole stream is one file
  // (no includes): then position i is list element i, and no list is made.
  const perFile = new Map<number, number[] | null>();
  const n = tokens.length;
  let single = n > 0;
  for (let seq = 1; single && seq < n; seq++) if (tokens.fileIndexAt(seq) !== tokens.fileIndexAt(0)) single = false;
  if (single) {
    perFile.set(tokens.fileIndexAt(0), null);
  } else {
    for (let seq = 0; seq < n; seq++) {
      const fi = tokens.fileIndexAt(seq);
      let list = perFile.get(fi);
      if (!list) perFile.set(fi, (list = []));
      list.push(seq);
    }
  }
  return (fileIndex, offset) => {
    if (!perFile.has(fileIndex)) return fileIndex === 0 ? 0 : Infinity;
    const list = perFile.get(fileIndex) ?? null;
    const length = list ? list.length : n;
    const seqAt = (i: number): number => (list ? (list[i] as number) : i);
    let lo = 0;
    let hi = length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens.startAt(seqAt(mid)) < offset) lo = mid + 1;
      else hi = mid;
    }
    if (lo < length) return seqAt(lo) - 0.5;
    return seqAt(length - 1) + 0.5;
  };
}

/** Orders post-parse findings after every finding made while reading (and before the host's
 * after-parse checks, ordered Infinity). */
const AFTER_PARSE = Number.MAX_SAFE_INTEGER / 2;

/** The checks that depend only on the file (spec §11.2–§11.4). */
class SemanticChecks {
  readonly found: Ordered[] = [];

  constructor(
    private readonly config: Config,
    private readonly orderOf: (span: Span) => number,
    /** With host checks: how many usable users an htpasswd `allow` yields. */
    private readonly htpasswdUsers?: (entry: Extract<AllowEntry, { kind: 'htpasswd' }>) => number,
  ) {}

  /** Set once parsing is over: Monit prints post-parse findings after everything read, in the
   * order it checks them, not in file order. */
  private afterParse = false;

  private orderFor(span: Span): number {
    return this.afterParse ? AFTER_PARSE + this.found.length : this.orderOf(span);
  }

  private error(span: Span, message: string, code: string = CODES.semantic, orderSpan: Span = span): void {
    this.found.push({ code, severity: 'error', message, span, order: this.orderFor(orderSpan) });
  }

  private warning(span: Span, message: string, code: string = CODES.warning): void {
    this.found.push({ code, severity: 'warning', message, span, order: this.orderFor(span) });
  }

  parseTime(): void {
    const { settings } = this.config;
    if (settings.log?.facility) {
      const f = settings.log.facility;
      if (!/^log_(local[0-7]|daemon)$/i.test(f.value)) this.error(f.span, `Invalid syslog facility '${f.value}'`);
    }
    const httpd = settings.httpd;
    if (httpd) {
      const perm = httpd.unixSocketPermission;
      if (perm) this.permission(perm);
      const users = new Set<string>();
      for (const a of httpd.allow) {
        if (a.kind !== 'credentials') continue;
        if (a.password.value.length > 64) this.error(a.password.span, `Password for user ${a.user.value} is too long, maximum 64 allowed`);
        if (users.has(a.user.value)) this.warning(a.span, `Credentials for user ${a.user.value} were already added, entry ignored`);
        users.add(a.user.value);
      }
      if (httpd.addresses.length > 1) for (const a of httpd.addresses.slice(1)) this.warning(a.span, "The 'address' option can be specified only once, the last value will be used");
      if (httpd.ssl) {
        const o = httpd.sslOptions;
        const at = httpd.spans[httpd.spans.length - 1] ?? this.fileStart();
        if (!o.pemfile && !(o.pemchain && o.pemkey)) this.error(at, 'SSL server PEM file is required (please use ssl pemfile option)', CODES.semantic, endOf(at));
        else if (o.pemfile && (o.pemchain || o.pemkey)) this.error(at, 'SSL server option pemfile and pemchain|pemkey are mutually exclusive', CODES.semantic, endOf(at));
      }
    }

    const names = new Map<string, Service>();
    const services = this.config.services;
    services.forEach((svc, i) => {
      const key = svc.name.value.toLowerCase();
      if (svc.name.value.startsWith('/')) this.error(svc.name.span, `Service name '${svc.name.value}' must not start with '/'`);
      if (names.has(key)) this.error(svc.name.span, `Service name conflict, ${svc.name.value} already defined`);
      else names.set(key, svc);
      this.service(svc);
      // Completeness of an entry is checked when the next entry starts (or after parsing).
      const next = services[i + 1];
      const at = next ? next.keywordSpan : undefined;
      if (svc.complete && at) this.completeness(svc, at);
    });
  }

  postParse(hostname?: string): void {
    const services = this.config.services;
    const last = services[services.length - 1];
    if (last?.complete) this.completeness(last, endOf(last.span));
    if (this.found.some((d) => d.severity === 'error')) return;
    this.afterParse = true;
    this.mmonit();

    // Lower-case name -> position in `services` (the last one wins, as Monit's list lookup
    // would find; names are unique here anyway, a conflict being an error).
    const byName = new Map<string, number>();
    for (let i = 0; i < services.length; i++) byName.set((services[i] as Service).name.value.toLowerCase(), i);
    for (const s of services) {
      for (const d of s.dependsOn) {
        if (!byName.has(d.value.toLowerCase())) {
          this.error(d.span, `Depending service '${d.value}' is not defined in the control file`, CODES.dependency);
          return;
        }
      }
    }
    const loop = dependencyLoop(services, byName);
    if (loop) {
      this.error(loop.name.span, `Found a depend loop in the control file involving the service '${loop.name.value}'`, CODES.dependency);
      return;
    }
    const s = this.config.settings;
    if ((s.init && !s.daemon) || (s.daemon && s.daemon.interval.value <= 0)) {
      this.error(s.daemon?.interval.span ?? s.init ?? this.fileStart(), 'Poll time is invalid or not defined. Please define poll time in the control file as a number (> 0)  or use the -d option when starting monit');
    }
    if (hostname && !services.some((x) => x.kind === 'system') && byName.has(hostname.toLowerCase())) {
      const clash = services[byName.get(hostname.toLowerCase()) ?? -1];
      this.error(
        clash?.name.span ?? this.fileStart(),
        `'check system' not defined in control file, failed to add automatic configuration (service name ${hostname} is used already) -- please add 'check system <name>' manually`,
      );
    }
  }

  /**
   * §4.16: M/Monit needs Monit's TCP httpd to manage services, and, unless a target says
   * `register without credentials`, a read-write `allow user:password` to register with. Real
   * monit 5.33 prints these before the dependency checks, as warnings without a position.
   */
  private mmonit(): void {
    const { mmonit, httpd } = this.config.settings;
    const first = mmonit[0];
    if (!first) return;
    const warn = (message: string): void => {
      this.warning(first.span, message);
    };
    if (!httpd?.port && !httpd?.unixSocket) {
      warn("M/Monit enabled but no httpd allowed -- please add 'set httpd' statement");
    } else if (!httpd.port) {
      warn("M/Monit enabled but Monit httpd is using unix socket -- please change 'set httpd' statement to use TCP port in order to be able to manage services on Monit");
    } else if (mmonit.every((t) => t.registerCredentials) && !this.hasCredentials(httpd)) {
      warn(
        "M/Monit registration with credentials enabled, but no suitable credentials found in monit configuration file -- please add 'allow user:password' option to 'set httpd' statement",
      );
    }
  }

  /** A read-write cleartext user Monit could hand to M/Monit: an `allow user:password`, or a user
   * of a cleartext htpasswd file (its content is known only with host checks). */
  private hasCredentials(httpd: NonNullable<Config['settings']['httpd']>): boolean {
    return httpd.allow.some((a) => {
      if (a.kind === 'credentials') return !a.readonly;
      if (a.kind === 'htpasswd' && a.digest === 'cleartext') return this.htpasswdUsers?.(a) !== 0;
      return false;
    });
  }

  private fileStart(): Span {
    return { file: this.config.file, line: 1, column: 1, endLine: 1, endColumn: 1, startOffset: 0, endOffset: 0 };
  }

  private completeness(svc: Service, at: Span): void {
    if (svc.kind === 'host' && !svc.tests.some((t) => t.kind === 'port' || t.kind === 'url' || t.kind === 'icmp')) {
      this.error(svc.keywordSpan, `'check host' statement is incomplete: Please specify a port number to test or an icmp test at the remote host: '${svc.name.value}'`, CODES.semantic, at);
    }
    if (svc.kind === 'program' && !svc.tests.some((t) => t.kind === 'status' || t.kind === 'programcontent')) {
      this.error(svc.keywordSpan, `'check program ${svc.name.value}' is incomplete: Please add a 'status' or 'content' test`, CODES.semantic, at);
    }
  }

  private service(svc: Service): void {
    if (svc.kind === 'process' && svc.matching) this.regex(svc.matching);
    if (svc.kind === 'program') this.command(svc.command);
    if (svc.start) this.command(svc.start);
    if (svc.stop) this.command(svc.stop);
    if (svc.restart) this.command(svc.restart);
    if (svc.everyStatements.length > 1) for (const e of svc.everyStatements.slice(1)) this.warning(e.span, "The 'every' statement can be specified only once, the last value will be used");
    for (const f of svc.contentFilters) if (!f.fromFile) this.regex(f.pattern);
    let linkUp = false;
    let linkDown = false;
    for (const t of svc.tests) {
      this.test(t);
      if (t.kind === 'link') {
        if (t.form === 'up') linkUp = true;
        else if (t.form === 'down' || t.form === 'failed') linkDown = true;
        // Monit reports this at the interface named in the header (spec §8.16).
        const at = svc.kind === 'network' ? (svc.interface ?? svc.address)?.span : undefined;
        if (linkUp && linkDown) this.error(at ?? t.keywordSpan, 'Mixing link up and down tests is not supported', CODES.semantic, t.keywordSpan);
      }
    }
    for (const r of svc.restartLimits) {
      if (r.restarts.value <= 0 || r.cycles.value <= 0) this.error(r.cycles.span, 'Zero or negative values not allowed in a action rate statement');
      else if (r.restarts.value > r.cycles.value) this.error(r.cycles.span, 'The number of restarts must be less than poll cycles');
      if (r.action.command) this.command(r.action.command);
    }
  }

  private command(c: Command): void {
    if (c.argv.length >= 64) {
      const a = c.argv[63] ?? c.argv[c.argv.length - 1];
      if (a) this.error(a.span, 'Exceeded maximum number of program arguments');
    }
  }

  private regex(p: Located<string>): void {
    const err = ereError(p.value);
    if (err) this.error(p.span, `Regex parsing error: ${err}`);
  }

  /** §8.12, §4.15: the digits as written must be octal and at most 7777. */
  private permission(p: Located<number>): void {
    if (!/^[0-7]+$/.test(this.textOf(p.span)) || p.value > 0o7777) this.error(p.span, 'Permission statements must have an octal value between 0 and 7777');
  }

  private test(t: Test): void {
    const { actions } = t;
    this.rate(actions.failRate);
    this.rate(actions.recoveryRate);
    if (actions.failAction.command) this.command(actions.failAction.command);
    if (actions.recoveryAction?.command) this.command(actions.recoveryAction.command);
    switch (t.kind) {
      case 'permission':
        if (t.mode) this.permission(t.mode);
        break;
      case 'content':
        if (!t.fromFile) this.regex(t.pattern);
        break;
      case 'programcontent':
        this.regex(t.pattern);
        break;
      case 'checksum':
        if (t.expect) this.checksumExpect(t.expect, t.hashType);
        break;
      case 'bandwidth':
        if (t.range) {
          const { count, unit } = t.range;
          if (unit === 'minute' && count > 60) this.error(t.range.span, 'Maximum value for [minute(s)] unit is 60');
          else if (unit === 'hour' && count > 24) this.error(t.range.span, 'Maximum range for total test is 24 hours');
          else if (unit === 'day' && count > 1) this.error(t.range.span, 'Maximum range for total test is 24 hours');
        }
        break;
      case 'port':
      case 'url':
      case 'unixsocket':
      case 'icmp':
        this.connection(t);
        break;
      default:
        break;
    }
  }

  private rate(r: Test['actions']['failRate']): void {
    if (!r.span) return;
    if (r.cycles < 1 || r.cycles > 64) this.error(r.span, 'The number of cycles must be between 1 and 64');
    else if (r.count < 1 || r.count > r.cycles) this.error(r.span, 'The number of events must be between 1 and less then poll cycles');
  }

  private textOf(span: Span): string {
    const f = this.config.files.find((x) => x.path === span.file);
    return f ? f.text.slice(span.startOffset, span.endOffset) : '';
  }

  private checksumExpect(e: Located<string>, hashType?: 'md5' | 'sha1'): void {
    const hex = e.value.replace(/[^0-9a-fA-F]/g, '');
    const type = hashType ?? (hex.length === 32 ? 'md5' : hex.length === 40 ? 'sha1' : undefined);
    if (!type) this.error(e.span, `Unknown checksum type [${e.value}]`);
    else if ((type === 'md5' && hex.length !== 32) || (type === 'sha1' && hex.length !== 40)) this.error(e.span, `Invalid checksum [${hex.toLowerCase()}]`);
  }

  private connection(t: Extract<Test, { kind: 'port' | 'url' | 'unixsocket' | 'icmp' }>): void {
    const c = t.connection;
    if (c.size && (c.size.value < 8 || c.size.value > 1492)) {
      this.error(c.size.span, c.size.value < 8 ? 'The minimum ping size is 8 bytes' : 'The maximum ping size is 1492 bytes');
    }
    for (const e of c.expect) this.regex(e);
    if (c.content) this.regex(c.content.pattern);
    if (c.address && !isNumericIp(c.address.value)) this.error(c.address.span, `IP address parsing failed for ${c.address.value} -- Name or service not known`);
    if (c.certificateChecksum) {
      const hex = c.certificateChecksum.hash.value.replace(/[^0-9a-fA-F]/g, '');
      const want = c.certificateChecksum.hashType;
      const ok = want === 'md5' ? hex.length === 32 : want === 'sha1' ? hex.length === 40 : hex.length === 32 || hex.length === 40;
      if (!ok) this.error(c.certificateChecksum.hash.span, `Unknown checksum type: [${hex}] is not ${want === 'md5' ? 'MD5' : want === 'sha1' ? 'SHA1' : 'MD5 nor SHA1'}`);
    }
    const proto = c.protocol?.value;
    for (const o of c.protocolOptions) {
      if (o.name === 'checksum' && typeof o.value === 'string') {
        const n = o.value.replace(/[^0-9a-fA-F]/g, '').length;
        if (n !== 32 && n !== 40) this.error(o.span, `invalid checksum [${o.value}]`);
      }
      if (o.name === 'hash' && (proto === 'mysql' || proto === 'mysqls')) {
        if (!c.protocolOptions.some((x) => x.name === 'username')) this.error(o.span, 'the rsakey checksum test requires credentials to be defined');
        else if (proto === 'mysqls') this.error(o.span, 'the rsakey checksum test can be used just with unsecured mysql protocol');
      }
      if (o.name === 'maxforward' && typeof o.value === 'number' && (o.value < 0 || o.value > 255)) {
        this.warning(o.span, 'SIP max forward is outside the range [0..255]. Setting max forward to 70');
      }
    }
    const method = c.protocolOptions.find((o) => o.name === 'head' || (o.name === 'method' && String(o.value).toLowerCase() === 'head'));
    if (method && (c.content || c.protocolOptions.some((o) => o.name === 'checksum'))) {
      this.error(method.span, 'if response content or checksum test is enabled, the HEAD method is not allowed');
    }
    if (proto === 'radius' && c.type !== 'udp' && c.protocol) this.error(c.protocol.span, 'Radius protocol test supports UDP only', CODES.semantic, endOf(t.span));
    // §9.3: `send`/`expect` turn a default test into the generic one; after `protocol X` they are refused.
    const p = c.protocol;
    if (p && p.value !== 'default' && t.kind !== 'url') {
      for (const [list, word] of [[c.send, 'SEND'], [c.expect, 'EXPECT']] as const) {
        for (const x of list) {
          if (x.span.file === p.span.file && x.span.startOffset > p.span.startOffset) this.error(x.span, `The ${word} statement is not allowed in the ${monitProtocolName(p.value)} protocol context`);
        }
      }
    }
  }
}

function endOf(span: Span): Span {
  return { ...span, line: span.endLine, column: span.endColumn, startOffset: span.endOffset };
}

function isNumericIp(s: string): boolean {
  return /^(\d{1,3})(\.\d{1,3}){3}$/.test(s) || (s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s));
}

/** The first service on a `depends on` cycle (a self-dependency counts), in Monit's order. */
function dependencyLoop(services: Service[], byName: ReadonlyMap<string, number>): Service | undefined {
  // Depth-first over positions: 0 unvisited, 1 on the current path, 2 done (no loop below).
  const state = new Uint8Array(services.length);
  let found: Service | undefined;
  const visit = (i: number): boolean => {
    const s = services[i] as Service;
    const st = state[i];
    if (st === 2) return false;
    if (st === 1) {
      found = s;
      return true;
    }
    state[i] = 1;
    for (const d of s.dependsOn) {
      const t = byName.get(d.value.toLowerCase());
      if (t !== undefined && visit(t)) return true;
    }
    state[i] = 2;
    return false;
  };
  for (let i = 0; i < services.length; i++) if (visit(i)) return found;
  return undefined;
}
