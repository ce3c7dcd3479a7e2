/**
 * The typed model of a Monit control file: what every later stage (check, lint, simulate, guard)
 * speaks. Built from a possibly partial CST by `build.ts`; every value carries the span of the
 * source text it came from, so a rule can point at "the `unmonitor` of this action".
 */

/** A region of one source file. Lines and columns are 1-based; offsets are 0-based, end exclusive. */
export interface Span {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  startOffset: number;
  endOffset: number;
}

/** A value and where it was written. */
export interface Located<T> {
  value: T;
  span: Span;
}

export type Operator = '>' | '>=' | '<' | '<=' | '=' | '!=' | 'changed';

/** A program with its arguments, as Monit runs it (§6.1). */
export interface Command {
  argv: Located<string>[];
  uid?: Located<string | number>;
  gid?: Located<string | number>;
  /** Seconds; defaults to the `set limits` value at the time of parsing. */
  timeout?: Located<number>;
  span: Span;
}

export type ActionKind = 'alert' | 'restart' | 'start' | 'stop' | 'unmonitor' | 'exec';

/** §10 one action of a rule. */
export interface Action {
  kind: ActionKind;
  span: Span;
  /** For `exec`. */
  command?: Command;
  /** `repeat every N cycles` of an `exec`. */
  repeatEvery?: Located<number>;
}

/** §7.1 `for N cycles` (count = cycles = N) or `X times within Y cycles`. Default 1 of 1. */
export interface Rate {
  count: number;
  cycles: number;
  span?: Span;
}

/** The `then … else …` part common to all tests (§7). */
export interface RuleActions {
  failRate: Rate;
  failAction: Action;
  recoveryRate: Rate;
  /** Explicit `else`; Monit's default recovery action is `alert` for tests that have one. */
  recoveryAction?: Action;
}

interface TestBase {
  span: Span;
  /** The span of the condition keyword (`checksum`, `port`, `cpu` …), for pointing at the test. */
  keywordSpan: Span;
  actions: RuleActions;
}

export type ResourceName =
  | 'cpu' | 'totalcpu' | 'cpuuser' | 'cpusystem' | 'cpuwait' | 'cpunice' | 'cpuhardirq' | 'cpusoftirq' | 'cpusteal' | 'cpuguest' | 'cpuguestnice'
  | 'memory' | 'totalmemory' | 'swap' | 'threads' | 'children' | 'loadavg1' | 'loadavg5' | 'loadavg15';

/** One resource comparison, e.g. `cpu > 80%`. */
export interface ResourceCondition {
  resource: ResourceName;
  operator: Operator;
  value: number;
  /** `%` given, or the size/time unit's multiplier applied. */
  percent: boolean;
  /** Multiplier of the unit (bytes for memory), 1 when none. */
  unit: number;
  /** `per core` for loadavg. */
  perCore: boolean;
  span: Span;
}

export interface ConnectionOptions {
  host?: Located<string>;
  port?: Located<number>;
  socket?: Located<string>;
  url?: Located<import('../../grammar/lexer.js').UrlValue>;
  icmpType?: 'ping' | 'ping4' | 'ping6' | 'echo';
  ipVersion?: 'ipv4' | 'ipv6';
  type?: 'tcp' | 'udp' | 'tcpssl';
  /**
   * The socket type Monit uses: the last of `type …` and of the protocols that force one
   * (`https`, `imaps`, `pops`, `smtps` and URLs: TCP; `ntp3`: UDP). Unset means TCP.
   */
  transport?: 'tcp' | 'udp';
  protocol?: Located<string>;
  protocolOptions: Array<{ name: string; value: string | number; span: Span }>;
  send: Located<string>[];
  expect: Located<string>[];
  content?: { operator: Operator; pattern: Located<string> };
  timeout?: Located<number>;
  /**
   * Milliseconds used when `timeout` is not written: the `set limits` network timeout in force
   * when the *previous* test of the same family (connection tests, or ping tests) was read, 5 s
   * for the first, because Monit resets its test template after adding a test.
   */
  defaultTimeoutMs?: number;
  retry?: Located<number>;
  responseTime?: { operator: Operator; milliseconds: number; span: Span };
  address?: Located<string>;
  /**
   * The source address Monit uses. For connection tests it is `address`; for ping tests Monit
   * never clears it, so a ping test without `address` uses the one of the last ping test before
   * it that had one, in any service.
   */
  outgoingAddress?: Located<string>;
  ssl: boolean;
  sslOptions: SslOptions;
  certificateChecksum?: { hashType?: 'md5' | 'sha1'; hash: Located<string> };
  certificateValidDays?: Located<number>;
  count?: Located<number>;
  size?: Located<number>;
}

