/**
 * The grammar of the Monit 5.33 control file (spec/monit-grammar.md, Appendix A), as a Chevrotain
 * CST parser. Rules are named after the manual's words and cite their section of the spec.
 *
 * The parser only decides structure. Values (ranges, regexes, users) are checked later, by the
 * model builder and `src/check`, as Monit checks them in its semantic actions.
 */
import { CstParser, type CstNode, type IOrAlt, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import { LazyLookaheadStrategy } from './lazy-lookahead.js';
import { isRealToken, TokenStream } from './lexer.js';
import { allTokens, T } from './tokens.js';

/**
 * What the model builder asks of a CST node's tokens, kept on every node by the parser as it
 * builds the node (no second walk over the tree): `seq` of the first and last real token below it
 * (Infinity / -Infinity when none), how many real tokens are below it (fewer than last - first +
 * 1 when error recovery skipped some inside it), and whether a token inserted or a node re-synced
 * by Chevrotain's error recovery lies below it. A real token is one the lexer made.
 */
export interface TokenExtent {
  first: number;
  last: number;
  count: number;
  recovered: boolean;
}

export type ExtentNode = CstNode & TokenExtent;


/** Which `else` part a test accepts (§7.3). */
type Recovery = 'success' | 'failure' | 'none';

const MAX_LOOKAHEAD = 4;

export class MonitParser extends CstParser {
  /**
   * The alternatives of each `OR` call site, built on the site's first call and reused: an
   * alternatives list is an array, an object and a closure per alternative, and the busy choice
   * points ran ~1.8 million times at 20,000 services. Only sites whose alternatives capture
   * nothing but `this` and constants are cached (a GATE reading a rule's argument is not).
   */
  private readonly alts: IOrAlt<unknown>[][] = [];

  constructor() {
    super(allTokens as TokenType[], {
      recoveryEnabled: true,
      maxLookahead: MAX_LOOKAHEAD,
      lookaheadStrategy: new LazyLookaheadStrategy({ maxLookahead: MAX_LOOKAHEAD }),
      nodeLocationTracking: 'none',
      skipValidations: process.env.MONITLINT_GRAMMAR_VALIDATIONS !== '1',
    });
    this.performSelfAnalysis();
  }

  /**
   * Chevrotain's own version of this hook gives every CST node `Object.create(null)` children,
   * which V8 keeps as a hash table (dictionary mode): slow to create, to read by label and to
   * walk. A plain `{}` is an ordinary fast object. No label of this grammar is a property of
   * Object.prototype (checked in test/grammar), so a lookup never finds an inherited member.
   * Every node also starts its {@link TokenExtent}, kept up to date by the two hooks below.
   */
  cstInvocationStateUpdate(fullRuleName: string): void {
    const self = this as unknown as { CST_STACK: CstNode[]; setInitialNodeLocation(n: CstNode): void };
    const node: ExtentNode = { name: fullRuleName, children: {}, first: Infinity, last: -Infinity, count: 0, recovered: false };
    self.setInitialNodeLocation(node);
    self.CST_STACK.push(node);
  }

  /** Chevrotain's hook for a consumed token: adds it under its label to the node being built. */
  cstPostTerminal(key: string, token: IToken): void {
    const node = this.addToCurrentNode(key, token);
    if (node === undefined) return;
    if (token.isInsertedInRecovery === true) node.recovered = true;
    else if (isRealToken(token)) {
      const seq = token.seq;
      if (seq < node.first) node.first = seq;
      if (seq > node.last) node.last = seq;
      node.count++;
    }
  }

  /** Chevrotain's hook for a finished sub-rule: adds its node to its parent's children. */
  cstPostNonTerminal(child: CstNode, ruleName: string): void {
    const node = this.addToCurrentNode(ruleName, child);
    const c = child as ExtentNode | undefined;
    if (node === undefined || c === undefined || c.count === undefined) return;
    // Chevrotain marks a re-synced node before it hands it to its parent.
    if (c.recoveredNode === true) c.recovered = true;
    if (c.first < node.first) node.first = c.first;
    if (c.last > node.last) node.last = c.last;
    node.count += c.count;
    if (c.recovered) node.recovered = true;
  }

  /** Appends `element` to the children labelled `key` of the node being built; that node. */
  private addToCurrentNode(key: string, element: IToken | CstNode): ExtentNode | undefined {
    const stack = (this as unknown as { CST_STACK: ExtentNode[] }).CST_STACK;
    const node = stack[stack.length - 1];
    if (node === undefined) return undefined;
    const list = node.children[key];
    if (list === undefined) node.children[key] = [element];
    else list.push(element);
    return node;
  }

  // ---------------------------------------------------------------------------------------------
  // §3 file structure

  public file = this.RULE('file', () => {
    this.MANY(() => {
      this.OR((this.alts[0] ??= [{ ALT: () => this.SUBRULE(this.setStatement) }, { ALT: () => this.SUBRULE(this.checkStatement) }]));
    });
  });

  // ---------------------------------------------------------------------------------------------
  // §4 global statements

  public setStatement = this.RULE('setStatement', () => {
    this.CONSUME(T.SET);
    this.OR((this.alts[1] ??= [
      { ALT: () => this.SUBRULE(this.setDaemon) },
      { ALT: () => this.CONSUME(T.INIT) },
      { ALT: () => this.SUBRULE(this.setTerminal) },
      { ALT: () => this.SUBRULE(this.setLog) },
      { ALT: () => this.SUBRULE(this.setFile) },
      { ALT: () => this.SUBRULE(this.setEventqueue) },
      { ALT: () => this.SUBRULE(this.setLimits) },
      { ALT: () => this.SUBRULE(this.setExpectbuffer) },
      { ALT: () => this.SUBRULE(this.onreboot) },
      { ALT: () => this.CONSUME(T.FIPS) },
      { ALT: () => this.SUBRULE(this.setSsl) },
      { ALT: () => this.SUBRULE(this.setMailserver) },
      { ALT: () => this.SUBRULE(this.mailFormat) },
      { ALT: () => this.SUBRULE(this.alert) },
      { ALT: () => this.SUBRULE(this.setHttpd) },
      { ALT: () => this.SUBRULE(this.setMmonit) },
    ]));
  });

  /** §4.1 `set daemon N [start delay N]` */
  public setDaemon = this.RULE('setDaemon', () => {
    this.CONSUME(T.DAEMON);
    this.CONSUME1(T.NUMBER, { LABEL: 'interval' });
    this.OPTION(() => {
      this.CONSUME(T.START);
      this.CONSUME(T.DELAY);
      this.CONSUME2(T.NUMBER, { LABEL: 'startDelay' });
    });
  });

  /** §4.3 `set terminal batch` */
  public setTerminal = this.RULE('setTerminal', () => {
    this.CONSUME(T.TERMINAL);
    this.CONSUME(T.BATCH);
  });

  /** §4.4 `set log PATH | set log syslog [facility NAME]` */
  public setLog = this.RULE('setLog', () => {
    this.CONSUME(T.LOG);
    this.OR((this.alts[2] ??= [
      { ALT: () => this.CONSUME(T.PATH) },
      {
        ALT: () => {
          this.CONSUME(T.SYSLOG);
          this.OPTION(() => {
            this.CONSUME(T.FACILITY);
            this.CONSUME(T.STRING, { LABEL: 'facility' });
          });
        },
      },
    ]));
  });

  /** §4.5 `set pidfile|idfile|statefile PATH` */
  public setFile = this.RULE('setFile', () => {
    this.OR((this.alts[3] ??= [{ ALT: () => this.CONSUME(T.PIDFILE) }, { ALT: () => this.CONSUME(T.IDFILE) }, { ALT: () => this.CONSUME(T.STATEFILE) }]));
    this.CONSUME(T.PATH);
  });

  /** §4.6 `set eventqueue basedir PATH [slots N] | set eventqueue slots N` */
  public setEventqueue = this.RULE('setEventqueue', () => {
    this.CONSUME(T.EVENTQUEUE);
    this.OR((this.alts[4] ??= [
      {
        ALT: () => {
          this.CONSUME(T.BASEDIR);
          this.CONSUME(T.PATH);
          this.OPTION(() => {
            this.CONSUME1(T.SLOT);
            this.CONSUME1(T.NUMBER);
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.SLOT);
          this.CONSUME2(T.NUMBER);
        },
      },
    ]));
  });

  /** §4.7 `set limits { … }` */
  public setLimits = this.RULE('setLimits', () => {
    this.CONSUME(T.LIMITS);
    this.CONSUME(T.LCURLY);
    this.MANY(() => this.SUBRULE(this.limit));
    this.CONSUME(T.RCURLY);
  });

  public limit = this.RULE('limit', () => {
    this.OR((this.alts[8] ??= [
      {
        ALT: () => {
          this.OR1((this.alts[5] ??= [
            { ALT: () => this.CONSUME(T.PROGRAMOUTPUT) },
            { ALT: () => this.CONSUME(T.SENDEXPECTBUFFER) },
            { ALT: () => this.CONSUME(T.FILECONTENTBUFFER) },
            { ALT: () => this.CONSUME(T.HTTPCONTENTBUFFER) },
          ]));
          this.CONSUME1(T.COLON);
          this.CONSUME1(T.NUMBER);
          this.OPTION(() => this.SUBRULE(this.sizeUnit));
        },
      },
      {
        ALT: () => {
          this.OR2((this.alts[6] ??= [
            { ALT: () => this.CONSUME(T.NETWORKTIMEOUT) },
            { ALT: () => this.CONSUME(T.PROGRAMTIMEOUT) },
            { ALT: () => this.CONSUME(T.STOPTIMEOUT) },
            { ALT: () => this.CONSUME(T.STARTTIMEOUT) },
            { ALT: () => this.CONSUME(T.RESTARTTIMEOUT) },
          ]));
          this.CONSUME2(T.COLON);
          this.CONSUME2(T.NUMBER);
          this.OR3((this.alts[7] ??= [{ ALT: () => this.CONSUME(T.MILLISECOND) }, { ALT: () => this.CONSUME(T.SECOND) }]));
        },
      },
    ]));
  });

  /** §4.8 `set expectbuffer N [unit]` */
  public setExpectbuffer = this.RULE('setExpectbuffer', () => {
    this.CONSUME(T.EXPECTBUFFER);
    this.CONSUME(T.NUMBER);
    this.OPTION(() => this.SUBRULE(this.sizeUnit));
  });

  /** §4.11 `set ssl { … }` */
  public setSsl = this.RULE('setSsl', () => {
    this.CONSUME(T.SSLTOKEN);
    this.SUBRULE(this.sslOptionBlock);
  });

  public sslOptionBlock = this.RULE('sslOptionBlock', () => {
    this.CONSUME(T.LCURLY);
    this.MANY(() => this.SUBRULE(this.sslOption));
    this.CONSUME(T.RCURLY);
  });

  public sslOption = this.RULE('sslOption', () => {
    this.OR((this.alts[12] ??= [
      {
        ALT: () => {
          this.CONSUME(T.VERIFY);
          this.CONSUME1(T.COLON);
          this.OR1((this.alts[9] ??= [{ ALT: () => this.CONSUME(T.ENABLE) }, { ALT: () => this.CONSUME(T.DISABLE) }]));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.SELFSIGNED);
          this.CONSUME2(T.COLON);
          this.OR2((this.alts[10] ??= [{ ALT: () => this.CONSUME(T.ALLOW) }, { ALT: () => this.CONSUME(T.REJECTOPT) }]));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.VERSIONOPT);
          this.CONSUME3(T.COLON);
          this.MANY(() => this.SUBRULE(this.sslVersion));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.CIPHER);
          this.CONSUME4(T.COLON);
          this.CONSUME(T.STRING);
        },
      },
      {
        ALT: () => {
          this.OR3((this.alts[11] ??= [
            { ALT: () => this.CONSUME(T.PEMFILE) },
            { ALT: () => this.CONSUME(T.PEMCHAIN) },
            { ALT: () => this.CONSUME(T.PEMKEY) },
            { ALT: () => this.CONSUME(T.CLIENTPEMFILE) },
            { ALT: () => this.CONSUME(T.CACERTIFICATEFILE) },
            { ALT: () => this.CONSUME(T.CACERTIFICATEPATH) },
          ]));
          this.CONSUME5(T.COLON);
          this.CONSUME(T.PATH);
        },
      },
    ]));
  });

  public sslVersion = this.RULE('sslVersion', () => {
    this.OR((this.alts[13] ??= [
      { ALT: () => this.CONSUME(T.AUTO) },
      { ALT: () => this.CONSUME(T.SSLV2) },
      { ALT: () => this.CONSUME(T.SSLV3) },
      { ALT: () => this.CONSUME(T.TLSV1) },
      { ALT: () => this.CONSUME(T.TLSV11) },
      { ALT: () => this.CONSUME(T.TLSV12) },
      { ALT: () => this.CONSUME(T.TLSV13) },
      { ALT: () => this.CONSUME(T.NOSSLV2) },
      { ALT: () => this.CONSUME(T.NOSSLV3) },
      { ALT: () => this.CONSUME(T.NOTLSV1) },
      { ALT: () => this.CONSUME(T.NOTLSV11) },
      { ALT: () => this.CONSUME(T.NOTLSV12) },
      { ALT: () => this.CONSUME(T.NOTLSV13) },
    ]));
  });

  /** §9.2 `ssl [{ … }]` as an option of a connection, httpd, mail server or M/Monit. */
  public sslSpec = this.RULE('sslSpec', () => {
    this.CONSUME(T.SSLTOKEN);
    this.OPTION(() => this.SUBRULE(this.sslOptionBlock));
  });

  /** §9.2 `certificate checksum [md5|sha1] [=] HASH | certificate valid [>] N days` */
  public certificate = this.RULE('certificate', () => {
    this.CONSUME(T.CERTIFICATE);
    this.OR((this.alts[14] ??= [
      {
        ALT: () => {
          this.CONSUME(T.CHECKSUM);
          this.OPTION1(() => this.SUBRULE(this.hashType));
          this.OPTION2(() => this.CONSUME(T.EQUAL));
          this.CONSUME(T.STRING, { LABEL: 'hash' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.VALID);
          this.OPTION3(() => this.CONSUME(T.GREATER));
          this.CONSUME(T.NUMBER);
          this.CONSUME(T.DAY);
        },
      },
    ]));
  });

  public hashType = this.RULE('hashType', () => {
    this.OR((this.alts[15] ??= [{ ALT: () => this.CONSUME(T.MD5HASH) }, { ALT: () => this.CONSUME(T.SHA1HASH) }]));
  });

  /** §4.12 `set mailserver …` */
  public setMailserver = this.RULE('setMailserver', () => {
    this.CONSUME(T.MAILSERVER);
    this.AT_LEAST_ONE(() => this.SUBRULE(this.mailServer));
    this.OPTION1(() => {
      this.CONSUME(T.TIMEOUT);
      this.CONSUME(T.NUMBER);
      this.CONSUME(T.SECOND);
    });
    this.OPTION2(() => {
      this.CONSUME(T.HOSTNAME);
      this.CONSUME(T.STRING, { LABEL: 'hostname' });
    });
  });

  public mailServer = this.RULE('mailServer', () => {
    this.CONSUME(T.STRING, { LABEL: 'host' });
    this.OPTION(() => {
      this.CONSUME(T.PORT);
      this.CONSUME(T.NUMBER);
    });
    this.MANY(() => {
      this.OR((this.alts[16] ??= [
        { ALT: () => this.SUBRULE(this.credential) },
        { ALT: () => this.SUBRULE(this.sslSpec) },
        { ALT: () => this.SUBRULE(this.certificate) },
        { ALT: () => this.SUBRULE(this.sslVersion) },
        { ALT: () => this.SUBRULE(this.certmd5) },
      ]));
    });
  });

  public certmd5 = this.RULE('certmd5', () => {
    this.CONSUME(T.CERTMD5);
    this.CONSUME(T.STRING);
  });

  /** `username NAME | password SECRET` (§4.12, §9.5) */
  public credential = this.RULE('credential', () => {
    this.OR((this.alts[18] ??= [
      {
        ALT: () => {
          this.CONSUME(T.USERNAME);
          this.OR1((this.alts[17] ??= [{ ALT: () => this.CONSUME1(T.STRING, { LABEL: 'username' }) }, { ALT: () => this.CONSUME(T.MAILADDR, { LABEL: 'username' }) }]));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.PASSWORD);
          this.CONSUME2(T.STRING, { LABEL: 'password' });
        },
      },
    ]));
  });

  /** §4.13 `mail-format { … }` */
  public mailFormat = this.RULE('mailFormat', () => {
    this.CONSUME(T.MAILFORMAT);
    this.CONSUME(T.LCURLY);
    this.AT_LEAST_ONE(() => {
      this.OR((this.alts[19] ??= [
        {
          ALT: () => {
            this.CONSUME(T.MAILFROM);
            this.CONSUME1(T.ADDRESSOBJECT, { LABEL: 'from' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.MAILREPLYTO);
            this.CONSUME2(T.ADDRESSOBJECT, { LABEL: 'replyTo' });
          },
        },
        { ALT: () => this.CONSUME(T.MAILSUBJECT) },
        { ALT: () => this.CONSUME(T.MAILBODY) },
      ]));
    });
    this.CONSUME(T.RCURLY);
  });

  /** §4.14, §6.6 `alert ADDR [[not] { events }] [mail-format { … }] [reminder N [cycles]]` */
  public alert = this.RULE('alert', () => {
    this.CONSUME(T.ALERT);
    this.CONSUME(T.MAILADDR);
    this.OPTION1(() => {
      this.OPTION2(() => this.CONSUME(T.NOT));
      this.CONSUME(T.LCURLY);
      this.AT_LEAST_ONE(() => this.SUBRULE(this.event));
      this.CONSUME(T.RCURLY);
    });
    this.OPTION3(() => this.SUBRULE(this.mailFormat));
    this.OPTION4(() => {
      this.CONSUME(T.REMINDER);
      this.CONSUME(T.NUMBER);
      this.OPTION5(() => this.CONSUME(T.CYCLE));
    });
  });

  public event = this.RULE('event', () => {
    this.OR((this.alts[20] ??= [
        T.ACTION, T.BYTEIN, T.BYTEOUT, T.CHECKSUM, T.CONNECTION, T.CONTENT, T.DATA, T.EXEC, T.EXIST, T.FSFLAG, T.GID,
        T.ICMP, T.INSTANCE, T.INVALID, T.LINK, T.NONEXIST, T.PACKETIN, T.PACKETOUT, T.PERMISSION, T.PID, T.PPID,
        T.RESOURCE, T.SATURATION, T.SIZE, T.SPEED, T.STATUS, T.TIMEOUT, T.TIME, T.UID, T.UPTIME,
      ].map((t) => ({ ALT: () => this.CONSUME(t) }))
    ));
  });

  /** §4.15 `set httpd …` */
  public setHttpd = this.RULE('setHttpd', () => {
    this.CONSUME(T.HTTPD);
    this.MANY(() => this.SUBRULE(this.httpdOption));
  });

  public httpdOption = this.RULE('httpdOption', () => {
    this.OR((this.alts[23] ??= [
      {
        ALT: () => {
          this.CONSUME(T.PORT);
          this.CONSUME(T.NUMBER);
          this.OPTION1(() => this.CONSUME1(T.READONLY));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.UNIXSOCKET);
          this.CONSUME1(T.PATH, { LABEL: 'socket' });
          this.MANY(() => this.SUBRULE(this.unixSocketOption));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.ADDRESS);
          this.CONSUME(T.STRING, { LABEL: 'address' });
        },
      },
      { ALT: () => this.SUBRULE(this.sslSpec) },
      {
        ALT: () => {
          this.CONSUME(T.PEMFILE);
          this.CONSUME2(T.PATH, { LABEL: 'pemfile' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.CLIENTPEMFILE);
          this.CONSUME3(T.PATH, { LABEL: 'clientpemfile' });
        },
      },
      { ALT: () => this.CONSUME(T.ALLOWSELFCERTIFICATION) },
      {
        ALT: () => {
          this.CONSUME1(T.SIGNATURE);
          this.OR1((this.alts[21] ??= [{ ALT: () => this.CONSUME1(T.ENABLE) }, { ALT: () => this.CONSUME1(T.DISABLE) }]));
        },
      },
      {
        ALT: () => {
          this.OR2((this.alts[22] ??= [{ ALT: () => this.CONSUME2(T.ENABLE) }, { ALT: () => this.CONSUME2(T.DISABLE) }]));
          this.CONSUME2(T.SIGNATURE);
        },
      },
      { ALT: () => this.SUBRULE(this.allow) },
    ]));
  });

  public unixSocketOption = this.RULE('unixSocketOption', () => {
    this.OR((this.alts[24] ??= [
      { ALT: () => this.SUBRULE(this.uidGid) },
      {
        ALT: () => {
          this.CONSUME(T.PERMISSION);
          this.CONSUME(T.NUMBER);
        },
      },
      { ALT: () => this.CONSUME(T.READONLY) },
    ]));
  });

  /** §4.15 `allow user:password | allow @group | allow [cleartext|md5|crypt] FILE [users] | allow host` */
  public allow = this.RULE('allow', () => {
    this.CONSUME(T.ALLOW);
    this.OR((this.alts[26] ??= [
      {
        ALT: () => {
          this.CONSUME1(T.STRING, { LABEL: 'user' });
          this.CONSUME(T.COLON);
          this.CONSUME2(T.STRING, { LABEL: 'password' });
          this.OPTION1(() => this.CONSUME1(T.READONLY));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.AT);
          this.CONSUME3(T.STRING, { LABEL: 'group' });
          this.OPTION2(() => this.CONSUME2(T.READONLY));
        },
      },
      {
        ALT: () => {
          this.OPTION3(() => {
            this.OR1((this.alts[25] ??= [{ ALT: () => this.CONSUME(T.CLEARTEXT) }, { ALT: () => this.CONSUME(T.MD5HASH) }, { ALT: () => this.CONSUME(T.CRYPT) }]));
          });
          this.CONSUME(T.PATH, { LABEL: 'htpasswd' });
          this.MANY(() => this.CONSUME4(T.STRING, { LABEL: 'users' }));
        },
      },
      { ALT: () => this.CONSUME5(T.STRING, { LABEL: 'host' }) },
    ]));
  });

  /** §4.16 `set mmonit URL [options] [register credentials] …` */
  public setMmonit = this.RULE('setMmonit', () => {
    this.CONSUME(T.MMONIT);
    this.AT_LEAST_ONE(() => this.SUBRULE(this.mmonitTarget));
  });

  public mmonitTarget = this.RULE('mmonitTarget', () => {
    this.CONSUME(T.URLOBJECT);
    this.MANY(() => {
      this.OR((this.alts[27] ??= [
        {
          ALT: () => {
            this.CONSUME(T.TIMEOUT);
            this.CONSUME(T.NUMBER);
            this.CONSUME(T.SECOND);
          },
        },
        { ALT: () => this.SUBRULE(this.sslSpec) },
        { ALT: () => this.SUBRULE(this.certificate) },
        { ALT: () => this.SUBRULE(this.sslVersion) },
        { ALT: () => this.SUBRULE(this.certmd5) },
      ]));
    });
    this.OPTION(() => {
      this.CONSUME(T.REGISTER);
      this.CONSUME(T.CREDENTIALS);
    });
  });

  // ---------------------------------------------------------------------------------------------
  // §5 service entries

  public checkStatement = this.RULE('checkStatement', () => {
    this.OR((this.alts[28] ??= [
      { ALT: () => this.SUBRULE(this.checkProcess) },
      { ALT: () => this.SUBRULE(this.checkFile) },
      { ALT: () => this.SUBRULE(this.checkFifo) },
      { ALT: () => this.SUBRULE(this.checkDirectory) },
      { ALT: () => this.SUBRULE(this.checkFilesystem) },
      { ALT: () => this.SUBRULE(this.checkHost) },
      { ALT: () => this.SUBRULE(this.checkSystem) },
      { ALT: () => this.SUBRULE(this.checkProgram) },
      { ALT: () => this.SUBRULE(this.checkNetwork) },
    ]));
  });

  /** §5.2 `check process NAME (pidfile PATH | path PATH | matching REGEX)` */
  public checkProcess = this.RULE('checkProcess', () => {
    this.CONSUME(T.CHECKPROC);
    this.CONSUME(T.SERVICENAME);
    this.OR((this.alts[31] ??= [
      {
        ALT: () => {
          this.OR1((this.alts[29] ??= [{ ALT: () => this.CONSUME(T.PIDFILE) }, { ALT: () => this.CONSUME(T.PATHTOK) }]));
          this.CONSUME1(T.PATH, { LABEL: 'pidfile' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.MATCH);
          this.OR2((this.alts[30] ??= [{ ALT: () => this.CONSUME(T.STRING, { LABEL: 'matching' }) }, { ALT: () => this.CONSUME2(T.PATH, { LABEL: 'matching' }) }]));
        },
      },
    ]));
    this.MANY(() => {
      this.OR3((this.alts[32] ??= [{ ALT: () => this.SUBRULE(this.commonStatement) }, { ALT: () => this.SUBRULE(this.processIf) }]));
    });
  });

  /** §5.2 `check file NAME path PATH` */
  public checkFile = this.RULE('checkFile', () => {
    this.CONSUME(T.CHECKFILE);
    this.CONSUME(T.SERVICENAME);
    this.CONSUME(T.PATHTOK);
    this.CONSUME(T.PATH);
    this.MANY(() => {
      this.OR((this.alts[33] ??= [
        { ALT: () => this.SUBRULE(this.commonStatement) },
        { ALT: () => this.SUBRULE(this.fileIf) },
        { ALT: () => this.SUBRULE(this.ignoreContent) },
      ]));
    });
  });

  /** §5.2 `check fifo NAME path PATH` */
  public checkFifo = this.RULE('checkFifo', () => {
    this.CONSUME(T.CHECKFIFO);
    this.CONSUME(T.SERVICENAME);
    this.CONSUME(T.PATHTOK);
    this.CONSUME(T.PATH);
    this.MANY(() => {
      this.OR((this.alts[34] ??= [{ ALT: () => this.SUBRULE(this.commonStatement) }, { ALT: () => this.SUBRULE(this.fifoIf) }]));
    });
  });

  /** §5.2 `check directory NAME path PATH` */
  public checkDirectory = this.RULE('checkDirectory', () => {
    this.CONSUME(T.CHECKDIR);
    this.CONSUME(T.SERVICENAME);
    this.CONSUME(T.PATHTOK);
    this.CONSUME(T.PATH);
    this.MANY(() => {
      this.OR((this.alts[35] ??= [{ ALT: () => this.SUBRULE(this.commonStatement) }, { ALT: () => this.SUBRULE(this.fifoIf) }]));
    });
  });

  /** §5.2 `check filesystem NAME path (PATH | DEVICE)` */
  public checkFilesystem = this.RULE('checkFilesystem', () => {
    this.CONSUME(T.CHECKFILESYS);
    this.CONSUME(T.SERVICENAME);
    this.CONSUME(T.PATHTOK);
    this.OR((this.alts[36] ??= [{ ALT: () => this.CONSUME(T.PATH) }, { ALT: () => this.CONSUME(T.STRING, { LABEL: 'PATH' }) }]));
    this.MANY(() => {
      this.OR1((this.alts[37] ??= [{ ALT: () => this.SUBRULE(this.commonStatement) }, { ALT: () => this.SUBRULE(this.filesystemIf) }]));
    });
  });

  /** §5.2 `check host NAME address ADDRESS` */
  public checkHost = this.RULE('checkHost', () => {
    this.CONSUME(T.CHECKHOST);
    this.CONSUME(T.SERVICENAME);
    this.CONSUME(T.ADDRESS);
    this.CONSUME(T.STRING, { LABEL: 'address' });
    this.MANY(() => {
      this.OR((this.alts[38] ??= [{ ALT: () => this.SUBRULE(this.commonStatement) }, { ALT: () => this.SUBRULE(this.hostIf) }]));
    });
  });

  /** §5.2 `check system NAME` */
  public checkSystem = this.RULE('checkSystem', () => {
    this.CONSUME(T.CHECKSYSTEM);
    this.CONSUME(T.SERVICENAME);
    this.MANY(() => {
      this.OR((this.alts[39] ??= [{ ALT: () => this.SUBRULE(this.commonStatement) }, { ALT: () => this.SUBRULE(this.systemIf) }]));
    });
  });

  /** §5.2 `check program NAME path COMMAND [as uid/gid] [timeout N seconds]` */
  public checkProgram = this.RULE('checkProgram', () => {
    this.CONSUME(T.CHECKPROGRAM);
    this.CONSUME(T.SERVICENAME);
    this.CONSUME(T.PATHTOK);
    this.SUBRULE(this.command);
    this.MANY1(() => this.SUBRULE(this.uidGid));
    this.OPTION(() => this.SUBRULE(this.timeoutSeconds));
    this.MANY2(() => {
      this.OR((this.alts[40] ??= [{ ALT: () => this.SUBRULE(this.commonStatement) }, { ALT: () => this.SUBRULE(this.programIf) }]));
    });
  });

  /** §5.2 `check network NAME (address ADDR | interface NAME)` */
  public checkNetwork = this.RULE('checkNetwork', () => {
    this.CONSUME(T.CHECKNET);
    this.CONSUME(T.SERVICENAME);
    this.OR((this.alts[41] ??= [{ ALT: () => this.CONSUME(T.ADDRESS) }, { ALT: () => this.CONSUME(T.INTERFACE) }]));
    this.CONSUME(T.STRING, { LABEL: 'interface' });
    this.MANY(() => {
      this.OR1((this.alts[42] ??= [{ ALT: () => this.SUBRULE(this.commonStatement) }, { ALT: () => this.SUBRULE(this.networkIf) }]));
    });
  });

  // ---------------------------------------------------------------------------------------------
  // §6 statements common to all service types

  public commonStatement = this.RULE('commonStatement', () => {
    this.OR((this.alts[43] ??= [
      { ALT: () => this.SUBRULE(this.method) },
      { ALT: () => this.SUBRULE(this.every) },
      { ALT: () => this.SUBRULE(this.mode) },
      { ALT: () => this.SUBRULE(this.onreboot) },
      { ALT: () => this.SUBRULE(this.group) },
      { ALT: () => this.SUBRULE(this.depends) },
      { ALT: () => this.SUBRULE(this.alert) },
      { ALT: () => this.SUBRULE(this.noalert) },
    ]));
  });

  /** §6.1 `start|stop|restart COMMAND [as uid/gid] [timeout N seconds]` */
  public method = this.RULE('method', () => {
    this.OR((this.alts[44] ??= [{ ALT: () => this.CONSUME(T.START) }, { ALT: () => this.CONSUME(T.STOP) }, { ALT: () => this.CONSUME(T.RESTART) }]));
    this.SUBRULE(this.command);
    this.MANY(() => this.SUBRULE(this.uidGid));
    this.OPTION(() => this.SUBRULE(this.timeoutSeconds));
  });

  /** A command: quoted command strings arrive as several STRING arguments (§1.11.3). */
  public command = this.RULE('command', () => {
    this.AT_LEAST_ONE(() => {
      this.OR((this.alts[45] ??= [{ ALT: () => this.CONSUME(T.STRING, { LABEL: 'arg' }) }, { ALT: () => this.CONSUME(T.PATH, { LABEL: 'arg' }) }]));
    });
  });

  public uidGid = this.RULE('uidGid', () => {
    this.OR((this.alts[46] ??= [{ ALT: () => this.CONSUME(T.UID) }, { ALT: () => this.CONSUME(T.GID) }]));
    this.OR1((this.alts[47] ??= [{ ALT: () => this.CONSUME(T.STRING, { LABEL: 'id' }) }, { ALT: () => this.CONSUME(T.NUMBER, { LABEL: 'id' }) }]));
  });

  public timeoutSeconds = this.RULE('timeoutSeconds', () => {
    this.CONSUME(T.TIMEOUT);
    this.CONSUME(T.NUMBER);
    this.CONSUME(T.SECOND);
  });

  /** §6.2 `every N cycles | every CRON | not every CRON` */
  public every = this.RULE('every', () => {
    this.OR((this.alts[49] ??= [
      {
        ALT: () => {
          this.CONSUME(T.EVERY);
          this.OR1((this.alts[48] ??= [
            {
              ALT: () => {
                this.CONSUME(T.NUMBER);
                this.CONSUME(T.CYCLE);
              },
            },
            { ALT: () => this.CONSUME1(T.TIMESPEC) },
          ]));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.NOTEVERY);
          this.CONSUME2(T.TIMESPEC);
        },
      },
    ]));
  });

  /** §6.3 `mode active|passive|manual` */
  public mode = this.RULE('mode', () => {
    this.CONSUME(T.MODE);
    this.OR((this.alts[50] ??= [{ ALT: () => this.CONSUME(T.ACTIVE) }, { ALT: () => this.CONSUME(T.PASSIVE) }, { ALT: () => this.CONSUME(T.MANUAL) }]));
  });

  /** §4.9, §6.3 `onreboot start|nostart|laststate` */
  public onreboot = this.RULE('onreboot', () => {
    this.CONSUME(T.ONREBOOT);
    this.OR((this.alts[51] ??= [{ ALT: () => this.CONSUME(T.START) }, { ALT: () => this.CONSUME(T.NOSTART) }, { ALT: () => this.CONSUME(T.LASTSTATE) }]));
  });

  /** §6.4 `group NAME` */
  public group = this.RULE('group', () => {
    this.CONSUME(T.GROUP);
    this.CONSUME(T.STRINGNAME);
  });

  /** §6.5 `depends on NAME[, NAME…]` */
  public depends = this.RULE('depends', () => {
    this.CONSUME(T.DEPENDS);
    this.AT_LEAST_ONE(() => this.CONSUME(T.SERVICENAME));
  });

  /** §6.6 `noalert ADDR` */
  public noalert = this.RULE('noalert', () => {
    this.CONSUME(T.NOALERT);
    this.CONSUME(T.MAILADDR);
  });

  // ---------------------------------------------------------------------------------------------
  // §7 the rule framework: `if … [rate] then action [else …]`

  /** `[rate] then ACTION [recovery]`, the part of every test after its condition. */
  public tail = this.RULE('tail', (recovery: Recovery = 'none') => {
    this.OPTION1(() => this.SUBRULE1(this.rate));
    this.CONSUME(T.THEN);
    this.SUBRULE1(this.action, { LABEL: 'failAction' });
    this.OPTION2({
      GATE: () => recovery !== 'none',
      DEF: () => {
        this.CONSUME(T.ELSE);
        this.OR([
          {
            ALT: () => {
              this.CONSUME(T.IF);
              this.OR1([
                { GATE: () => recovery === 'success', ALT: () => this.CONSUME(T.SUCCEEDED) },
                { GATE: () => recovery === 'success', ALT: () => this.CONSUME(T.RECOVERED) },
                { GATE: () => recovery === 'success', ALT: () => this.CONSUME(T.PASSED) },
                { GATE: () => recovery === 'failure', ALT: () => this.CONSUME(T.FAILED) },
              ]);
              this.OPTION3(() => this.SUBRULE2(this.rate, { LABEL: 'recoveryRate' }));
              this.CONSUME2(T.THEN);
              this.SUBRULE2(this.action, { LABEL: 'recoveryAction' });
            },
          },
          { ALT: () => this.SUBRULE3(this.action, { LABEL: 'recoveryAction' }) },
        ]);
      },
    });
  });

  /** §7.1 `N cycles | X Y cycles` (`for`, `times`, `within` are noise) */
  public rate = this.RULE('rate', () => {
    this.CONSUME1(T.NUMBER);
    this.OPTION(() => this.CONSUME2(T.NUMBER, { LABEL: 'cycles' }));
    this.CONSUME(T.CYCLE);
  });

  /** §10.1 actions */
  public action = this.RULE('action', () => {
    this.OR((this.alts[52] ??= [
      { ALT: () => this.CONSUME(T.ALERT) },
      { ALT: () => this.CONSUME(T.RESTART) },
      { ALT: () => this.CONSUME(T.START) },
      { ALT: () => this.CONSUME(T.STOP) },
      { ALT: () => this.CONSUME(T.UNMONITOR) },
      {
        ALT: () => {
          this.CONSUME(T.EXEC);
          this.SUBRULE(this.command);
          this.MANY(() => this.SUBRULE(this.uidGid));
          this.OPTION(() => {
            this.CONSUME(T.REPEAT);
            this.CONSUME(T.EVERY);
            this.CONSUME(T.NUMBER);
            this.CONSUME(T.CYCLE);
          });
        },
      },
    ]));
  });

  /** §6.7 `if N restarts within M cycles then ACTION|timeout` */
  public restartLimit = this.RULE('restartLimit', () => {
    this.CONSUME1(T.NUMBER, { LABEL: 'restarts' });
    this.CONSUME(T.RESTART);
    this.CONSUME2(T.NUMBER, { LABEL: 'cycles' });
    this.CONSUME(T.CYCLE);
    this.CONSUME(T.THEN);
    this.OR((this.alts[53] ??= [{ ALT: () => this.SUBRULE(this.action) }, { ALT: () => this.CONSUME(T.TIMEOUT) }]));
  });

  /** `[op]` of a comparison (§1.7); omitted means equal. */
  public operator = this.RULE('operator', () => {
    this.OR((this.alts[54] ??= [
      { ALT: () => this.CONSUME(T.GREATER) },
      { ALT: () => this.CONSUME(T.GREATEROREQUAL) },
      { ALT: () => this.CONSUME(T.LESS) },
      { ALT: () => this.CONSUME(T.LESSOREQUAL) },
      { ALT: () => this.CONSUME(T.EQUAL) },
      { ALT: () => this.CONSUME(T.NOTEQUAL) },
      { ALT: () => this.CONSUME(T.CHANGED) },
    ]));
  });

  public equality = this.RULE('equality', () => {
    this.OR((this.alts[55] ??= [{ ALT: () => this.CONSUME(T.EQUAL) }, { ALT: () => this.CONSUME(T.NOTEQUAL) }]));
  });

  /** `<value>` = NUMBER | REAL (§7.4) */
  public value = this.RULE('value', () => {
    this.OR((this.alts[56] ??= [{ ALT: () => this.CONSUME(T.NUMBER) }, { ALT: () => this.CONSUME(T.REAL) }]));
  });

  public sizeUnit = this.RULE('sizeUnit', () => {
    this.OR((this.alts[57] ??= [{ ALT: () => this.CONSUME(T.BYTE) }, { ALT: () => this.CONSUME(T.KILOBYTE) }, { ALT: () => this.CONSUME(T.MEGABYTE) }, { ALT: () => this.CONSUME(T.GIGABYTE) }]));
  });

  public timeUnit = this.RULE('timeUnit', () => {
    this.OR((this.alts[58] ??= [
      { ALT: () => this.CONSUME(T.SECOND) },
      { ALT: () => this.CONSUME(T.MINUTE) },
      { ALT: () => this.CONSUME(T.HOUR) },
      { ALT: () => this.CONSUME(T.DAY) },
      { ALT: () => this.CONSUME(T.MONTH) },
    ]));
  });

  // ---------------------------------------------------------------------------------------------
  // §8, §9 tests, by service type: `if` followed by one condition allowed for the type.

  public processIf = this.RULE('processIf', () => {
    this.CONSUME(T.IF);
    this.OR((this.alts[59] ??= [
      { ALT: () => this.SUBRULE(this.restartLimit) },
      { ALT: () => this.SUBRULE(this.existence) },
      { ALT: () => this.SUBRULE(this.changedPid) },
      { ALT: () => this.SUBRULE(this.owner, { ARGS: [true] }) },
      { ALT: () => this.SUBRULE(this.securityAttribute) },
      { ALT: () => this.SUBRULE(this.fileDescriptors, { ARGS: [true] }) },
      { ALT: () => this.SUBRULE(this.uptime) },
      { ALT: () => this.SUBRULE(this.connection, { ARGS: ['process'] }) },
      { ALT: () => this.SUBRULE(this.processResources) },
    ]));
  });

  public fileIf = this.RULE('fileIf', () => {
    this.CONSUME(T.IF);
    this.OR((this.alts[60] ??= [
      { ALT: () => this.SUBRULE(this.restartLimit) },
      { ALT: () => this.SUBRULE(this.existence) },
      { ALT: () => this.SUBRULE(this.timestamp) },
      { ALT: () => this.SUBRULE(this.permission) },
      { ALT: () => this.SUBRULE(this.owner) },
      { ALT: () => this.SUBRULE(this.checksum) },
      { ALT: () => this.SUBRULE(this.size) },
      { ALT: () => this.SUBRULE(this.content) },
    ]));
  });

  /** fifo and directory entries (§5.3) */
  public fifoIf = this.RULE('fifoIf', () => {
    this.CONSUME(T.IF);
    this.OR((this.alts[61] ??= [
      { ALT: () => this.SUBRULE(this.restartLimit) },
      { ALT: () => this.SUBRULE(this.existence) },
      { ALT: () => this.SUBRULE(this.timestamp) },
      { ALT: () => this.SUBRULE(this.permission) },
      { ALT: () => this.SUBRULE(this.owner) },
    ]));
  });

  public filesystemIf = this.RULE('filesystemIf', () => {
    this.CONSUME(T.IF);
    this.OR((this.alts[62] ??= [
      { ALT: () => this.SUBRULE(this.restartLimit) },
      { ALT: () => this.SUBRULE(this.existence) },
      { ALT: () => this.SUBRULE(this.permission) },
      { ALT: () => this.SUBRULE(this.owner) },
      { ALT: () => this.SUBRULE(this.filesystemTest) },
    ]));
  });

  public hostIf = this.RULE('hostIf', () => {
    this.CONSUME(T.IF);
    this.OR((this.alts[63] ??= [{ ALT: () => this.SUBRULE(this.restartLimit) }, { ALT: () => this.SUBRULE(this.connection, { ARGS: ['host'] }) }]));
  });

  public systemIf = this.RULE('systemIf', () => {
    this.CONSUME(T.IF);
    this.OR((this.alts[64] ??= [
      { ALT: () => this.SUBRULE(this.restartLimit) },
      { ALT: () => this.SUBRULE(this.systemResources) },
      { ALT: () => this.SUBRULE(this.uptime) },
      { ALT: () => this.SUBRULE(this.fileDescriptors) },
    ]));
  });

  public programIf = this.RULE('programIf', () => {
    this.CONSUME(T.IF);
    this.OR((this.alts[65] ??= [{ ALT: () => this.SUBRULE(this.restartLimit) }, { ALT: () => this.SUBRULE(this.programTest) }]));
  });

  public networkIf = this.RULE('networkIf', () => {
    this.CONSUME(T.IF);
    this.OR((this.alts[66] ??= [{ ALT: () => this.SUBRULE(this.restartLimit) }, { ALT: () => this.SUBRULE(this.networkTest) }]));
  });

  /** §8.1 `[not] exist` */
  public existence = this.RULE('existence', () => {
    this.OPTION(() => this.CONSUME(T.NOT));
    this.CONSUME(T.EXIST);
    this.SUBRULE(this.tail, { ARGS: ['success'] });
  });

  /** §8.6 `changed pid|ppid` */
  public changedPid = this.RULE('changedPid', () => {
    this.CONSUME(T.CHANGED);
    this.OR((this.alts[67] ??= [{ ALT: () => this.CONSUME(T.PID) }, { ALT: () => this.CONSUME(T.PPID) }]));
    this.SUBRULE(this.tail, { ARGS: ['none'] });
  });

  /** §8.7 `failed uid|euid|gid ID`; `euid` only in a process entry. */
  public owner = this.RULE('owner', (euid: boolean = false) => {
    this.CONSUME(T.FAILED);
    this.OR([
      { ALT: () => this.CONSUME(T.UID) },
      { GATE: () => euid, ALT: () => this.CONSUME(T.EUID) },
      { ALT: () => this.CONSUME(T.GID) },
    ]);
    this.OR1((this.alts[68] ??= [{ ALT: () => this.CONSUME(T.STRING, { LABEL: 'id' }) }, { ALT: () => this.CONSUME(T.NUMBER, { LABEL: 'id' }) }]));
    this.SUBRULE(this.tail, { ARGS: ['success'] });
  });

  /** §8.8 `failed security attribute LABEL` */
  public securityAttribute = this.RULE('securityAttribute', () => {
    this.CONSUME(T.FAILED);
    this.CONSUME(T.SECURITY);
    this.CONSUME(T.ATTRIBUTE);
    this.OR((this.alts[69] ??= [{ ALT: () => this.CONSUME(T.STRING, { LABEL: 'attribute' }) }, { ALT: () => this.CONSUME(T.PATH, { LABEL: 'attribute' }) }]));
    this.SUBRULE(this.tail, { ARGS: ['success'] });
  });

  /** §8.5 `[total] filedescriptors [op] N | [op] V %`; `total` only in a process entry. */
  public fileDescriptors = this.RULE('fileDescriptors', (total: boolean = false) => {
    this.OPTION1({ GATE: () => total, DEF: () => this.CONSUME(T.TOTAL) });
    this.CONSUME(T.FILEDESCRIPTORS);
    this.OPTION2(() => this.SUBRULE(this.operator));
    this.OR((this.alts[70] ??= [
      {
        ALT: () => {
          this.CONSUME(T.NUMBER);
          this.OPTION3(() => this.CONSUME1(T.PERCENT));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.REAL);
          this.CONSUME2(T.PERCENT);
        },
      },
    ]));
    this.SUBRULE(this.tail, { ARGS: ['success'] });
  });

  /** §8.4 `uptime [op] N [unit]` */
  public uptime = this.RULE('uptime', () => {
    this.CONSUME(T.UPTIME);
    this.OPTION1(() => this.SUBRULE(this.operator));
    this.CONSUME(T.NUMBER);
    this.OPTION2(() => this.SUBRULE(this.timeUnit));
    this.SUBRULE(this.tail, { ARGS: ['success'] });
  });

  /** §8.2 one or more process resource conditions; Monit keeps only the last (§7.1). */
  public processResources = this.RULE('processResources', () => {
    this.AT_LEAST_ONE(() => this.SUBRULE(this.processResource));
    this.SUBRULE(this.tail, { ARGS: ['success'] });
  });

  public processResource = this.RULE('processResource', () => {
    this.OR((this.alts[77] ??= [
      {
        ALT: () => {
          this.OR1((this.alts[71] ??= [{ ALT: () => this.CONSUME(T.CPU) }, { ALT: () => this.CONSUME(T.TOTALCPU) }]));
          this.OPTION1(() => this.SUBRULE1(this.operator));
          this.SUBRULE1(this.value);
          this.CONSUME1(T.PERCENT);
        },
      },
      {
        ALT: () => {
          this.OR2((this.alts[72] ??= [{ ALT: () => this.CONSUME(T.MEMORY) }, { ALT: () => this.CONSUME(T.TOTALMEMORY) }]));
          this.OPTION2(() => this.SUBRULE2(this.operator));
          this.SUBRULE2(this.value);
          this.OPTION3(() => {
            this.OR3((this.alts[73] ??= [{ ALT: () => this.SUBRULE1(this.sizeUnit) }, { ALT: () => this.CONSUME2(T.PERCENT) }]));
          });
        },
      },
      {
        ALT: () => {
          this.OR4((this.alts[74] ??= [{ ALT: () => this.CONSUME(T.THREADS) }, { ALT: () => this.CONSUME(T.CHILDREN) }]));
          this.OPTION4(() => this.SUBRULE3(this.operator));
          this.CONSUME1(T.NUMBER);
        },
      },
      { ALT: () => this.SUBRULE(this.loadavg) },
      {
        ALT: () => {
          this.OR5((this.alts[75] ??= [{ ALT: () => this.CONSUME1(T.READ) }, { ALT: () => this.CONSUME1(T.WRITE) }]));
          this.SUBRULE1(this.ioAmount, { ARGS: [false] });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.DISK);
          this.OR6((this.alts[76] ??= [{ ALT: () => this.CONSUME2(T.READ) }, { ALT: () => this.CONSUME2(T.WRITE) }]));
          this.SUBRULE2(this.ioAmount, { ARGS: [true] });
        },
      },
    ]));
  });

  /** `[op] V [unit] [/s]` bytes, or `[op] N operations/s` where operations are allowed. */
  public ioAmount = this.RULE('ioAmount', (operations: boolean = true) => {
    this.OPTION1(() => this.SUBRULE(this.operator));
    this.OR([
      {
        GATE: () => operations,
        ALT: () => {
          this.CONSUME1(T.NUMBER);
          this.CONSUME(T.OPERATION);
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.value);
          this.OPTION2(() => this.SUBRULE(this.sizeUnit));
          this.OPTION3(() => this.CONSUME(T.SECOND));
        },
      },
    ]);
  });

  /** §8.2/§8.3 `loadavg[(1|5|15 min)] [per core] [op] V` */
  public loadavg = this.RULE('loadavg', () => {
    this.OR((this.alts[78] ??= [{ ALT: () => this.CONSUME(T.LOADAVG1) }, { ALT: () => this.CONSUME(T.LOADAVG5) }, { ALT: () => this.CONSUME(T.LOADAVG15) }]));
    this.OPTION1(() => this.CONSUME(T.CORE));
    this.OPTION2(() => this.SUBRULE(this.operator));
    this.SUBRULE(this.value);
  });

  /** §8.3 one or more system resource conditions; only the last is kept. */
  public systemResources = this.RULE('systemResources', () => {
    this.AT_LEAST_ONE(() => this.SUBRULE(this.systemResource));
    this.SUBRULE(this.tail, { ARGS: ['success'] });
  });

  public systemResource = this.RULE('systemResource', () => {
    this.OR((this.alts[82] ??= [
      { ALT: () => this.SUBRULE(this.loadavg) },
      {
        ALT: () => {
          this.OR1((this.alts[79] ??= [T.CPU, T.CPUUSER, T.CPUSYSTEM, T.CPUWAIT, T.CPUNICE, T.CPUHARDIRQ, T.CPUSOFTIRQ, T.CPUSTEAL, T.CPUGUEST, T.CPUGUESTNICE].map((t) => ({
              ALT: () => this.CONSUME(t),
            }))
          ));
          this.OPTION1(() => this.SUBRULE1(this.operator));
          this.SUBRULE1(this.value);
          this.CONSUME1(T.PERCENT);
        },
      },
      {
        ALT: () => {
          this.OR2((this.alts[80] ??= [{ ALT: () => this.CONSUME(T.MEMORY) }, { ALT: () => this.CONSUME(T.SWAP) }]));
          this.OPTION2(() => this.SUBRULE2(this.operator));
          this.SUBRULE2(this.value);
          this.OPTION3(() => {
            this.OR3((this.alts[81] ??= [{ ALT: () => this.SUBRULE(this.sizeUnit) }, { ALT: () => this.CONSUME2(T.PERCENT) }]));
          });
        },
      },
    ]));
  });

  /** §8.9 `failed [md5|sha1] checksum [expect HASH] | changed [md5|sha1] checksum` */
  public checksum = this.RULE('checksum', () => {
    this.OR((this.alts[83] ??= [
      {
        ALT: () => {
          this.CONSUME(T.FAILED);
          this.OPTION1(() => this.SUBRULE1(this.hashType));
          this.CONSUME1(T.CHECKSUM);
          this.OPTION2(() => {
            this.CONSUME(T.EXPECT);
            this.CONSUME(T.STRING, { LABEL: 'expect' });
          });
          this.SUBRULE1(this.tail, { ARGS: ['success'] });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.CHANGED);
          this.OPTION3(() => this.SUBRULE2(this.hashType));
          this.CONSUME2(T.CHECKSUM);
          this.SUBRULE2(this.tail, { ARGS: ['none'] });
        },
      },
    ]));
  });

  public timestampKind = this.RULE('timestampKind', () => {
    this.OR((this.alts[84] ??= [{ ALT: () => this.CONSUME(T.TIME) }, { ALT: () => this.CONSUME(T.ATIME) }, { ALT: () => this.CONSUME(T.CTIME) }, { ALT: () => this.CONSUME(T.MTIME) }]));
  });

  /** §8.10 `KIND [op] N [unit] | changed KIND` */
  public timestamp = this.RULE('timestamp', () => {
    this.OR((this.alts[85] ??= [
      {
        ALT: () => {
          this.SUBRULE1(this.timestampKind);
          this.OPTION1(() => this.SUBRULE(this.operator));
          this.CONSUME(T.NUMBER);
          this.OPTION2(() => this.SUBRULE(this.timeUnit));
          this.SUBRULE1(this.tail, { ARGS: ['success'] });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.CHANGED);
          this.SUBRULE2(this.timestampKind);
          this.SUBRULE2(this.tail, { ARGS: ['none'] });
        },
      },
    ]));
  });

  /** §8.11 `size [op] N [unit] | changed size` */
  public size = this.RULE('size', () => {
    this.OR((this.alts[86] ??= [
      {
        ALT: () => {
          this.CONSUME1(T.SIZE);
          this.OPTION1(() => this.SUBRULE(this.operator));
          this.CONSUME(T.NUMBER);
          this.OPTION2(() => this.SUBRULE(this.sizeUnit));
          this.SUBRULE1(this.tail, { ARGS: ['success'] });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.CHANGED);
          this.CONSUME2(T.SIZE);
          this.SUBRULE2(this.tail, { ARGS: ['none'] });
        },
      },
    ]));
  });

  /** §8.12 `failed permission OCTAL | changed permission` */
  public permission = this.RULE('permission', () => {
    this.OR((this.alts[87] ??= [
      {
        ALT: () => {
          this.CONSUME(T.FAILED);
          this.CONSUME1(T.PERMISSION);
          this.CONSUME(T.NUMBER);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.CHANGED);
          this.CONSUME2(T.PERMISSION);
        },
      },
    ]));
    this.SUBRULE(this.tail, { ARGS: ['success'] });
  });

  /** §8.13 `content =|!= PATTERN | [not] match PATTERN` (file) */
  public content = this.RULE('content', () => {
    this.SUBRULE(this.contentCondition);
    this.SUBRULE(this.tail, { ARGS: ['none'] });
  });

  /** §8.13 `ignore content =|!= PATTERN | ignore [not] match PATTERN` */
  public ignoreContent = this.RULE('ignoreContent', () => {
    this.CONSUME(T.IGNORE);
    this.SUBRULE(this.contentCondition);
  });

  public contentCondition = this.RULE('contentCondition', () => {
    this.OR((this.alts[88] ??= [
      {
        ALT: () => {
          this.CONSUME(T.CONTENT);
          this.SUBRULE(this.equality);
        },
      },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(T.NOT));
          this.CONSUME(T.MATCH);
        },
      },
    ]));
    this.OR1((this.alts[89] ??= [{ ALT: () => this.CONSUME(T.STRING, { LABEL: 'pattern' }) }, { ALT: () => this.CONSUME(T.PATH, { LABEL: 'pattern' }) }]));
  });

  /** §8.14 filesystem tests */
  public filesystemTest = this.RULE('filesystemTest', () => {
    this.OR((this.alts[94] ??= [
      {
        ALT: () => {
          this.CONSUME(T.SPACE);
          this.OPTION1(() => this.CONSUME1(T.TFREE));
          this.OPTION2(() => this.SUBRULE1(this.operator));
          this.SUBRULE1(this.value);
          this.OPTION3(() => {
            this.OR1((this.alts[90] ??= [{ ALT: () => this.SUBRULE(this.sizeUnit) }, { ALT: () => this.CONSUME1(T.PERCENT) }]));
          });
          this.SUBRULE1(this.tail, { ARGS: ['success'] });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.INODE);
          this.OPTION4(() => this.CONSUME2(T.TFREE));
          this.OPTION5(() => this.SUBRULE2(this.operator));
          this.OR2((this.alts[91] ??= [
            {
              ALT: () => {
                this.CONSUME1(T.NUMBER);
                this.OPTION6(() => this.CONSUME2(T.PERCENT));
              },
            },
            {
              ALT: () => {
                this.CONSUME1(T.REAL);
                this.CONSUME3(T.PERCENT);
              },
            },
          ]));
          this.SUBRULE2(this.tail, { ARGS: ['success'] });
        },
      },
      {
        ALT: () => {
          this.OR3((this.alts[92] ??= [{ ALT: () => this.CONSUME(T.READ) }, { ALT: () => this.CONSUME(T.WRITE) }]));
          this.SUBRULE(this.ioAmount, { ARGS: [true] });
          this.SUBRULE3(this.tail, { ARGS: ['success'] });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.SERVICETIME);
          this.OPTION7(() => this.SUBRULE3(this.operator));
          this.OR4((this.alts[93] ??= [
            {
              ALT: () => {
                this.CONSUME2(T.NUMBER);
                this.CONSUME(T.MILLISECOND);
              },
            },
            {
              ALT: () => {
                this.SUBRULE2(this.value);
                this.CONSUME(T.SECOND);
              },
            },
          ]));
          this.SUBRULE4(this.tail, { ARGS: ['success'] });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.CHANGED);
          this.CONSUME(T.FSFLAG);
          this.SUBRULE5(this.tail, { ARGS: ['none'] });
        },
      },
    ]));
  });

  /** §8.15 program tests */
  public programTest = this.RULE('programTest', () => {
    this.OR((this.alts[95] ??= [
      {
        ALT: () => {
          this.CONSUME1(T.STATUS);
          this.OPTION(() => this.SUBRULE(this.operator));
          this.CONSUME(T.NUMBER);
          this.SUBRULE1(this.tail, { ARGS: ['success'] });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.CHANGED);
          this.CONSUME2(T.STATUS);
          this.SUBRULE2(this.tail, { ARGS: ['none'] });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.CONTENT);
          this.SUBRULE(this.equality);
          this.CONSUME(T.STRING, { LABEL: 'pattern' });
          this.SUBRULE3(this.tail, { ARGS: ['none'] });
        },
      },
    ]));
  });

  /** §8.16 network interface tests */
  public networkTest = this.RULE('networkTest', () => {
    this.OR((this.alts[100] ??= [
      {
        ALT: () => {
          this.CONSUME1(T.LINK);
          this.CONSUME(T.DOWN);
          this.SUBRULE1(this.tail, { ARGS: ['success'] });
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.LINK);
          this.CONSUME(T.UP);
          this.SUBRULE2(this.tail, { ARGS: ['failure'] });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.FAILED);
          this.CONSUME3(T.LINK);
          this.SUBRULE3(this.tail, { ARGS: ['success'] });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.CHANGED);
          this.CONSUME4(T.LINK);
          this.SUBRULE4(this.tail, { ARGS: ['success'] });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.SATURATION);
          this.OPTION1(() => this.SUBRULE1(this.operator));
          this.CONSUME1(T.NUMBER);
          this.CONSUME(T.PERCENT);
          this.SUBRULE5(this.tail, { ARGS: ['success'] });
        },
      },
      {
        ALT: () => {
          this.OPTION2(() => this.CONSUME(T.TOTAL));
          this.OR1((this.alts[96] ??= [{ ALT: () => this.CONSUME(T.UPLOAD) }, { ALT: () => this.CONSUME(T.DOWNLOAD) }]));
          this.OPTION3(() => this.SUBRULE2(this.operator));
          this.CONSUME2(T.NUMBER);
          this.OPTION4(() => {
            this.OR2((this.alts[97] ??= [{ ALT: () => this.SUBRULE(this.sizeUnit) }, { ALT: () => this.CONSUME(T.PACKET) }]));
          });
          this.OPTION5(() => {
            this.OR3((this.alts[99] ??= [
              { ALT: () => this.CONSUME(T.SECOND) },
              {
                ALT: () => {
                  this.OPTION6(() => this.CONSUME3(T.NUMBER, { LABEL: 'range' }));
                  this.OR4((this.alts[98] ??= [{ ALT: () => this.CONSUME(T.MINUTE) }, { ALT: () => this.CONSUME(T.HOUR) }, { ALT: () => this.CONSUME(T.DAY) }]));
                },
              },
            ]));
          });
          this.SUBRULE6(this.tail, { ARGS: ['success'] });
        },
      },
    ]));
  });

  // ---------------------------------------------------------------------------------------------
  // §9 connection tests

  /** §9.1, §9.3, §9.4, §9.7 `failed|succeeded (port … | url … | unixsocket … | ping …)` */
  public connection = this.RULE('connection', (service: 'process' | 'host' = 'process') => {
    let recovery: Recovery = 'success';
    this.OR([
      { ALT: () => this.CONSUME(T.FAILED) },
      {
        ALT: () => {
          this.CONSUME(T.SUCCEEDED);
          recovery = 'failure';
        },
      },
    ]);
    this.OR1([
      { ALT: () => this.SUBRULE(this.portTest) },
      { ALT: () => this.SUBRULE(this.urlTest) },
      { GATE: () => service === 'process', ALT: () => this.SUBRULE(this.unixTest) },
      { GATE: () => service === 'host', ALT: () => this.SUBRULE(this.icmpTest) },
    ]);
    this.SUBRULE(this.tail, { ARGS: [recovery] });
  });

  public portTest = this.RULE('portTest', () => {
    this.OPTION(() => {
      this.CONSUME(T.HOST);
      this.CONSUME(T.STRING, { LABEL: 'host' });
    });
    this.CONSUME(T.PORT);
    this.CONSUME(T.NUMBER, { LABEL: 'port' });
    this.MANY(() => this.SUBRULE(this.portOption));
  });

  public portOption = this.RULE('portOption', () => {
    this.OR((this.alts[101] ??= [
      { ALT: () => this.CONSUME(T.IPV4) },
      { ALT: () => this.CONSUME(T.IPV6) },
      { ALT: () => this.SUBRULE(this.connectionType) },
      { ALT: () => this.SUBRULE(this.protocol) },
      { ALT: () => this.SUBRULE(this.sendExpect) },
      {
        ALT: () => {
          this.CONSUME(T.CONTENT);
          this.SUBRULE(this.equality);
          this.CONSUME1(T.STRING, { LABEL: 'content' });
        },
      },
      { ALT: () => this.SUBRULE(this.timeoutSeconds) },
      { ALT: () => this.SUBRULE(this.responseTime) },
      {
        ALT: () => {
          this.CONSUME(T.ADDRESS);
          this.CONSUME2(T.STRING, { LABEL: 'address' });
        },
      },
      { ALT: () => this.SUBRULE(this.retry) },
      { ALT: () => this.SUBRULE(this.sslSpec) },
      { ALT: () => this.SUBRULE(this.certificate) },
    ]));
  });

  public urlTest = this.RULE('urlTest', () => {
    this.CONSUME(T.URL);
    this.CONSUME(T.URLOBJECT);
    this.MANY(() => {
      this.OR((this.alts[102] ??= [
        {
          ALT: () => {
            this.CONSUME(T.CONTENT);
            this.SUBRULE(this.equality);
            this.CONSUME(T.STRING, { LABEL: 'content' });
          },
        },
        { ALT: () => this.SUBRULE(this.timeoutSeconds) },
        { ALT: () => this.SUBRULE(this.retry) },
        { ALT: () => this.SUBRULE(this.sslSpec) },
        { ALT: () => this.SUBRULE(this.certificate) },
      ]));
    });
  });

  public unixTest = this.RULE('unixTest', () => {
    this.CONSUME(T.UNIXSOCKET);
    this.CONSUME(T.PATH, { LABEL: 'socket' });
    this.MANY(() => {
      this.OR((this.alts[103] ??= [
        { ALT: () => this.SUBRULE(this.connectionType) },
        { ALT: () => this.SUBRULE(this.protocol) },
        { ALT: () => this.SUBRULE(this.sendExpect) },
        { ALT: () => this.SUBRULE(this.timeoutSeconds) },
        { ALT: () => this.SUBRULE(this.responseTime) },
        { ALT: () => this.SUBRULE(this.retry) },
      ]));
    });
  });

  public icmpTest = this.RULE('icmpTest', () => {
    this.OR((this.alts[104] ??= [
      { ALT: () => this.CONSUME(T.PING) },
      { ALT: () => this.CONSUME(T.PING4) },
      { ALT: () => this.CONSUME(T.PING6) },
      {
        ALT: () => {
          this.CONSUME(T.ICMP);
          this.CONSUME(T.TYPE);
          this.CONSUME(T.ICMPECHO);
        },
      },
    ]));
    this.MANY(() => {
      this.OR1((this.alts[105] ??= [
        {
          ALT: () => {
            this.CONSUME(T.COUNT);
            this.CONSUME1(T.NUMBER, { LABEL: 'count' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.SIZE);
            this.CONSUME2(T.NUMBER, { LABEL: 'size' });
          },
        },
        { ALT: () => this.SUBRULE(this.timeoutSeconds) },
        {
          ALT: () => {
            this.CONSUME(T.ADDRESS);
            this.CONSUME(T.STRING, { LABEL: 'address' });
          },
        },
        { ALT: () => this.SUBRULE(this.responseTime) },
      ]));
    });
  });

  public retry = this.RULE('retry', () => {
    this.CONSUME(T.RETRY);
    this.CONSUME(T.NUMBER);
  });

  public responseTime = this.RULE('responseTime', () => {
    this.CONSUME(T.RESPONSETIME);
    this.OPTION(() => this.SUBRULE(this.operator));
    this.CONSUME(T.NUMBER);
    this.OR((this.alts[106] ??= [{ ALT: () => this.CONSUME(T.MILLISECOND) }, { ALT: () => this.CONSUME(T.SECOND) }]));
  });

  public sendExpect = this.RULE('sendExpect', () => {
    this.OR((this.alts[107] ??= [{ ALT: () => this.CONSUME(T.SEND) }, { ALT: () => this.CONSUME(T.EXPECT) }]));
    this.CONSUME(T.STRING, { LABEL: 'data' });
  });

  public connectionType = this.RULE('connectionType', () => {
    this.CONSUME(T.TYPE);
    this.OR((this.alts[109] ??= [
      { ALT: () => this.CONSUME(T.TCP) },
      { ALT: () => this.CONSUME(T.UDP) },
      {
        ALT: () => {
          this.CONSUME(T.TCPSSL);
          this.MANY(() => {
            this.OR1((this.alts[108] ??= [{ ALT: () => this.SUBRULE(this.sslVersion) }, { ALT: () => this.SUBRULE(this.certmd5) }]));
          });
        },
      },
    ]));
  });

  /** §9.5 `protocol NAME [options]`: the options belong to the protocol and must follow it. */
  public protocol = this.RULE('protocol', () => {
    this.CONSUME(T.PROTOCOL);
    this.OR((this.alts[116] ??= [
      ...[
        T.DEFAULT, T.CLAMAV, T.DNS, T.DWP, T.FAIL2BAN, T.FTP, T.GPS, T.IMAP, T.IMAPS, T.LDAP2, T.LDAP3, T.LMTP, T.MEMCACHE,
        T.MONGODB, T.NNTP, T.NTP3, T.POP, T.POPS, T.POSTFIXPOLICY, T.RDATE, T.REDIS, T.RSYNC, T.SIEVE, T.SPAMASSASSIN, T.SSH, T.TNS,
      ].map((t) => ({ ALT: () => this.CONSUME(t, { LABEL: 'name' }) })),
      {
        ALT: () => {
          this.OR1((this.alts[110] ??= [{ ALT: () => this.CONSUME(T.HTTP, { LABEL: 'name' }) }, { ALT: () => this.CONSUME(T.HTTPS, { LABEL: 'name' }) }]));
          this.MANY1(() => this.SUBRULE(this.httpOption));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.APACHESTATUS, { LABEL: 'name' });
          this.AT_LEAST_ONE1(() => this.SUBRULE(this.apacheStatusOption));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.WEBSOCKET, { LABEL: 'name' });
          this.AT_LEAST_ONE2(() => this.SUBRULE(this.websocketOption));
        },
      },
      {
        ALT: () => {
          this.OR2((this.alts[111] ??= [{ ALT: () => this.CONSUME(T.MYSQL, { LABEL: 'name' }) }, { ALT: () => this.CONSUME(T.MYSQLS, { LABEL: 'name' }) }]));
          this.MANY2(() => this.SUBRULE(this.mysqlOption));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.PGSQL, { LABEL: 'name' });
          this.MANY3(() => {
            this.OR3((this.alts[112] ??= [
              { ALT: () => this.SUBRULE1(this.credential) },
              {
                ALT: () => {
                  this.CONSUME(T.DATABASE);
                  this.CONSUME1(T.STRING, { LABEL: 'database' });
                },
              },
            ]));
          });
        },
      },
      {
        ALT: () => {
          this.OR4((this.alts[113] ??= [
            { ALT: () => this.CONSUME(T.SMTP, { LABEL: 'name' }) },
            { ALT: () => this.CONSUME(T.SMTPS, { LABEL: 'name' }) },
            { ALT: () => this.CONSUME(T.MQTT, { LABEL: 'name' }) },
          ]));
          this.MANY4(() => this.SUBRULE2(this.credential));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.RADIUS, { LABEL: 'name' });
          this.MANY5(() => {
            this.CONSUME(T.SECRET);
            this.CONSUME2(T.STRING, { LABEL: 'secret' });
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.SIP, { LABEL: 'name' });
          this.MANY6(() => {
            this.OR5((this.alts[115] ??= [
              {
                ALT: () => {
                  this.CONSUME(T.TARGET);
                  this.OR6((this.alts[114] ??= [{ ALT: () => this.CONSUME3(T.STRING, { LABEL: 'target' }) }, { ALT: () => this.CONSUME(T.MAILADDR, { LABEL: 'target' }) }]));
                },
              },
              {
                ALT: () => {
                  this.CONSUME(T.MAXFORWARD);
                  this.CONSUME(T.NUMBER, { LABEL: 'maxforward' });
                },
              },
            ]));
          });
        },
      },
    ]));
  });

  public httpOption = this.RULE('httpOption', () => {
    this.OR((this.alts[119] ??= [
      { ALT: () => this.SUBRULE(this.credential) },
      {
        ALT: () => {
          this.CONSUME(T.REQUEST);
          this.OR1((this.alts[117] ??= [{ ALT: () => this.CONSUME(T.PATH, { LABEL: 'request' }) }, { ALT: () => this.CONSUME1(T.STRING, { LABEL: 'request' }) }]));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.CHECKSUM);
          this.CONSUME2(T.STRING, { LABEL: 'checksum' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.STATUS);
          this.OPTION(() => this.SUBRULE(this.operator));
          this.CONSUME(T.NUMBER, { LABEL: 'status' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.METHOD);
          this.OR2((this.alts[118] ??= [{ ALT: () => this.CONSUME(T.GET) }, { ALT: () => this.CONSUME(T.HEAD) }]));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.HOSTHEADER);
          this.CONSUME3(T.STRING, { LABEL: 'hostheader' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LBRACKET);
          this.MANY(() => this.CONSUME(T.HTTPHEADER));
          this.CONSUME(T.RBRACKET);
        },
      },
    ]));
  });

  public apacheStatusOption = this.RULE('apacheStatusOption', () => {
    this.OR((this.alts[121] ??= [
      { ALT: () => this.SUBRULE(this.credential) },
      {
        ALT: () => {
          this.CONSUME(T.PATHTOK);
          this.CONSUME(T.PATH);
        },
      },
      {
        ALT: () => {
          this.OR1((this.alts[120] ??= [T.LOGLIMIT, T.CLOSELIMIT, T.DNSLIMIT, T.KEEPALIVELIMIT, T.REPLYLIMIT, T.REQUESTLIMIT, T.STARTLIMIT, T.WAITLIMIT, T.GRACEFULLIMIT, T.CLEANUPLIMIT].map(
              (t) => ({ ALT: () => this.CONSUME(t, { LABEL: 'limit' }) }),
            )
          ));
          this.OPTION(() => this.SUBRULE(this.operator));
          this.CONSUME(T.NUMBER);
          this.CONSUME(T.PERCENT);
        },
      },
    ]));
  });

  public websocketOption = this.RULE('websocketOption', () => {
    this.OR((this.alts[122] ??= [
      {
        ALT: () => {
          this.CONSUME(T.ORIGIN);
          this.CONSUME1(T.STRING, { LABEL: 'origin' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.REQUEST);
          this.CONSUME(T.PATH, { LABEL: 'request' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.HOST);
          this.CONSUME2(T.STRING, { LABEL: 'host' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.VERSIONOPT);
          this.CONSUME(T.NUMBER, { LABEL: 'version' });
        },
      },
    ]));
  });

  public mysqlOption = this.RULE('mysqlOption', () => {
    this.OR((this.alts[123] ??= [
      { ALT: () => this.SUBRULE(this.credential) },
      {
        ALT: () => {
          this.CONSUME(T.RSAKEY);
          this.CONSUME(T.CHECKSUM);
          this.OPTION1(() => this.SUBRULE(this.hashType));
          this.OPTION2(() => this.CONSUME(T.EQUAL));
          this.CONSUME(T.STRING, { LABEL: 'hash' });
        },
      },
    ]));
  });

}

/** The one parser instance: Chevrotain parsers are built once and reused. */
let instance: MonitParser | undefined;
export function parser(): MonitParser {
  instance ??= new MonitParser();
  return instance;
}

export interface ParseOutput {
  cst: CstNode;
  errors: IRecognitionException[];
}

/** Parses a token stream into a CST; never throws on any input (errors are returned). */
export function parseTokens(tokens: import('chevrotain').IToken[]): ParseOutput {
  const p = parser();
  p.input = tokens;
  const cst = p.file();
  return { cst, errors: p.errors };
}

/**
 * Token types that can only begin a top-level statement: the grammar consumes `SET` only at the
 * start of `setStatement` and a `CHECK…` token only at the start of a check entry (§3).
 */
const STATEMENT_START: ReadonlySet<TokenType> = new Set([
  T.SET, T.CHECKPROC, T.CHECKFILE, T.CHECKFIFO, T.CHECKDIR, T.CHECKFILESYS, T.CHECKHOST, T.CHECKSYSTEM, T.CHECKPROGRAM, T.CHECKNET,
]);

/**
 * Parses a token stream one top-level statement at a time and hands each statement's CST to
 * `visit`, in stream order, so the caller can build from it and drop it: a whole-file CST of a
 * 20,000-service file holds about a gigabyte, and the garbage collector's work grows with it.
 *
 * The stream is cut before every statement-start token. No valid statement contains one, so the
 * cuts never split a statement; in a broken one, the parse of the piece ends where the whole-file
 * parse would have failed, at that same token, which the errors report instead of the piece's end.
 * Error recovery stays inside one statement: a typo cannot swallow the statements after it.
 * Never throws on any input; the errors of all pieces are returned in stream order.
 *
 * `visit` also gets the piece's tokens and the stream position of its first one. From a
 * {@link TokenStream}, the token objects are made per piece and live no longer than it.
 */
export function parseStatements(
  tokens: readonly IToken[] | TokenStream,
  visit: (statement: CstNode, piece: readonly IToken[], base: number) => void,
): IRecognitionException[] {
  const p = parser();
  const errors: IRecognitionException[] = [];
  const stream = tokens instanceof TokenStream ? tokens : undefined;
  let start = 0;
  do {
    let end = start + 1;
    if (stream) while (end < stream.length && !STATEMENT_START.has(stream.typeAt(end))) end++;
    else while (end < tokens.length && !STATEMENT_START.has(((tokens as readonly IToken[])[end] as IToken).tokenType)) end++;
    const piece = stream ? stream.slice(start, end) : (tokens as readonly IToken[]).slice(start, end);
    p.input = piece;
    const cst = p.file();
    const next = p.errors.length === 0 || end >= tokens.length ? undefined : stream ? stream.at(end) : (tokens as readonly IToken[])[end];
    for (const e of p.errors) {
      // The piece's end stands for the next statement's first token.
      if (next !== undefined && !Number.isFinite(e.token.startOffset)) e.token = next;
      errors.push(e);
    }
    const statements = [...(cst.children.setStatement ?? []), ...(cst.children.checkStatement ?? [])] as CstNode[];
    if (statements.length > 1) statements.sort((a, b) => firstTokenSeq(a) - firstTokenSeq(b));
    for (const s of statements) visit(s, piece, start);
    start = end;
  } while (start < tokens.length);
  return errors;
}

/** The stream position (`seq`, set by the lexer) of a node's first real token. */
function firstTokenSeq(n: CstNode): number {
  const known = (n as Partial<ExtentNode>).first;
  if (known !== undefined) return known;
  let first = Infinity;
  for (const elems of Object.values(n.children)) {
    for (const e of elems) {
      const s = 'children' in e ? firstTokenSeq(e) : Number.isFinite(e.startOffset) ? ((e as IToken & { seq?: number }).seq ?? Infinity) : Infinity;
      if (s < first) first = s;
    }
  }
  return first;
}
