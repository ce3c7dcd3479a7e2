/**
 * Builds the typed model from a (possibly partial) CST.
 *
 * The builder never throws on a partial tree: a statement that a syntax error cut short yields
 * what could be read of it, and its service is marked incomplete. It does not judge values (that
 * is `src/check`), but it applies Monit's own defaults and "last one wins" rules so that the model
 * says what Monit would run.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import { isRealToken, type AddressValue, type MToken, type SourceFile, type UrlValue } from '../../grammar/lexer.js';
import type { TokenExtent } from '../../grammar/parser.js';
import { offsetSpan } from './span.js';
import {
  DEFAULT_LIMITS,
  type Action,
  type ActionKind,
  type AlertRecipient,
  type AllowEntry,
  type Command,
  type Config,
  type ConnectionOptions,
  type Every,
  type Httpd,
  type Limits,
  type Located,
  type MailFormat,
  type Operator,
  type Rate,
  type ResourceCondition,
  type ResourceName,
  type RuleActions,
  type Service,
  type ServiceKind,
  type Settings,
  type Span,
  type SslOptions,
  type Test,
} from './model.js';

const SIZE_UNITS: Record<string, number> = { BYTE: 1, KILOBYTE: 1024, MEGABYTE: 1024 ** 2, GIGABYTE: 1024 ** 3 };
const TIME_UNITS: Record<string, number> = { SECOND: 1, MINUTE: 60, HOUR: 3600, DAY: 86400, MONTH: 86400 * 31 };
const OPERATORS: Record<string, Operator> = {
  GREATER: '>', GREATEROREQUAL: '>=', LESS: '<', LESSOREQUAL: '<=', EQUAL: '=', NOTEQUAL: '!=', CHANGED: 'changed',
};

function isNode(e: CstElement): e is CstNode {
  return (e as CstNode).children !== undefined;
}

/** The rate of a rule without `for N cycles` (§7.1): every such rule shares this one frozen object
 * (two per test, ~5% of the model's memory when each had its own); nothing changes a rate. */
const ONE_OF_ONE: Rate = Object.freeze({ count: 1, cycles: 1 });

/** Lower-cased keyword names and protocol names, one string each: the model keeps one per
 * action, resource and protocol (~100,000 at 20,000 services), and a fresh `toLowerCase()` copy
 * for each was ~2% of the model's memory. Only short names come here; the map stays small. */
const LOWER = new Map<string, string>();
function lower(name: string): string {
  let l = LOWER.get(name);
  if (l === undefined) {
    l = name.toLowerCase();
    if (LOWER.size < 4096) LOWER.set(name, l);
  }
  return l;
}

/** Builds a {@link Config} statement by statement (see `parseStatements`), keeping no CST. */
export class ConfigBuilder {
  private readonly builder: Builder;
  private readonly ix: NodeIndex;

  constructor(files: SourceFile[]) {
    this.ix = new NodeIndex([]);
    this.builder = new Builder(files, this.ix);
  }

  /** Adds the next top-level statement (`setStatement` or `checkStatement`), in stream order;
   * `piece` holds its tokens, the first at stream position `base` (see `parseStatements`), and
   * the statement's tokens are looked up there. */
  statement(st: CstNode, piece: readonly MToken[], base: number): void {
    this.ix.window(piece, base);
    this.builder.statement(st);
  }

  finish(): Config {
    return this.builder.finish();
  }
}

class Builder {
  private limits: Limits = { ...DEFAULT_LIMITS };
  private readonly settings: Settings = { limits: this.limits, mailservers: [], alerts: [], mmonit: [] };
  private readonly services: Service[] = [];
  /** The default timeouts of the next connection and ping tests (see `connection`). */
  private portTimeoutDefault = DEFAULT_LIMITS.networkTimeout;
  private icmpTimeoutDefault = DEFAULT_LIMITS.networkTimeout;
  /** The source address of ping tests, which Monit never resets (see `connection`). */
  private icmpOutgoing: Located<string> | undefined;

  constructor(
    private readonly files: SourceFile[],
    private readonly ix: NodeIndex,
  ) {}

  /** Adds one top-level statement. Global and service statements interleave, and `set limits`
   * applies to what follows it, so statements must come in stream order. */
  statement(st: CstNode): void {
    if (st.name === 'setStatement') this.setStatement(st);
    else this.checkStatement(st);
  }

  finish(): Config {
    this.settings.limits = this.limits;
    return {
      file: this.files[0]?.path ?? '',
      files: this.files.map((f) => {
        const lf: Config['files'][number] = { path: f.path, text: f.text };
        if (f.includedFrom) {
          const from = this.files[f.includedFrom.fileIndex];
          if (from) lf.includedFrom = { file: from.path, span: offsetSpan(from, f.includedFrom.offset, f.includedFrom.offset + 7) };
        }
        return lf;
      }),
      settings: this.settings,
      services: this.services,
    };
  }

  // -------------------------------------------------------------------------------------------
  // spans

  tokenSpan(t: IToken): Span {
    return isRealToken(t) ? this.spanBetween(t, t) : this.noSpan();
  }

  /** From the first to the last token of a node (within the first token's file). */
  nodeSpan(n: CstNode): Span {
    const { first, last, count } = this.ix.of(n);
    if (count === 0) return this.noSpan();
    if (last - first + 1 !== count) {
      // Error recovery skipped tokens inside the node: use the node's own tokens.
      const ts = this.ix.tokensOf(n);
      const h = ts[0] as MToken;
      let t = h;
      for (const x of ts) if (x.fileIndex === h.fileIndex) t = x;
      return this.spanBetween(h, t);
    }
    const head = this.ix.token(first);
    if (!head) return this.noSpan();
    let tail = head;
    for (let i = last; i > first; i--) {
      const t = this.ix.token(i);
      if (t && t.fileIndex === head.fileIndex && t.seq === i) {
        tail = t;
        break;
      }
    }
    return this.spanBetween(head, tail);
  }

  /** Per file, the 0-based line of the last span's start: spans are mostly asked for in source
   * order, so a forward scan from there usually finds the next line in a step or two. */
  private readonly lineCursor: number[] = [];

  /** The span from the start of `head` to the end of `tail` (same file). Lines and columns are
   * found from the offsets in the file's line-start table (tokens do not store them). */
  private spanBetween(head: MToken, tail: MToken): Span {
    const file = this.files[head.fileIndex];
    if (!file) return this.noSpan();
    const span = offsetSpan(file, head.startOffset, (tail.endOffset ?? tail.startOffset) + 1, this.lineCursor[file.index] ?? 0);
    this.lineCursor[file.index] = span.line - 1;
    return span;
  }

  private noSpan(): Span {
    return { file: this.files[0]?.path ?? '', line: 1, column: 1, endLine: 1, endColumn: 1, startOffset: 0, endOffset: 0 };
  }

  loc<T>(value: T, t: IToken): Located<T> {
    return { value, span: this.tokenSpan(t) };
  }

  str(t: IToken): Located<string> {
    const v = (t as MToken).value;
    return this.loc(typeof v === 'string' ? v : t.image, t);
  }

  /** Permission digits are read as octal (§8.12); invalid digits are left to the checker. */
  octal(t: IToken): Located<number> {
    return this.loc(parseInt(t.image, 8), t);
  }