/** Every test Monit knows (§8, §9), discriminated on `kind`. */
export type Test =
  | (TestBase & { kind: 'existence'; exists: boolean })
  | (TestBase & { kind: 'resource'; condition: ResourceCondition; discarded: ResourceCondition[] })
  | (TestBase & { kind: 'io'; direction: 'read' | 'write'; disk: boolean; operator: Operator; value: number; unit: number; operations: boolean })
  | (TestBase & { kind: 'uptime'; operator: Operator; seconds: number })
  | (TestBase & { kind: 'filedescriptors'; total: boolean; operator: Operator; value: number; percent: boolean })
  | (TestBase & { kind: 'pid' | 'ppid' })
  | (TestBase & { kind: 'uid' | 'euid' | 'gid'; id: Located<string | number> })
  | (TestBase & { kind: 'securityattribute'; attribute: Located<string> })
  | (TestBase & { kind: 'checksum'; changed: boolean; hashType?: 'md5' | 'sha1'; expect?: Located<string> })
  | (TestBase & { kind: 'timestamp'; which: 'timestamp' | 'atime' | 'ctime' | 'mtime'; changed: boolean; operator: Operator; seconds: number })
  | (TestBase & { kind: 'size'; changed: boolean; operator: Operator; bytes: number })
  | (TestBase & { kind: 'permission'; changed: boolean; mode?: Located<number> })
  | (TestBase & { kind: 'content'; negate: boolean; pattern: Located<string>; fromFile: boolean })
  | (TestBase & { kind: 'space' | 'inode'; free: boolean; operator: Operator; value: number; unit: number; percent: boolean })
  | (TestBase & { kind: 'servicetime'; operator: Operator; milliseconds: number })
  | (TestBase & { kind: 'fsflags' })
  | (TestBase & { kind: 'status'; changed: boolean; operator: Operator; value: number })
  | (TestBase & { kind: 'programcontent'; negate: boolean; pattern: Located<string> })
  | (TestBase & { kind: 'link'; form: 'down' | 'up' | 'failed' | 'changed' })
  | (TestBase & { kind: 'saturation'; operator: Operator; percent: number })
  | (TestBase & { kind: 'bandwidth'; direction: 'upload' | 'download'; total: boolean; operator: Operator; value: number; unit: number; packets: boolean; range?: { count: number; unit: 'minute' | 'hour' | 'day'; span: Span } })
  | (TestBase & { kind: 'port' | 'url' | 'unixsocket' | 'icmp'; succeeded: boolean; connection: ConnectionOptions });

export type TestKind = Test['kind'];

/** `ignore content`/`ignore match` (§8.13): not a test, a filter. */
export interface ContentFilter {
  negate: boolean;
  pattern: Located<string>;
  fromFile: boolean;
  span: Span;
}

/** §6.7 `if N restarts within M cycles then ACTION|timeout`. */
export interface RestartLimit {
  restarts: Located<number>;
  cycles: Located<number>;
  /** `timeout` is recorded as `unmonitor`, as Monit does, with `viaTimeout` set. */
  action: Action;
  viaTimeout: boolean;
  span: Span;
}

/** §4.14, §6.6 an alert recipient. */
export interface AlertRecipient {
  address: Located<string>;
  events: Located<string>[];
  /** `not { … }`: the events are excluded rather than selected. */
  exclude: boolean;
  reminder?: Located<number>;
  mailFormat?: MailFormat;
  span: Span;
}

export interface MailFormat {
  from?: Located<{ address?: string; name?: string }>;
  replyTo?: Located<{ address?: string; name?: string }>;
  subject?: Located<string>;
  message?: Located<string>;
  span: Span;
}

export type Every =
  | { kind: 'cycles'; cycles: Located<number>; span: Span }
  | { kind: 'cron'; spec: Located<string>; negate: boolean; span: Span };

export type ServiceKind = 'process' | 'file' | 'fifo' | 'directory' | 'filesystem' | 'host' | 'system' | 'program' | 'network';

interface ServiceBase {
  name: Located<string>;
  /** From the `check` keyword to the end of the last statement of the entry. */
  span: Span;
  /** The `check <type>` keyword. */
  keywordSpan: Span;
  start?: Command;
  stop?: Command;
  restart?: Command;
  every?: Every;
  /** Every `every` statement, for the "specified only once" warning. */
  everyStatements: Every[];
  mode?: Located<'active' | 'passive' | 'manual'>;
  /** The monitoring mode Monit runs: the last `mode active|passive` (`mode manual` leaves it). */
  monitoringMode?: Located<'active' | 'passive'>;
  /** The `set onreboot` in force when the entry was read (Monit copies it into the service then). */
  defaultOnreboot?: 'start' | 'nostart' | 'laststate';
  onreboot?: Located<'start' | 'nostart' | 'laststate'>;
  groups: Located<string>[];
  dependsOn: Located<string>[];
  alerts: AlertRecipient[];
  noalerts: Located<string>[];
  tests: Test[];
  contentFilters: ContentFilter[];
  restartLimits: RestartLimit[];
  /** False when a syntax error cut the entry short: its model is incomplete. */
  complete: boolean;
}