  num(t: IToken): Located<number> {
    const v = (t as MToken).value;
    return this.loc(typeof v === 'number' ? v : Number(t.image), t);
  }

  // -------------------------------------------------------------------------------------------
  // global statements

  private setStatement(st: CstNode): void {
    const s = this.settings;
    const span = this.nodeSpan(st);
    const d = sub(st, 'setDaemon');
    if (d) {
      const iv = tok(d, 'interval');
      if (iv) {
        s.daemon = { interval: this.num(iv), span };
        const sd = tok(d, 'startDelay');
        if (sd) s.daemon.startDelay = this.num(sd);
      }
      return;
    }
    if (tok(st, 'INIT')) s.init = span;
    else if (sub(st, 'setTerminal')) s.terminalBatch = span;
    else if (tok(st, 'FIPS')) s.fips = span;
    const log = sub(st, 'setLog');
    if (log) {
      const path = tok(log, 'PATH');
      const sys = tok(log, 'SYSLOG');
      if (path) s.log = { target: this.str(path), syslog: false, span };
      else if (sys) {
        s.log = { target: this.loc('syslog', sys), syslog: true, span };
        const f = tok(log, 'facility');
        if (f) s.log.facility = this.str(f);
      }
    }
    const file = sub(st, 'setFile');
    if (file) {
      const p = tok(file, 'PATH');
      if (p) {
        if (tok(file, 'PIDFILE')) s.pidfile = this.str(p);
        else if (tok(file, 'IDFILE')) s.idfile = this.str(p);
        else s.statefile = this.str(p);
      }
    }
    const eq = sub(st, 'setEventqueue');
    if (eq) {
      s.eventqueue = { span };
      const b = tok(eq, 'PATH');
      if (b) s.eventqueue.basedir = this.str(b);
      const n = tok(eq, 'NUMBER');
      if (n) s.eventqueue.slots = this.num(n);
    }
    const lim = sub(st, 'setLimits');
    if (lim) for (const l of nodes(lim, 'limit')) this.limit(l);
    const eb = sub(st, 'setExpectbuffer');
    if (eb) {
      const n = tok(eb, 'NUMBER');
      if (n) {
        const v = this.num(n);
        v.value *= unitOf(sub(eb, 'sizeUnit'), SIZE_UNITS);
        s.expectBuffer = v;
        this.limits.sendExpectBuffer = v.value;
      }
    }
    const ob = sub(st, 'onreboot');
    if (ob) {
      const v = this.onreboot(ob);
      if (v) s.onreboot = v;
    }
    const ssl = sub(st, 'setSsl');
    if (ssl) s.ssl = { options: this.sslOptions(sub(ssl, 'sslOptionBlock')), span };
    const ms = sub(st, 'setMailserver');
    if (ms) this.mailserver(ms);
    const mf = sub(st, 'mailFormat');
    if (mf) s.mailFormat = this.mailFormat(mf);
    const al = sub(st, 'alert');
    if (al) {
      const a = this.alert(al);
      if (a) s.alerts.push(a);
    }
    const httpd = sub(st, 'setHttpd');
    if (httpd) this.httpd(httpd, span);
    const mm = sub(st, 'setMmonit');
    if (mm) {
      for (const t of nodes(mm, 'mmonitTarget')) {
        const u = tok(t, 'URLOBJECT');
        if (!u) continue;
        const target: Settings['mmonit'][number] = {
          url: this.loc((u as MToken).value as UrlValue, u),
          // `and register without credentials` is the only form that names CREDENTIALS (§4.16).
          registerCredentials: tok(t, 'CREDENTIALS') === undefined,
          span: this.nodeSpan(t),
        };
        const n = tok(t, 'NUMBER');
        if (n) target.timeout = this.num(n);
        s.mmonit.push(target);
      }
    }
  }

  private limit(l: CstNode): void {
    const n = tok(l, 'NUMBER');
    if (!n) return;
    const v = this.num(n).value;
    const names = Object.keys(l.children);
    const name = names.find((k) => k !== 'NUMBER' && k !== 'COLON' && k !== 'sizeUnit' && k !== 'MILLISECOND' && k !== 'SECOND');
    const ms = tok(l, 'MILLISECOND') ? v : v * 1000;
    const bytes = v * unitOf(sub(l, 'sizeUnit'), SIZE_UNITS);
    switch (name) {
      case 'PROGRAMOUTPUT': this.limits.programOutput = bytes; break;
      case 'SENDEXPECTBUFFER': this.limits.sendExpectBuffer = bytes; break;
      case 'FILECONTENTBUFFER': this.limits.fileContentBuffer = bytes; break;
      case 'HTTPCONTENTBUFFER': this.limits.httpContentBuffer = bytes; break;
      case 'NETWORKTIMEOUT': this.limits.networkTimeout = ms; break;
      case 'PROGRAMTIMEOUT': this.limits.programTimeout = ms; break;
      case 'STOPTIMEOUT': this.limits.stopTimeout = ms; break;
      case 'STARTTIMEOUT': this.limits.startTimeout = ms; break;
      case 'RESTARTTIMEOUT': this.limits.restartTimeout = ms; break;
      default: break;
    }
  }

  private sslOptions(block: CstNode | undefined): SslOptions {
    const o: SslOptions = { versions: [] };
    if (!block) return o;
    for (const opt of nodes(block, 'sslOption')) {
      const verify = tok(opt, 'VERIFY');
      if (verify) {
        const v = tok(opt, 'ENABLE') ?? tok(opt, 'DISABLE');
        if (v) o.verify = this.loc(v.tokenType.name === 'ENABLE', v);
      }
      if (tok(opt, 'SELFSIGNED')) {
        const v = tok(opt, 'ALLOW') ?? tok(opt, 'REJECTOPT');
        if (v) o.selfsigned = this.loc(v.tokenType.name === 'ALLOW' ? 'allow' : 'reject', v);
      }
      for (const sv of nodes(opt, 'sslVersion')) {
        const t = anyToken(sv);
        if (t) o.versions.push(this.loc(t.image.toLowerCase(), t));
      }
      const c = tok(opt, 'STRING');
      if (tok(opt, 'CIPHER') && c) o.ciphers = this.str(c);
      const p = tok(opt, 'PATH');
      if (p) {
        const key = (['PEMFILE', 'PEMCHAIN', 'PEMKEY', 'CLIENTPEMFILE', 'CACERTIFICATEFILE', 'CACERTIFICATEPATH'] as const).find((k) => tok(opt, k));
        if (key) o[key.toLowerCase() as 'pemfile'] = this.str(p);
      }
    }
    return o;
  }

  private mailserver(ms: CstNode): void {
    for (const m of nodes(ms, 'mailServer')) {
      const h = tok(m, 'host');
      if (!h) continue;
      const server: Settings['mailservers'][number] = { host: this.str(h), ssl: false, sslOptions: { versions: [] }, span: this.nodeSpan(m) };
      const port = tok(m, 'NUMBER');
      if (port) server.port = this.num(port);
      for (const c of nodes(m, 'credential')) {
        const u = tok(c, 'username');
        const p = tok(c, 'password');
        if (u) server.username = this.str(u);
        if (p) server.password = this.str(p);
      }
      for (const sp of nodes(m, 'sslSpec')) {
        server.ssl = true;
        server.sslOptions = this.sslOptions(sub(sp, 'sslOptionBlock'));
      }
      // A bare version (`using sslv3`) selects SSL with that version.
      for (const sv of nodes(m, 'sslVersion')) {
        const t = anyToken(sv);
        if (!t) continue;
        server.ssl = true;
        server.sslOptions.versions.push(this.loc(t.image.toLowerCase(), t));
      }
      this.settings.mailservers.push(server);
    }
    const t = tok(ms, 'NUMBER');
    if (t) this.settings.mailTimeout = this.num(t);
    const hn = tok(ms, 'hostname');
    if (hn) this.settings.mailHostname = this.str(hn);
  }

  private mailFormat(mf: CstNode): MailFormat {
    const f: MailFormat = { span: this.nodeSpan(mf) };
    const addr = (t: IToken): Located<{ address?: string; name?: string }> => this.loc({ ...((t as MToken).value as AddressValue) }, t);
    for (const t of toks(mf, 'from')) f.from = addr(t);
    for (const t of toks(mf, 'replyTo')) f.replyTo = addr(t);
    for (const t of toks(mf, 'MAILSUBJECT')) f.subject = this.str(t);
    for (const t of toks(mf, 'MAILBODY')) f.message = this.str(t);
    return f;
  }

  private alert(al: CstNode): AlertRecipient | undefined {
    const a = tok(al, 'MAILADDR');
    if (!a) return undefined;
    const r: AlertRecipient = {
      address: this.str(a),
      events: nodes(al, 'event').flatMap((e) => {
        const t = anyToken(e);
        return t ? [this.loc(lower(t.tokenType.name), t)] : [];
      }),
      exclude: tok(al, 'NOT') !== undefined,
      span: this.nodeSpan(al),
    };
    const rem = tok(al, 'NUMBER');
    if (rem) r.reminder = this.num(rem);
    const mf = sub(al, 'mailFormat');
    if (mf) r.mailFormat = this.mailFormat(mf);
    return r;
  }

  private httpd(h: CstNode, span: Span): void {
    const d: Httpd =
      this.settings.httpd ?? { portReadonly: false, addresses: [], unixSocketReadonly: false, ssl: false, sslOptions: { versions: [] }, signature: true, allow: [], spans: [] };
    this.settings.httpd = d;
    d.spans.push(span);
    for (const o of nodes(h, 'httpdOption')) {
      const port = tok(o, 'PORT');
      if (port) {
        const n = tok(o, 'NUMBER');
        if (n) d.port = this.num(n);
        if (tok(o, 'READONLY')) d.portReadonly = true;
      }
      const sock = tok(o, 'socket');
      if (sock) {
        d.unixSocket = this.str(sock);
        for (const u of nodes(o, 'unixSocketOption')) {
          const ug = sub(u, 'uidGid');
          if (ug) {
            const id = this.id(ug);
            if (id && tok(ug, 'UID')) d.unixSocketUid = id;
            else if (id) d.unixSocketGid = id;
          }
          const perm = tok(u, 'NUMBER');
          if (perm) d.unixSocketPermission = this.octal(perm);
          if (tok(u, 'READONLY')) d.unixSocketReadonly = true;
        }
      }
      const addr = tok(o, 'address');
      if (addr) {
        d.address = this.str(addr);
        d.addresses.push(d.address);
      }
      const ssl = sub(o, 'sslSpec');
      if (ssl) {
        d.ssl = true;
        const opts = this.sslOptions(sub(ssl, 'sslOptionBlock'));
        d.sslOptions = { ...d.sslOptions, ...stripUndefined(opts), versions: [...d.sslOptions.versions, ...opts.versions] };
      }
      const pem = tok(o, 'pemfile');
      if (pem) {
        d.ssl = true;
        d.sslOptions.pemfile = this.str(pem);
      }
      const cpem = tok(o, 'clientpemfile');
      if (cpem) d.sslOptions.clientpemfile = this.str(cpem);
      if (tok(o, 'SIGNATURE')) d.signature = tok(o, 'ENABLE') !== undefined;
      const allow = sub(o, 'allow');
      if (allow) {
        const entry = this.allow(allow);
        if (entry) d.allow.push(entry);
      }
    }
  }

  private allow(a: CstNode): AllowEntry | undefined {
    const span = this.nodeSpan(a);
    const user = tok(a, 'user');
    const pw = tok(a, 'password');
    if (user && pw) return { kind: 'credentials', user: this.str(user), password: this.str(pw), readonly: tok(a, 'READONLY') !== undefined, span };
    const group = tok(a, 'group');
    if (group) return { kind: 'pam', group: this.str(group), readonly: tok(a, 'READONLY') !== undefined, span };
    const file = tok(a, 'htpasswd');
    if (file) {
      const digest = tok(a, 'MD5HASH') ? 'md5' : tok(a, 'CRYPT') ? 'crypt' : 'cleartext';
      return { kind: 'htpasswd', file: this.str(file), digest, users: toks(a, 'users').map((t) => this.str(t)), span };
    }
    const host = tok(a, 'host');
    if (host) return { kind: 'host', host: this.str(host), span };
    return undefined;
  }

  private onreboot(n: CstNode): Located<'start' | 'nostart' | 'laststate'> | undefined {
    const t = tok(n, 'START') ?? tok(n, 'NOSTART') ?? tok(n, 'LASTSTATE');
    if (!t) return undefined;
    return this.loc(t.tokenType.name === 'START' ? 'start' : t.tokenType.name === 'NOSTART' ? 'nostart' : 'laststate', t);
  }

  private id(n: CstNode): Located<string | number> | undefined {
    const t = tok(n, 'id');
    if (!t) return undefined;
    return t.tokenType.name === 'NUMBER' ? this.num(t) : this.str(t);
  }

  // -------------------------------------------------------------------------------------------
  // service entries