export type Service =
  | (ServiceBase & { kind: 'process'; pidfile?: Located<string>; matching?: Located<string> })
  | (ServiceBase & { kind: 'file' | 'fifo' | 'directory' | 'filesystem'; path: Located<string> })
  | (ServiceBase & { kind: 'host'; address: Located<string> })
  | (ServiceBase & { kind: 'system' })
  | (ServiceBase & { kind: 'program'; command: Command; timeout?: Located<number> })
  | (ServiceBase & { kind: 'network'; address?: Located<string>; interface?: Located<string> });

export interface SslOptions {
  verify?: Located<boolean>;
  selfsigned?: Located<'allow' | 'reject'>;
  versions: Located<string>[];
  ciphers?: Located<string>;
  pemfile?: Located<string>;
  pemchain?: Located<string>;
  pemkey?: Located<string>;
  clientpemfile?: Located<string>;
  cacertificatefile?: Located<string>;
  cacertificatepath?: Located<string>;
}

export interface MailServer {
  host: Located<string>;
  port?: Located<number>;
  username?: Located<string>;
  password?: Located<string>;
  ssl: boolean;
  sslOptions: SslOptions;
  span: Span;
}

export type AllowEntry =
  | { kind: 'credentials'; user: Located<string>; password: Located<string>; readonly: boolean; span: Span }
  | { kind: 'pam'; group: Located<string>; readonly: boolean; span: Span }
  | { kind: 'htpasswd'; file: Located<string>; digest: 'cleartext' | 'md5' | 'crypt'; users: Located<string>[]; span: Span }
  | { kind: 'host'; host: Located<string>; span: Span };

/** The merged `set httpd` statements (§4.15). */
export interface Httpd {
  port?: Located<number>;
  portReadonly: boolean;
  address?: Located<string>;
  addresses: Located<string>[];
  unixSocket?: Located<string>;
  unixSocketUid?: Located<string | number>;
  unixSocketGid?: Located<string | number>;
  unixSocketPermission?: Located<number>;
  unixSocketReadonly: boolean;
  ssl: boolean;
  sslOptions: SslOptions;
  signature: boolean;
  allow: AllowEntry[];
  /** Each `set httpd` statement. */
  spans: Span[];
}

export interface MMonitTarget {
  url: Located<import('../../grammar/lexer.js').UrlValue>;
  timeout?: Located<number>;
  registerCredentials: boolean;
  span: Span;
}

export interface Limits {
  programOutput: number;
  sendExpectBuffer: number;
  fileContentBuffer: number;
  httpContentBuffer: number;
  /** Milliseconds. */
  networkTimeout: number;
  programTimeout: number;
  stopTimeout: number;
  startTimeout: number;
  restartTimeout: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = {
  programOutput: 512,
  sendExpectBuffer: 256,
  fileContentBuffer: 512,
  httpContentBuffer: 1024 * 1024,
  networkTimeout: 5000,
  programTimeout: 300_000,
  stopTimeout: 30_000,
  startTimeout: 30_000,
  restartTimeout: 30_000,
};

/** The global `set` statements (§4); repeated statements: the last wins, as in Monit. */
export interface Settings {
  daemon?: { interval: Located<number>; startDelay?: Located<number>; span: Span };
  init?: Span;
  terminalBatch?: Span;
  log?: { target: Located<string>; syslog: boolean; facility?: Located<string>; span: Span };
  pidfile?: Located<string>;
  idfile?: Located<string>;
  statefile?: Located<string>;
  eventqueue?: { basedir?: Located<string>; slots?: Located<number>; span: Span };
  limits: Limits;
  expectBuffer?: Located<number>;
  onreboot?: Located<'start' | 'nostart' | 'laststate'>;
  fips?: Span;
  ssl?: { options: SslOptions; span: Span };
  mailservers: MailServer[];
  mailTimeout?: Located<number>;
  mailHostname?: Located<string>;
  mailFormat?: MailFormat;
  alerts: AlertRecipient[];
  httpd?: Httpd;
  mmonit: MMonitTarget[];
}

/** A file read while loading, with the `include` that brought it in. */
export interface LoadedFile {
  path: string;
  text: string;
  includedFrom?: { file: string; span: Span };
}

/** A whole control file with everything it includes. */
export interface Config {
  /** The control file as given. */
  file: string;
  files: LoadedFile[];
  settings: Settings;
  services: Service[];
}