  private checkStatement(cs: CstNode): void {
    const entry = this.ix.firstChildNode(cs);
    if (!entry) return;
    const kw = anyTokenOf(entry, ['CHECKPROC', 'CHECKFILE', 'CHECKFIFO', 'CHECKDIR', 'CHECKFILESYS', 'CHECKHOST', 'CHECKSYSTEM', 'CHECKPROGRAM', 'CHECKNET']);
    const nameTok = tok(entry, 'SERVICENAME');
    if (!kw || !nameTok) return;
    const kind = KIND_OF_RULE[entry.name];
    if (!kind) return;
    // One literal with `kind` last, then the kind's own fields: the same property order as
    // spreading a base object, without the generic clone (~10% of all CPU time at 20k services).
    const svc = {
      name: this.str(nameTok),
      span: this.nodeSpan(entry),
      keywordSpan: this.tokenSpan(kw),
      everyStatements: [] as Every[],
      groups: [] as Located<string>[],
      dependsOn: [] as Located<string>[],
      alerts: [] as AlertRecipient[],
      noalerts: [] as Located<string>[],
      tests: [] as Test[],
      contentFilters: [] as Service['contentFilters'],
      restartLimits: [] as Service['restartLimits'],
      complete: !entry.recoveredNode && !this.ix.hasRecovered(entry),
      kind,
    } as Service;
    switch (svc.kind) {
      case 'process': {
        const pid = tok(entry, 'pidfile');
        const m = tok(entry, 'matching');
        if (pid) svc.pidfile = this.str(pid);
        if (m) svc.matching = this.str(m);
        break;
      }
      case 'file':
      case 'fifo':
      case 'directory':
      case 'filesystem': {
        const p = tok(entry, 'PATH');
        svc.path = p ? this.str(p) : this.loc('', kw);
        break;
      }
      case 'host': {
        const a = tok(entry, 'address');
        svc.address = a ? this.str(a) : this.loc('', kw);
        break;
      }
      case 'system':
        break;
      case 'program': {
        const c = sub(entry, 'command');
        svc.command = this.command(c, nodes(entry, 'uidGid'), sub(entry, 'timeoutSeconds'), this.limits.programTimeout);
        const t = sub(entry, 'timeoutSeconds');
        const n = t && tok(t, 'NUMBER');
        if (n) svc.timeout = this.num(n);
        break;
      }
      case 'network': {
        const v = tok(entry, 'interface');
        if (v && tok(entry, 'ADDRESS')) svc.address = this.str(v);
        else if (v) svc.interface = this.str(v);
        break;
      }
    }
    if (this.settings.onreboot) svc.defaultOnreboot = this.settings.onreboot.value;
    // Statements in source order (common statements and tests interleave).
    // (One array filled in the same label order as before, without an array per label.)
    const stmts: CstNode[] = [];
    for (const label of STATEMENT_LABELS) pushNodes(stmts, entry, label);
    stmts.sort((a, b) => this.ix.firstSeq(a) - this.ix.firstSeq(b));
    for (const st of stmts) {
      if (st.name === 'commonStatement') this.common(svc, st);
      else if (st.name === 'ignoreContent') {
        const c = sub(st, 'contentCondition');
        const pat = c && tok(c, 'pattern');
        if (c && pat) svc.contentFilters.push({ negate: isNegated(c), pattern: this.str(pat), fromFile: pat.tokenType.name === 'PATH', span: this.nodeSpan(st) });
      } else this.ifStatement(svc, st);
    }
    // The service is complete: give each filled list an exact-size copy. An array grown by
    // push() from [] has room for 17 elements, so a one-group or three-test list kept ~150 bytes
    // each for the whole run (~7% of the model's memory); the grown originals die young.
    if (svc.tests.length > 0) svc.tests = svc.tests.slice();
    if (svc.groups.length > 0) svc.groups = svc.groups.slice();
    if (svc.dependsOn.length > 0) svc.dependsOn = svc.dependsOn.slice();
    if (svc.restartLimits.length > 0) svc.restartLimits = svc.restartLimits.slice();
    if (svc.alerts.length > 0) svc.alerts = svc.alerts.slice();
    if (svc.everyStatements.length > 0) svc.everyStatements = svc.everyStatements.slice();
    this.services.push(svc);
  }

  private common(svc: Service, st: CstNode): void {
    const m = sub(st, 'method');
    if (m) {
      const t = tok(m, 'START') ?? tok(m, 'STOP') ?? tok(m, 'RESTART');
      const which = t?.tokenType.name;
      const def = which === 'START' ? this.limits.startTimeout : which === 'STOP' ? this.limits.stopTimeout : this.limits.restartTimeout;
      const cmd = this.command(sub(m, 'command'), nodes(m, 'uidGid'), sub(m, 'timeoutSeconds'), def);
      cmd.span = this.nodeSpan(m);
      if (which === 'START') svc.start = cmd;
      else if (which === 'STOP') svc.stop = cmd;
      else if (which === 'RESTART') svc.restart = cmd;
      return;
    }
    const ev = sub(st, 'every');
    if (ev) {
      const span = this.nodeSpan(ev);
      const n = tok(ev, 'NUMBER');
      const cron = tok(ev, 'TIMESPEC');
      let e: Every | undefined;
      if (n) e = { kind: 'cycles', cycles: this.num(n), span };
      else if (cron) e = { kind: 'cron', spec: this.str(cron), negate: tok(ev, 'NOTEVERY') !== undefined, span };
      if (e) {
        svc.every = e;
        svc.everyStatements.push(e);
      }
      return;
    }
    const mode = sub(st, 'mode');
    if (mode) {
      const t = tok(mode, 'ACTIVE') ?? tok(mode, 'PASSIVE') ?? tok(mode, 'MANUAL');
      if (t) svc.mode = this.loc(lower(t.tokenType.name) as 'active', t);
      // `mode manual` (deprecated) only sets onreboot laststate; the monitoring mode stays.
      if (t && t.tokenType.name !== 'MANUAL') svc.monitoringMode = this.loc(t.tokenType.name === 'PASSIVE' ? 'passive' : 'active', t);
      if (t?.tokenType.name === 'MANUAL') svc.onreboot = this.loc('laststate', t);
      return;
    }
    const ob = sub(st, 'onreboot');
    if (ob) {
      const v = this.onreboot(ob);
      if (v) svc.onreboot = v;
      return;
    }
    const g = sub(st, 'group');
    if (g) {
      const t = tok(g, 'STRINGNAME');
      if (t) svc.groups.push(this.str(t));
      return;
    }
    const d = sub(st, 'depends');
    if (d) {
      for (const t of toks(d, 'SERVICENAME')) svc.dependsOn.push(this.str(t));
      return;
    }
    const al = sub(st, 'alert');
    if (al) {
      const a = this.alert(al);
      if (a) svc.alerts.push(a);
      return;
    }
    const na = sub(st, 'noalert');
    if (na) {
      const t = tok(na, 'MAILADDR');
      if (t) svc.noalerts.push(this.str(t));
    }
  }

  private command(c: CstNode | undefined, uidGids: CstNode[], timeout: CstNode | undefined, defaultMs: number): Command {
    const argv = c ? toks(c, 'arg').map((t) => this.str(t)) : [];
    const cmd: Command = { argv, span: c ? this.nodeSpan(c) : this.tokenSpan({ startOffset: NaN } as IToken) };
    for (const ug of uidGids) {
      const id = this.id(ug);
      if (!id) continue;
      if (tok(ug, 'UID')) cmd.uid = id;
      else cmd.gid = id;
    }
    const n = timeout && tok(timeout, 'NUMBER');
    if (n) cmd.timeout = this.num(n);
    else cmd.timeout = { value: defaultMs / 1000, span: cmd.span };
    return cmd;
  }

  private action(a: CstNode | undefined): Action | undefined {
    if (!a) return undefined;
    const t = anyTokenOf(a, ['ALERT', 'RESTART', 'START', 'STOP', 'UNMONITOR', 'EXEC']);
    if (!t) return undefined;
    const action: Action = { kind: lower(t.tokenType.name) as ActionKind, span: this.nodeSpan(a) };
    if (action.kind === 'exec') {
      action.command = this.command(sub(a, 'command'), nodes(a, 'uidGid'), undefined, 0);
      delete action.command.timeout;
      const n = tok(a, 'NUMBER');
      if (n) action.repeatEvery = this.num(n);
    }
    return action;
  }

  private rate(r: CstNode | undefined): Rate {
    if (!r) return ONE_OF_ONE;
    const n = tok(r, 'NUMBER');
    const c = tok(r, 'cycles');
    const count = n ? Number((n as MToken).value ?? n.image) : 1;
    const cycles = c ? Number((c as MToken).value ?? c.image) : count;
    return { count, cycles, span: this.nodeSpan(r) };
  }

  private tail(t: CstNode | undefined): RuleActions | undefined {
    if (!t) return undefined;
    const fail = this.action(sub(t, 'failAction'));
    if (!fail) return undefined;
    const ra: RuleActions = { failRate: this.rate(sub(t, 'rate')), failAction: fail, recoveryRate: this.rate(sub(t, 'recoveryRate')) };
    const rec = this.action(sub(t, 'recoveryAction'));
    if (rec) ra.recoveryAction = rec;
    return ra;
  }

  private ifStatement(svc: Service, st: CstNode): void {
    const cond = this.ix.firstChildNode(st);
    if (!cond) return;
    const span = this.nodeSpan(st);
    if (cond.name === 'restartLimit') {
      const r = tok(cond, 'restarts');
      const c = tok(cond, 'cycles');
      const timeout = tok(cond, 'TIMEOUT');
      const action = timeout ? { kind: 'unmonitor' as const, span: this.tokenSpan(timeout) } : this.action(sub(cond, 'action'));
      if (r && c && action) svc.restartLimits.push({ restarts: this.num(r), cycles: this.num(c), action, viaTimeout: timeout !== undefined, span });
      return;
    }
    const tests = this.test(cond, span);
    svc.tests.push(...tests);
  }

  /** One condition node (and its nested tail) → the test(s) it defines. */
  private test(cond: CstNode, span: Span): Test[] {
    const actions = this.tail(findTail(cond));
    if (!actions) return [];
    const kwTok = this.ix.findToken(cond, isConditionKeyword) ?? this.ix.findToken(cond, anyTokenAtAll);
    const keywordSpan = kwTok ? this.tokenSpan(kwTok) : span;
    const base = { span, keywordSpan, actions };
    const changed = tok(cond, 'CHANGED') !== undefined;
    switch (cond.name) {
      case 'existence':
        return [{ span: base.span, keywordSpan: base.keywordSpan, actions: base.actions, kind: 'existence', exists: tok(cond, 'NOT') === undefined }];
      case 'changedPid':
        return [{ span: base.span, keywordSpan: base.keywordSpan, actions: base.actions, kind: tok(cond, 'PPID') ? 'ppid' : 'pid' }];
      case 'owner': {
        const idTok = tok(cond, 'id');
        if (!idTok) return [];
        const kind = tok(cond, 'EUID') ? 'euid' : tok(cond, 'GID') ? 'gid' : 'uid';
        return [{ span: base.span, keywordSpan: base.keywordSpan, actions: base.actions, kind, id: idTok.tokenType.name === 'NUMBER' ? this.num(idTok) : this.str(idTok) }];
      }
      case 'securityAttribute': {
        const a = tok(cond, 'attribute');
        return a ? [{ span: base.span, keywordSpan: base.keywordSpan, actions: base.actions, kind: 'securityattribute', attribute: this.str(a) }] : [];
      }
      case 'fileDescriptors': {
        const n = tok(cond, 'NUMBER') ?? tok(cond, 'REAL');
        return [{ span: base.span, keywordSpan: base.keywordSpan, actions: base.actions, kind: 'filedescriptors', total: tok(cond, 'TOTAL') !== undefined, operator: op(cond), value: n ? numberOf(n) : 0, percent: tok(cond, 'PERCENT') !== undefined }];
      }
      case 'uptime': {
        const n = tok(cond, 'NUMBER');
        return [{ span: base.span, keywordSpan: base.keywordSpan, actions: base.actions, kind: 'uptime', operator: op(cond), seconds: (n ? numberOf(n) : 0) * unitOf(sub(cond, 'timeUnit'), TIME_UNITS) }];
      }
      case 'processResources':
      case 'systemResources': {
        const conds = nodes(cond, cond.name === 'processResources' ? 'processResource' : 'systemResource');
        const resTests: Test[] = [];
        const all: ResourceCondition[] = [];
        let ioTest: Test | undefined;
        let lastIsIo = false;
        for (const c of conds) {
          const rc = this.resource(c);
          if (rc) {
            all.push(rc);
            lastIsIo = false;
          } else {
            const io = this.io(c, base);
            if (io) {
              ioTest = io;
              lastIsIo = true;
            }
          }
        }
        // Monit fills one template per statement, so only its last condition becomes a test,
        // I/O conditions included (`if cpu > 50% read > 1 MB/s` tests the read rate only).
        if (lastIsIo && ioTest) return [ioTest];
        const last = all[all.length - 1];
        if (last) resTests.push({ span: base.span, keywordSpan: last.span, actions: base.actions, kind: 'resource', condition: last, discarded: all.slice(0, -1) });
        return resTests;
      }
      case 'checksum': {
        const h = sub(cond, 'hashType');
        const e = tok(cond, 'expect');
        const t: Test = { span: base.span, keywordSpan: base.keywordSpan, actions: base.actions, kind: 'checksum', changed };
        if (h) t.hashType = tok(h, 'SHA1HASH') ? 'sha1' : 'md5';
        if (e) t.expect = this.str(e);
        return [t];
      }
      case 'timestamp': {
        const k = sub(cond, 'timestampKind');
        const kt = k && anyToken(k);
        const which = kt?.tokenType.name === 'ATIME' ? 'atime' : kt?.tokenType.name === 'CTIME' ? 'ctime' : kt?.tokenType.name === 'MTIME' ? 'mtime' : 'timestamp';
        const n = tok(cond, 'NUMBER');
        return [{ span: base.span, keywordSpan: base.keywordSpan, actions: base.actions, kind: 'timestamp', which, changed, operator: changed ? 'changed' : op(cond), seconds: (n ? numberOf(n) : 0) * unitOf(sub(cond, 'timeUnit'), TIME_UNITS) }];
      }
      case 'size': {
        const n = tok(cond, 'NUMBER');
        return [{ span: base.span, keywordSpan: base.keywordSpan, actions: base.actions, kind: 'size', changed, operator: changed ? 'changed' : op(cond), bytes: (n ? numberOf(n) : 0) * unitOf(sub(cond, 'sizeUnit'), SIZE_UNITS) }];
      }
      case 'permission': {
        const n = tok(cond, 'NUMBER');
        const t: Test = { span: base.span, keywordSpan: base.keywordSpan, actions: base.actions, kind: 'permission', changed };
        if (n) t.mode = this.octal(n);
        return [t];
      }
      case 'content': {
        const c = sub(cond, 'contentCondition');
        const pat = c && tok(c, 'pattern');
        if (!c || !pat) return [];
        return [{ span: base.span, keywordSpan: base.keywordSpan, actions: base.actions, kind: 'content', negate: isNegated(c), pattern: this.str(pat), fromFile: pat.tokenType.name === 'PATH' }];
      }
      case 'filesystemTest':
        return this.filesystemTest(cond, base);
      case 'programTest': {
        const pat = tok(cond, 'pattern');
        if (pat) return [{ span: base.span, keywordSpan: base.keywordSpan, actions: base.actions, kind: 'programcontent', negate: tok(sub(cond, 'equality') ?? cond, 'NOTEQUAL') !== undefined, pattern: this.str(pat) }];
        const n = tok(cond, 'NUMBER');
        return [{ span: base.span, keywordSpan: base.keywordSpan, actions: base.actions, kind: 'status', changed, operator: changed ? 'changed' : op(cond), value: n ? numberOf(n) : 0 }];
      }
      case 'networkTest':
        return this.networkTest(cond, base);
      case 'connection':
        return this.connection(cond, base);
      default:
        return [];
    }
  }

  private resource(c: CstNode): ResourceCondition | undefined {
    const la = sub(c, 'loadavg');
    const src = la ?? c;
    const t = anyTokenOf(src, [
      'CPU', 'TOTALCPU', 'CPUUSER', 'CPUSYSTEM', 'CPUWAIT', 'CPUNICE', 'CPUHARDIRQ', 'CPUSOFTIRQ', 'CPUSTEAL', 'CPUGUEST', 'CPUGUESTNICE',
      'MEMORY', 'TOTALMEMORY', 'SWAP', 'THREADS', 'CHILDREN', 'LOADAVG1', 'LOADAVG5', 'LOADAVG15',
    ]);
    if (!t) return undefined;
    const n = amountToken(src);
    return {
      resource: lower(t.tokenType.name) as ResourceName,
      operator: op(src),
      value: n ? numberOf(n) : 0,
      percent: tok(src, 'PERCENT') !== undefined,
      unit: unitOf(sub(src, 'sizeUnit'), SIZE_UNITS),
      perCore: tok(src, 'CORE') !== undefined,
      span: this.nodeSpan(c),
    };
  }

  private io(c: CstNode, base: { span: Span; keywordSpan: Span; actions: RuleActions }): Test | undefined {
    const dir = tok(c, 'READ') ? 'read' : tok(c, 'WRITE') ? 'write' : undefined;
    const amount = sub(c, 'ioAmount');
    if (!dir || !amount) return undefined;
    const n = amountToken(amount);
    return {
      span: base.span, keywordSpan: base.keywordSpan, actions: base.actions,
      kind: 'io',
      direction: dir,
      disk: tok(c, 'DISK') !== undefined,
      operator: op(amount),
      value: n ? numberOf(n) : 0,
      unit: unitOf(sub(amount, 'sizeUnit'), SIZE_UNITS),
      operations: tok(amount, 'OPERATION') !== undefined,
    };
  }

  private filesystemTest(c: CstNode, base: { span: Span; keywordSpan: Span; actions: RuleActions }): Test[] {
    if (tok(c, 'FSFLAG')) return [{ span: base.span, keywordSpan: base.keywordSpan, actions: base.actions, kind: 'fsflags' }];
    if (tok(c, 'SPACE') || tok(c, 'INODE')) {
      const n = amountToken(c);
      return [{
        span: base.span, keywordSpan: base.keywordSpan, actions: base.actions,
        kind: tok(c, 'SPACE') ? 'space' : 'inode',
        free: tok(c, 'TFREE') !== undefined,
        operator: op(c),
        value: n ? numberOf(n) : 0,
        unit: unitOf(sub(c, 'sizeUnit'), SIZE_UNITS),
        percent: tok(c, 'PERCENT') !== undefined,
      }];
    }
    if (tok(c, 'SERVICETIME')) {
      const n = amountToken(c);
      const value = n ? numberOf(n) : 0;
      return [{ span: base.span, keywordSpan: base.keywordSpan, actions: base.actions, kind: 'servicetime', operator: op(c), milliseconds: tok(c, 'MILLISECOND') ? value : value * 1000 }];
    }
    const io = this.io(c, base);
    return io ? [io] : [];
  }

  private networkTest(c: CstNode, base: { span: Span; keywordSpan: Span; actions: RuleActions }): Test[] {
    if (tok(c, 'LINK')) {
      const form = tok(c, 'DOWN') ? 'down' : tok(c, 'UP') ? 'up' : tok(c, 'FAILED') ? 'failed' : 'changed';
      return [{ span: base.span, keywordSpan: base.keywordSpan, actions: base.actions, kind: 'link', form }];
    }
    if (tok(c, 'SATURATION')) {
      const n = tok(c, 'NUMBER');
      return [{ span: base.span, keywordSpan: base.keywordSpan, actions: base.actions, kind: 'saturation', operator: op(c), percent: n ? numberOf(n) : 0 }];
    }
    const dir = tok(c, 'UPLOAD') ? 'upload' : 'download';
    const nums = toks(c, 'NUMBER');
    const n = nums[0];
    const rangeUnit = tok(c, 'MINUTE') ? 'minute' : tok(c, 'HOUR') ? 'hour' : tok(c, 'DAY') ? 'day' : undefined;
    const t: Test = {
      span: base.span, keywordSpan: base.keywordSpan, actions: base.actions,
      kind: 'bandwidth',
      direction: dir,
      total: tok(c, 'TOTAL') !== undefined,
      operator: op(c),
      value: n ? numberOf(n) : 0,
      unit: unitOf(sub(c, 'sizeUnit'), SIZE_UNITS),
      packets: tok(c, 'PACKET') !== undefined,
    };
    if (rangeUnit) {
      const r = tok(c, 'range');
      const ut = tok(c, rangeUnit.toUpperCase());
      t.range = { count: r ? numberOf(r) : 1, unit: rangeUnit, span: r ? this.tokenSpan(r) : ut ? this.tokenSpan(ut) : base.span };
    }
    return [t];
  }

  private connection(c: CstNode, base: { span: Span; keywordSpan: Span; actions: RuleActions }): Test[] {
    const succeeded = tok(c, 'SUCCEEDED') !== undefined;
    const conn: ConnectionOptions = { protocolOptions: [], send: [], expect: [], ssl: false, sslOptions: { versions: [] } };
    const port = sub(c, 'portTest');
    const url = sub(c, 'urlTest');
    const unix = sub(c, 'unixTest');
    const icmp = sub(c, 'icmpTest');
    const body = port ?? url ?? unix ?? icmp;
    if (!body) return [];
    let kind: 'port' | 'url' | 'unixsocket' | 'icmp';
    let keyword: IToken | undefined;
    if (port) {
      kind = 'port';
      const h = tok(port, 'host');
      if (h) conn.host = this.str(h);
      const p = tok(port, 'port');
      if (p) conn.port = this.num(p);
      keyword = tok(port, 'PORT');
    } else if (url) {
      kind = 'url';
      const u = tok(url, 'URLOBJECT');
      if (u) conn.url = this.loc((u as MToken).value as UrlValue, u);
      keyword = tok(url, 'URL');
      conn.protocol = this.loc('http', keyword ?? u ?? c as unknown as IToken);
      conn.transport = 'tcp';
      if (u && ((u as MToken).value as UrlValue).protocol.toLowerCase() === 'https') conn.ssl = true;
    } else if (unix) {
      kind = 'unixsocket';
      const s = tok(unix, 'socket');
      if (s) conn.socket = this.str(s);
      keyword = tok(unix, 'UNIXSOCKET');
    } else {
      kind = 'icmp';
      const t = icmp ? anyTokenOf(icmp, ['PING', 'PING4', 'PING6', 'ICMPECHO']) : undefined;
      conn.icmpType = t?.tokenType.name === 'ICMPECHO' ? 'echo' : ((t?.tokenType.name.toLowerCase() ?? 'ping') as 'ping');
      keyword = t;
    }
    const opts = [...nodes(body, 'portOption'), body];
    for (const o of opts) this.connectionOption(o, conn, o === body);
    if (conn.protocolOptions.length > 0) conn.protocolOptions = conn.protocolOptions.slice(); // exact size, as for a service's lists
    // Monit resets its test template (and so the default timeout) after each test it adds, so a
    // test without `timeout` gets the network timeout in force when the previous one was read.
    if (kind === 'icmp') {
      conn.defaultTimeoutMs = this.icmpTimeoutDefault;
      this.icmpTimeoutDefault = this.limits.networkTimeout;
      // Monit's ping template keeps its source address from one test to the next.
      if (conn.address) this.icmpOutgoing = conn.address;
      if (this.icmpOutgoing) conn.outgoingAddress = this.icmpOutgoing;
    } else {
      conn.defaultTimeoutMs = this.portTimeoutDefault;
      this.portTimeoutDefault = this.limits.networkTimeout;
      if (conn.address) conn.outgoingAddress = conn.address;
    }
    const t: Test = { span: base.span, keywordSpan: base.keywordSpan, actions: base.actions, kind, succeeded, connection: conn };
    if (keyword) t.keywordSpan = this.tokenSpan(keyword);
    return [t];
  }

  private connectionOption(o: CstNode, conn: ConnectionOptions, isBody: boolean): void {
    if (tok(o, 'IPV4')) conn.ipVersion = 'ipv4';
    if (tok(o, 'IPV6')) conn.ipVersion = 'ipv6';
    for (const ct of nodes(o, 'connectionType')) {
      conn.type = tok(ct, 'UDP') ? 'udp' : tok(ct, 'TCPSSL') ? 'tcpssl' : 'tcp';
      conn.transport = conn.type === 'udp' ? 'udp' : 'tcp';
      if (conn.type === 'tcpssl') conn.ssl = true;
      // `type tcpssl sslauto certmd5 …`: the old spelling of TLS options (§9.2), kept like `ssl { … }`.
      for (const sv of nodes(ct, 'sslVersion')) {
        const t = anyToken(sv);
        if (t) conn.sslOptions.versions.push(this.loc(t.image.toLowerCase(), t));
      }
      for (const md5 of nodes(ct, 'certmd5')) {
        const h = tok(md5, 'STRING');
        if (h) conn.certificateChecksum = { hashType: 'md5', hash: this.str(h) };
      }
    }
    for (const p of nodes(o, 'protocol')) {
      const name = tok(p, 'name');
      if (!name) continue;
      conn.protocol = this.loc(lower(name.image), name);
      conn.protocolOptions = [];
      if (SSL_PROTOCOLS.has(conn.protocol.value)) conn.ssl = true;
      if (TCP_SSL_PROTOCOLS.has(conn.protocol.value)) conn.transport = 'tcp';
      else if (conn.protocol.value === 'ntp3') conn.transport = 'udp';
      const optionNodes: CstNode[] = [];
      for (const label of PROTOCOL_OPTION_LABELS) pushNodes(optionNodes, p, label);
      optionNodes.push(p);
      for (const child of optionNodes) {
        const children = child.children;
        for (const label in children) {
          if (label === 'name' || label === 'PROTOCOL') continue;
          const elems = children[label] as CstElement[];
          for (const e of elems) {
            if (isNode(e)) {
              if (e.name === 'credential') {
                const u = tok(e, 'username');
                const pw = tok(e, 'password');
                if (u) conn.protocolOptions.push({ name: 'username', value: this.str(u).value, span: this.tokenSpan(u) });
                if (pw) conn.protocolOptions.push({ name: 'password', value: this.str(pw).value, span: this.tokenSpan(pw) });
              }
              continue;
            }
            const mt = e as MToken;
            // `method GET|HEAD` (§9.4): the keyword is the value.
            if (child.name === 'httpOption' && (label === 'GET' || label === 'HEAD')) {
              conn.protocolOptions.push({ name: 'method', value: label.toLowerCase(), span: this.tokenSpan(e) });
              continue;
            }
            if (mt.value === undefined && !/^[a-z]/.test(label)) continue;
            conn.protocolOptions.push({ name: label.toLowerCase(), value: typeof mt.value === 'number' || typeof mt.value === 'string' ? mt.value : mt.image, span: this.tokenSpan(e) });
          }
        }
      }
    }
    for (const se of nodes(o, 'sendExpect')) {
      const d = tok(se, 'data');
      if (!d) continue;
      if (tok(se, 'SEND')) conn.send.push(this.str(d));
      else conn.expect.push(this.str(d));
    }
    const content = tok(o, 'content');
    if (content) conn.content = { operator: tok(sub(o, 'equality') ?? o, 'NOTEQUAL') ? '!=' : '=', pattern: this.str(content) };
    for (const t of nodes(o, 'timeoutSeconds')) {
      const n = tok(t, 'NUMBER');
      if (n) conn.timeout = this.num(n);
    }
    for (const r of nodes(o, 'retry')) {
      const n = tok(r, 'NUMBER');
      if (n) conn.retry = this.num(n);
    }
    for (const r of nodes(o, 'responseTime')) {
      const n = tok(r, 'NUMBER');
      if (n) conn.responseTime = { operator: op(r), milliseconds: numberOf(n) * (tok(r, 'SECOND') ? 1000 : 1), span: this.nodeSpan(r) };
    }
    const addr = tok(o, 'address');
    if (addr) conn.address = this.str(addr);
    for (const s of nodes(o, 'sslSpec')) {
      // A bare `ssl` turns TLS on; in a `ssl { … }` block every option but `ciphers` does, so
      // `ssl {}` and `ssl { ciphers: … }` alone leave it off (checked with monit -v -t).
      const block = sub(s, 'sslOptionBlock');
      if (!block || nodes(block, 'sslOption').some((opt) => !tok(opt, 'CIPHER'))) conn.ssl = true;
      // Monit collects the TLS options of one test in one set: later blocks add to earlier ones.
      const opts = this.sslOptions(block);
      conn.sslOptions = { ...conn.sslOptions, ...stripUndefined(opts), versions: [...conn.sslOptions.versions, ...opts.versions] };
    }
    for (const cert of nodes(o, 'certificate')) {
      const h = tok(cert, 'hash');
      if (h) {
        const ht = sub(cert, 'hashType');
        conn.certificateChecksum = { hash: this.str(h) };
        if (ht) conn.certificateChecksum.hashType = tok(ht, 'SHA1HASH') ? 'sha1' : 'md5';
      }
      const d = tok(cert, 'NUMBER');
      if (d) conn.certificateValidDays = this.num(d);
    }
    if (isBody) {
      const count = tok(o, 'count');
      if (count) conn.count = this.num(count);
      const size = tok(o, 'size');
      if (size) conn.size = this.num(size);
    }
  }
}

const KIND_OF_RULE: Record<string, ServiceKind> = {
  checkProcess: 'process',
  checkFile: 'file',
  checkFifo: 'fifo',
  checkDirectory: 'directory',
  checkFilesystem: 'filesystem',
  checkHost: 'host',
  checkSystem: 'system',
  checkProgram: 'program',
  checkNetwork: 'network',
};

const IF_RULES = ['processIf', 'fileIf', 'fifoIf', 'filesystemIf', 'hostIf', 'systemIf', 'programIf', 'networkIf'];
/** Protocols that turn TLS on, and those of them that also force TCP (§9.4). */
const SSL_PROTOCOLS: ReadonlySet<string> = new Set(['https', 'imaps', 'pops', 'smtps', 'mysqls']);
const TCP_SSL_PROTOCOLS: ReadonlySet<string> = new Set(['https', 'imaps', 'pops', 'smtps']);
/** The option nodes of a `protocol` node, read in this order before the node's own tokens. */
const PROTOCOL_OPTION_LABELS = ['httpOption', 'apacheStatusOption', 'websocketOption', 'mysqlOption'];
/** The labels of a service entry's statements, in the order they are collected before sorting. */
const STATEMENT_LABELS = ['commonStatement', ...IF_RULES, 'ignoreContent'];

// ---------------------------------------------------------------------------------------------
// CST helpers

/** Appends the nodes labelled `name` directly below `n` to `out`. */
function pushNodes(out: CstNode[], n: CstNode, name: string): void {
  const c = n.children[name];
  if (c) for (let i = 0; i < c.length; i++) if (isNode(c[i] as CstElement)) out.push(c[i] as CstNode);
}

function nodes(n: CstNode | undefined, name: string): CstNode[] {
  const c = n?.children[name];
  return c ? (c.filter(isNode) as CstNode[]) : [];
}

function sub(n: CstNode | undefined, name: string): CstNode | undefined {
  const c = n?.children[name];
  if (c) for (let i = 0; i < c.length; i++) if (isNode(c[i] as CstElement)) return c[i] as CstNode;
  return undefined;
}

function toks(n: CstNode | undefined, name: string): MToken[] {
  const c = n?.children[name];
  return c ? (c.filter((e) => !isNode(e) && isRealToken(e as IToken)) as MToken[]) : [];
}

/** The first real token labelled `name` directly below `n` (no array built: the builder asks this
 * a few dozen times per service). */
function tok(n: CstNode | undefined, name: string): MToken | undefined {
  const c = n?.children[name];
  if (c) {
    for (let i = 0; i < c.length; i++) {
      const e = c[i] as CstElement;
      if (!isNode(e) && isRealToken(e)) return e;
    }
  }
  return undefined;
}

function anyToken(n: CstNode): MToken | undefined {
  const children = n.children;
  for (const key in children) {
    const elems = children[key] as CstElement[];
    for (let i = 0; i < elems.length; i++) {
      const e = elems[i] as CstElement;
      if (!isNode(e) && isRealToken(e)) return e;
    }
  }
  return undefined;
}

function anyTokenOf(n: CstNode, names: string[]): MToken | undefined {
  for (const name of names) {
    const t = tok(n, name);
    if (t) return t;
  }
  return undefined;
}


/** Words before a condition's keyword (`failed port`, `not exist`, `total cpu`): the test is
 * pointed at the keyword after them. */
const CONDITION_PREFIXES: ReadonlySet<string> = new Set(['FAILED', 'SUCCEEDED', 'CHANGED', 'NOT', 'TOTAL', 'DISK']);
const isConditionKeyword = (t: MToken): boolean => !CONDITION_PREFIXES.has(t.tokenType.name);
const anyTokenAtAll = (): boolean => true;


/**
 * Token queries on the CST, in time linear in the file. A node's real tokens are a contiguous
 * run of the token stream unless error recovery skipped some inside it, which `count` detects:
 * then (broken input only) the node is walked.
 */
class NodeIndex {
  /** The stream position of `tokens[0]`. */
  private base = 0;

  constructor(private tokens: readonly MToken[]) {}

  /** Looks tokens up in `tokens`, which start at stream position `base`, from now on. */
  window(tokens: readonly MToken[], base: number): void {
    this.tokens = tokens;
    this.base = base;
  }

  /** The node's {@link TokenExtent}, which the parser keeps on every node it builds (grammar/parser.ts). */
  of(n: CstNode): TokenExtent {
    const extent = n as CstNode & TokenExtent;
    // A node re-synced by error recovery is marked by Chevrotain after its last token.
    if (n.recoveredNode === true) extent.recovered = true;
    return extent;
  }

  /** The stream position of the first real token below a node (Infinity when it has none). */
  firstSeq(n: CstNode): number {
    return this.of(n).first;
  }

  hasRecovered(n: CstNode): boolean {
    return this.of(n).recovered;
  }

  /** The token with sequence number `seq`. */
  token(seq: number): MToken | undefined {
    return this.tokens[seq - this.base];
  }

  /** The first real token below a node, in stream order, that satisfies `pred`. */
  findToken(n: CstNode, pred: (t: MToken) => boolean): MToken | undefined {
    const { first, last, count } = this.of(n);
    if (count === 0) return undefined;
    const b = this.base;
    if (last - first + 1 === count && this.tokens[first - b]?.seq === first) {
      for (let i = first - b; i <= last - b; i++) {
        const t = this.tokens[i] as MToken;
        if (pred(t)) return t;
      }
      return undefined;
    }
    return this.tokensOf(n).find(pred);
  }

  /** Every real token below a node, in stream order. */
  tokensOf(n: CstNode): MToken[] {
    const { first, last, count } = this.of(n);
    if (count === 0) return [];
    const b = this.base;
    if (last - first + 1 === count && this.tokens[first - b]?.seq === first) return this.tokens.slice(first - b, last - b + 1);
    const out: MToken[] = [];
    const walk = (x: CstNode): void => {
      for (const elems of Object.values(x.children)) {
        for (const e of elems) {
          if (isNode(e)) walk(e);
          else if (isRealToken(e as IToken)) out.push(e as MToken);
        }
      }
    };
    walk(n);
    return out.sort((a, b) => a.seq - b.seq);
  }

  /** The child node that starts first in the stream. */
  firstChildNode(n: CstNode): CstNode | undefined {
    let best: CstNode | undefined;
    let bestSeq = Infinity;
    const children = n.children;
    for (const key in children) {
      const elems = children[key] as CstElement[];
      for (let i = 0; i < elems.length; i++) {
        const e = elems[i] as CstElement;
        if (!isNode(e)) continue;
        const s = this.firstSeq(e);
        if (s < bestSeq) {
          bestSeq = s;
          best = e;
        }
      }
    }
    return best;
  }
}

function findTail(n: CstNode): CstNode | undefined {
  const direct = sub(n, 'tail');
  if (direct) return direct;
  const children = n.children;
  for (const key in children) {
    const elems = children[key] as CstElement[];
    for (let i = 0; i < elems.length; i++) {
      const e = elems[i] as CstElement;
      if (isNode(e)) {
        const t = findTail(e);
        if (t) return t;
      }
    }
  }
  return undefined;
}

function op(n: CstNode): Operator {
  const o = sub(n, 'operator');
  const t = o && anyToken(o);
  return (t && OPERATORS[t.tokenType.name]) ?? '=';
}

function unitOf(n: CstNode | undefined, table: Record<string, number>): number {
  const t = n && anyToken(n);
  return (t && table[t.tokenType.name]) ?? 1;
}

/** The number of a condition: inside its `value` node, or a bare NUMBER/REAL of the node. */
function amountToken(n: CstNode): MToken | undefined {
  const v = sub(n, 'value');
  return (v && (tok(v, 'NUMBER') ?? tok(v, 'REAL'))) ?? tok(n, 'NUMBER') ?? tok(n, 'REAL');
}

function numberOf(t: IToken): number {
  const v = (t as MToken).value;
  return typeof v === 'number' ? v : Number(t.image);
}

function isNegated(c: CstNode): boolean {
  return tok(c, 'NOT') !== undefined || tok(sub(c, 'equality') ?? c, 'NOTEQUAL') !== undefined;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && k !== 'versions')) as Partial<T>;
}
