/* Generated from grammar/parser.ts by `npm run gen:cst`; do not edit. */
import type { CstNode, ICstVisitor, IToken } from "chevrotain";

export interface FileCstNode extends CstNode {
  name: "file";
  children: FileCstChildren;
}

export type FileCstChildren = {
  setStatement?: SetStatementCstNode[];
  checkStatement?: CheckStatementCstNode[];
};

export interface SetStatementCstNode extends CstNode {
  name: "setStatement";
  children: SetStatementCstChildren;
}

export type SetStatementCstChildren = {
  SET: IToken[];
  setDaemon?: SetDaemonCstNode[];
  INIT?: IToken[];
  setTerminal?: SetTerminalCstNode[];
  setLog?: SetLogCstNode[];
  setFile?: SetFileCstNode[];
  setEventqueue?: SetEventqueueCstNode[];
  setLimits?: SetLimitsCstNode[];
  setExpectbuffer?: SetExpectbufferCstNode[];
  onreboot?: OnrebootCstNode[];
  FIPS?: IToken[];
  setSsl?: SetSslCstNode[];
  setMailserver?: SetMailserverCstNode[];
  mailFormat?: MailFormatCstNode[];
  alert?: AlertCstNode[];
  setHttpd?: SetHttpdCstNode[];
  setMmonit?: SetMmonitCstNode[];
};

export interface SetDaemonCstNode extends CstNode {
  name: "setDaemon";
  children: SetDaemonCstChildren;
}

export type SetDaemonCstChildren = {
  DAEMON: IToken[];
  interval: IToken[];
  START?: IToken[];
  DELAY?: IToken[];
  startDelay?: IToken[];
};

export interface SetTerminalCstNode extends CstNode {
  name: "setTerminal";
  children: SetTerminalCstChildren;
}

export type SetTerminalCstChildren = {
  TERMINAL: IToken[];
  BATCH: IToken[];
};

export interface SetLogCstNode extends CstNode {
  name: "setLog";
  children: SetLogCstChildren;
}

export type SetLogCstChildren = {
  LOG: IToken[];
  PATH?: IToken[];
  SYSLOG?: IToken[];
  FACILITY?: IToken[];
  facility?: IToken[];
};

export interface SetFileCstNode extends CstNode {
  name: "setFile";
  children: SetFileCstChildren;
}

export type SetFileCstChildren = {
  PIDFILE?: IToken[];
  IDFILE?: IToken[];
  STATEFILE?: IToken[];
  PATH: IToken[];
};

export interface SetEventqueueCstNode extends CstNode {
  name: "setEventqueue";
  children: SetEventqueueCstChildren;
}

export type SetEventqueueCstChildren = {
  EVENTQUEUE: IToken[];
  BASEDIR?: IToken[];
  PATH?: IToken[];
  SLOT?: (IToken)[];
  NUMBER?: (IToken)[];
};

export interface SetLimitsCstNode extends CstNode {
  name: "setLimits";
  children: SetLimitsCstChildren;
}

export type SetLimitsCstChildren = {
  LIMITS: IToken[];
  LCURLY: IToken[];
  limit?: LimitCstNode[];
  RCURLY: IToken[];
};

export interface LimitCstNode extends CstNode {
  name: "limit";
  children: LimitCstChildren;
}

export type LimitCstChildren = {
  PROGRAMOUTPUT?: IToken[];
  SENDEXPECTBUFFER?: IToken[];
  FILECONTENTBUFFER?: IToken[];
  HTTPCONTENTBUFFER?: IToken[];
  COLON?: (IToken)[];
  NUMBER?: (IToken)[];
  sizeUnit?: SizeUnitCstNode[];
  NETWORKTIMEOUT?: IToken[];
  PROGRAMTIMEOUT?: IToken[];
  STOPTIMEOUT?: IToken[];
  STARTTIMEOUT?: IToken[];
  RESTARTTIMEOUT?: IToken[];
  MILLISECOND?: IToken[];
  SECOND?: IToken[];
};

export interface SetExpectbufferCstNode extends CstNode {
  name: "setExpectbuffer";
  children: SetExpectbufferCstChildren;
}

export type SetExpectbufferCstChildren = {
  EXPECTBUFFER: IToken[];
  NUMBER: IToken[];
  sizeUnit?: SizeUnitCstNode[];
};

export interface SetSslCstNode extends CstNode {
  name: "setSsl";
  children: SetSslCstChildren;
}

export type SetSslCstChildren = {
  SSLTOKEN: IToken[];
  sslOptionBlock: SslOptionBlockCstNode[];
};

export interface SslOptionBlockCstNode extends CstNode {
  name: "sslOptionBlock";
  children: SslOptionBlockCstChildren;
}

export type SslOptionBlockCstChildren = {
  LCURLY: IToken[];
  sslOption?: SslOptionCstNode[];
  RCURLY: IToken[];
};

export interface SslOptionCstNode extends CstNode {
  name: "sslOption";
  children: SslOptionCstChildren;
}

export type SslOptionCstChildren = {
  VERIFY?: IToken[];
  COLON?: (IToken)[];
  ENABLE?: IToken[];
  DISABLE?: IToken[];
  SELFSIGNED?: IToken[];
  ALLOW?: IToken[];
  REJECTOPT?: IToken[];
  VERSIONOPT?: IToken[];
  sslVersion?: SslVersionCstNode[];
  CIPHER?: IToken[];
  STRING?: IToken[];
  PEMFILE?: IToken[];
  PEMCHAIN?: IToken[];
  PEMKEY?: IToken[];
  CLIENTPEMFILE?: IToken[];
  CACERTIFICATEFILE?: IToken[];
  CACERTIFICATEPATH?: IToken[];
  PATH?: IToken[];
};

export interface SslVersionCstNode extends CstNode {
  name: "sslVersion";
  children: SslVersionCstChildren;
}

export type SslVersionCstChildren = {
  AUTO?: IToken[];
  SSLV2?: IToken[];
  SSLV3?: IToken[];
  TLSV1?: IToken[];
  TLSV11?: IToken[];
  TLSV12?: IToken[];
  TLSV13?: IToken[];
  NOSSLV2?: IToken[];
  NOSSLV3?: IToken[];
  NOTLSV1?: IToken[];
  NOTLSV11?: IToken[];
  NOTLSV12?: IToken[];
  NOTLSV13?: IToken[];
};

export interface SslSpecCstNode extends CstNode {
  name: "sslSpec";
  children: SslSpecCstChildren;
}

export type SslSpecCstChildren = {
  SSLTOKEN: IToken[];
  sslOptionBlock?: SslOptionBlockCstNode[];
};

export interface CertificateCstNode extends CstNode {
  name: "certificate";
  children: CertificateCstChildren;
}

export type CertificateCstChildren = {
  CERTIFICATE: IToken[];
  CHECKSUM?: IToken[];
  hashType?: HashTypeCstNode[];
  EQUAL?: IToken[];
  hash?: IToken[];
  VALID?: IToken[];
  GREATER?: IToken[];
  NUMBER?: IToken[];
  DAY?: IToken[];
};

export interface HashTypeCstNode extends CstNode {
  name: "hashType";
  children: HashTypeCstChildren;
}

export type HashTypeCstChildren = {
  MD5HASH?: IToken[];
  SHA1HASH?: IToken[];
};

export interface SetMailserverCstNode extends CstNode {
  name: "setMailserver";
  children: SetMailserverCstChildren;
}

export type SetMailserverCstChildren = {
  MAILSERVER: IToken[];
  mailServer: MailServerCstNode[];
  TIMEOUT?: IToken[];
  NUMBER?: IToken[];
  SECOND?: IToken[];
  HOSTNAME?: IToken[];
  hostname?: IToken[];
};

export interface MailServerCstNode extends CstNode {
  name: "mailServer";
  children: MailServerCstChildren;
}

export type MailServerCstChildren = {
  host: IToken[];
  PORT?: IToken[];
  NUMBER?: IToken[];
  credential?: CredentialCstNode[];
  sslSpec?: SslSpecCstNode[];
  certificate?: CertificateCstNode[];
  sslVersion?: SslVersionCstNode[];
  certmd5?: Certmd5CstNode[];
};

export interface Certmd5CstNode extends CstNode {
  name: "certmd5";
  children: Certmd5CstChildren;
}

export type Certmd5CstChildren = {
  CERTMD5: IToken[];
  STRING: IToken[];
};

export interface CredentialCstNode extends CstNode {
  name: "credential";
  children: CredentialCstChildren;
}

export type CredentialCstChildren = {
  USERNAME?: IToken[];
  username?: (IToken)[];
  PASSWORD?: IToken[];
  password?: IToken[];
};

export interface MailFormatCstNode extends CstNode {
  name: "mailFormat";
  children: MailFormatCstChildren;
}

export type MailFormatCstChildren = {
  MAILFORMAT: IToken[];
  LCURLY: IToken[];
  MAILFROM?: IToken[];
  from?: IToken[];
  MAILREPLYTO?: IToken[];
  replyTo?: IToken[];
  MAILSUBJECT?: IToken[];
  MAILBODY?: IToken[];
  RCURLY: IToken[];
};

export interface AlertCstNode extends CstNode {
  name: "alert";
  children: AlertCstChildren;
}

export type AlertCstChildren = {
  ALERT: IToken[];
  MAILADDR: IToken[];
  NOT?: IToken[];
  LCURLY?: IToken[];
  event?: EventCstNode[];
  RCURLY?: IToken[];
  mailFormat?: MailFormatCstNode[];
  REMINDER?: IToken[];
  NUMBER?: IToken[];
  CYCLE?: IToken[];
};

export interface EventCstNode extends CstNode {
  name: "event";
  children: EventCstChildren;
}

export type EventCstChildren = {
  ACTION?: IToken[];
  BYTEIN?: IToken[];
  BYTEOUT?: IToken[];
  CHECKSUM?: IToken[];
  CONNECTION?: IToken[];
  CONTENT?: IToken[];
  DATA?: IToken[];
  EXEC?: IToken[];
  EXIST?: IToken[];
  FSFLAG?: IToken[];
  GID?: IToken[];
  ICMP?: IToken[];
  INSTANCE?: IToken[];
  INVALID?: IToken[];
  LINK?: IToken[];
  NONEXIST?: IToken[];
  PACKETIN?: IToken[];
  PACKETOUT?: IToken[];
  PERMISSION?: IToken[];
  PID?: IToken[];
  PPID?: IToken[];
  RESOURCE?: IToken[];
  SATURATION?: IToken[];
  SIZE?: IToken[];
  SPEED?: IToken[];
  STATUS?: IToken[];
  TIMEOUT?: IToken[];
  TIME?: IToken[];
  UID?: IToken[];
  UPTIME?: IToken[];
};

export interface SetHttpdCstNode extends CstNode {
  name: "setHttpd";
  children: SetHttpdCstChildren;
}

export type SetHttpdCstChildren = {
  HTTPD: IToken[];
  httpdOption?: HttpdOptionCstNode[];
};

export interface HttpdOptionCstNode extends CstNode {
  name: "httpdOption";
  children: HttpdOptionCstChildren;
}

export type HttpdOptionCstChildren = {
  PORT?: IToken[];
  NUMBER?: IToken[];
  READONLY?: IToken[];
  UNIXSOCKET?: IToken[];
  socket?: IToken[];
  unixSocketOption?: UnixSocketOptionCstNode[];
  ADDRESS?: IToken[];
  address?: IToken[];
  sslSpec?: SslSpecCstNode[];
  PEMFILE?: IToken[];
  pemfile?: IToken[];
  CLIENTPEMFILE?: IToken[];
  clientpemfile?: IToken[];
  ALLOWSELFCERTIFICATION?: IToken[];
  SIGNATURE?: (IToken)[];
  ENABLE?: (IToken)[];
  DISABLE?: (IToken)[];
  allow?: AllowCstNode[];
};

export interface UnixSocketOptionCstNode extends CstNode {
  name: "unixSocketOption";
  children: UnixSocketOptionCstChildren;
}

export type UnixSocketOptionCstChildren = {
  uidGid?: UidGidCstNode[];
  PERMISSION?: IToken[];
  NUMBER?: IToken[];
  READONLY?: IToken[];
};

export interface AllowCstNode extends CstNode {
  name: "allow";
  children: AllowCstChildren;
}

export type AllowCstChildren = {
  ALLOW: IToken[];
  user?: IToken[];
  COLON?: IToken[];
  password?: IToken[];
  READONLY?: (IToken)[];
  AT?: IToken[];
  group?: IToken[];
  CLEARTEXT?: IToken[];
  MD5HASH?: IToken[];
  CRYPT?: IToken[];
  htpasswd?: IToken[];
  users?: IToken[];
  host?: IToken[];
};

export interface SetMmonitCstNode extends CstNode {
  name: "setMmonit";
  children: SetMmonitCstChildren;
}

export type SetMmonitCstChildren = {
  MMONIT: IToken[];
  mmonitTarget: MmonitTargetCstNode[];
};

export interface MmonitTargetCstNode extends CstNode {
  name: "mmonitTarget";
  children: MmonitTargetCstChildren;
}

export type MmonitTargetCstChildren = {
  URLOBJECT: IToken[];
  TIMEOUT?: IToken[];
  NUMBER?: IToken[];
  SECOND?: IToken[];
  sslSpec?: SslSpecCstNode[];
  certificate?: CertificateCstNode[];
  sslVersion?: SslVersionCstNode[];
  certmd5?: Certmd5CstNode[];
  REGISTER?: IToken[];
  CREDENTIALS?: IToken[];
};

export interface CheckStatementCstNode extends CstNode {
  name: "checkStatement";
  children: CheckStatementCstChildren;
}

export type CheckStatementCstChildren = {
  checkProcess?: CheckProcessCstNode[];
  checkFile?: CheckFileCstNode[];
  checkFifo?: CheckFifoCstNode[];
  checkDirectory?: CheckDirectoryCstNode[];
  checkFilesystem?: CheckFilesystemCstNode[];
  checkHost?: CheckHostCstNode[];
  checkSystem?: CheckSystemCstNode[];
  checkProgram?: CheckProgramCstNode[];
  checkNetwork?: CheckNetworkCstNode[];
};

export interface CheckProcessCstNode extends CstNode {
  name: "checkProcess";
  children: CheckProcessCstChildren;
}

export type CheckProcessCstChildren = {
  CHECKPROC: IToken[];
  SERVICENAME: IToken[];
  PIDFILE?: IToken[];
  PATHTOK?: IToken[];
  pidfile?: IToken[];
  MATCH?: IToken[];
  matching?: (IToken)[];
  commonStatement?: CommonStatementCstNode[];
  processIf?: ProcessIfCstNode[];
};

export interface CheckFileCstNode extends CstNode {
  name: "checkFile";
  children: CheckFileCstChildren;
}

export type CheckFileCstChildren = {
  CHECKFILE: IToken[];
  SERVICENAME: IToken[];
  PATHTOK: IToken[];
  PATH: IToken[];
  commonStatement?: CommonStatementCstNode[];
  fileIf?: FileIfCstNode[];
  ignoreContent?: IgnoreContentCstNode[];
};

export interface CheckFifoCstNode extends CstNode {
  name: "checkFifo";
  children: CheckFifoCstChildren;
}

export type CheckFifoCstChildren = {
  CHECKFIFO: IToken[];
  SERVICENAME: IToken[];
  PATHTOK: IToken[];
  PATH: IToken[];
  commonStatement?: CommonStatementCstNode[];
  fifoIf?: FifoIfCstNode[];
};

export interface CheckDirectoryCstNode extends CstNode {
  name: "checkDirectory";
  children: CheckDirectoryCstChildren;
}

export type CheckDirectoryCstChildren = {
  CHECKDIR: IToken[];
  SERVICENAME: IToken[];
  PATHTOK: IToken[];
  PATH: IToken[];
  commonStatement?: CommonStatementCstNode[];
  fifoIf?: FifoIfCstNode[];
};

export interface CheckFilesystemCstNode extends CstNode {
  name: "checkFilesystem";
  children: CheckFilesystemCstChildren;
}

export type CheckFilesystemCstChildren = {
  CHECKFILESYS: IToken[];
  SERVICENAME: IToken[];
  PATHTOK: IToken[];
  PATH?: (IToken)[];
  commonStatement?: CommonStatementCstNode[];
  filesystemIf?: FilesystemIfCstNode[];
};

export interface CheckHostCstNode extends CstNode {
  name: "checkHost";
  children: CheckHostCstChildren;
}

export type CheckHostCstChildren = {
  CHECKHOST: IToken[];
  SERVICENAME: IToken[];
  ADDRESS: IToken[];
  address: IToken[];
  commonStatement?: CommonStatementCstNode[];
  hostIf?: HostIfCstNode[];
};

export interface CheckSystemCstNode extends CstNode {
  name: "checkSystem";
  children: CheckSystemCstChildren;
}

export type CheckSystemCstChildren = {
  CHECKSYSTEM: IToken[];
  SERVICENAME: IToken[];
  commonStatement?: CommonStatementCstNode[];
  systemIf?: SystemIfCstNode[];
};

export interface CheckProgramCstNode extends CstNode {
  name: "checkProgram";
  children: CheckProgramCstChildren;
}

export type CheckProgramCstChildren = {
  CHECKPROGRAM: IToken[];
  SERVICENAME: IToken[];
  PATHTOK: IToken[];
  command: CommandCstNode[];
  uidGid?: UidGidCstNode[];
  timeoutSeconds?: TimeoutSecondsCstNode[];
  commonStatement?: CommonStatementCstNode[];
  programIf?: ProgramIfCstNode[];
};

export interface CheckNetworkCstNode extends CstNode {
  name: "checkNetwork";
  children: CheckNetworkCstChildren;
}

export type CheckNetworkCstChildren = {
  CHECKNET: IToken[];
  SERVICENAME: IToken[];
  ADDRESS?: IToken[];
  INTERFACE?: IToken[];
  interface: IToken[];
  commonStatement?: CommonStatementCstNode[];
  networkIf?: NetworkIfCstNode[];
};

export interface CommonStatementCstNode extends CstNode {
  name: "commonStatement";
  children: CommonStatementCstChildren;
}

export type CommonStatementCstChildren = {
  method?: MethodCstNode[];
  every?: EveryCstNode[];
  mode?: ModeCstNode[];
  onreboot?: OnrebootCstNode[];
  group?: GroupCstNode[];
  depends?: DependsCstNode[];
  alert?: AlertCstNode[];
  noalert?: NoalertCstNode[];
};

export interface MethodCstNode extends CstNode {
  name: "method";
  children: MethodCstChildren;
}

export type MethodCstChildren = {
  START?: IToken[];
  STOP?: IToken[];
  RESTART?: IToken[];
  command: CommandCstNode[];
  uidGid?: UidGidCstNode[];
  timeoutSeconds?: TimeoutSecondsCstNode[];
};

export interface CommandCstNode extends CstNode {
  name: "command";
  children: CommandCstChildren;
}

export type CommandCstChildren = {
  arg?: (IToken)[];
};

export interface UidGidCstNode extends CstNode {
  name: "uidGid";
  children: UidGidCstChildren;
}

export type UidGidCstChildren = {
  UID?: IToken[];
  GID?: IToken[];
  id?: (IToken)[];
};

export interface TimeoutSecondsCstNode extends CstNode {
  name: "timeoutSeconds";
  children: TimeoutSecondsCstChildren;
}

export type TimeoutSecondsCstChildren = {
  TIMEOUT: IToken[];
  NUMBER: IToken[];
  SECOND: IToken[];
};

export interface EveryCstNode extends CstNode {
  name: "every";
  children: EveryCstChildren;
}

export type EveryCstChildren = {
  EVERY?: IToken[];
  NUMBER?: IToken[];
  CYCLE?: IToken[];
  TIMESPEC?: (IToken)[];
  NOTEVERY?: IToken[];
};

export interface ModeCstNode extends CstNode {
  name: "mode";
  children: ModeCstChildren;
}

export type ModeCstChildren = {
  MODE: IToken[];
  ACTIVE?: IToken[];
  PASSIVE?: IToken[];
  MANUAL?: IToken[];
};

export interface OnrebootCstNode extends CstNode {
  name: "onreboot";
  children: OnrebootCstChildren;
}

export type OnrebootCstChildren = {
  ONREBOOT: IToken[];
  START?: IToken[];
  NOSTART?: IToken[];
  LASTSTATE?: IToken[];
};

export interface GroupCstNode extends CstNode {
  name: "group";
  children: GroupCstChildren;
}

export type GroupCstChildren = {
  GROUP: IToken[];
  STRINGNAME: IToken[];
};

export interface DependsCstNode extends CstNode {
  name: "depends";
  children: DependsCstChildren;
}

export type DependsCstChildren = {
  DEPENDS: IToken[];
  SERVICENAME: IToken[];
};

export interface NoalertCstNode extends CstNode {
  name: "noalert";
  children: NoalertCstChildren;
}

export type NoalertCstChildren = {
  NOALERT: IToken[];
  MAILADDR: IToken[];
};

export interface TailCstNode extends CstNode {
  name: "tail";
  children: TailCstChildren;
}

export type TailCstChildren = {
  rate?: RateCstNode[];
  THEN: (IToken)[];
  failAction: ActionCstNode[];
  ELSE?: IToken[];
  IF?: IToken[];
  SUCCEEDED?: IToken[];
  RECOVERED?: IToken[];
  PASSED?: IToken[];
  FAILED?: IToken[];
  recoveryRate?: RateCstNode[];
  recoveryAction?: (ActionCstNode)[];
};

export interface RateCstNode extends CstNode {
  name: "rate";
  children: RateCstChildren;
}

export type RateCstChildren = {
  NUMBER: IToken[];
  cycles?: IToken[];
  CYCLE: IToken[];
};

export interface ActionCstNode extends CstNode {
  name: "action";
  children: ActionCstChildren;
}

export type ActionCstChildren = {
  ALERT?: IToken[];
  RESTART?: IToken[];
  START?: IToken[];
  STOP?: IToken[];
  UNMONITOR?: IToken[];
  EXEC?: IToken[];
  command?: CommandCstNode[];
  uidGid?: UidGidCstNode[];
  REPEAT?: IToken[];
  EVERY?: IToken[];
  NUMBER?: IToken[];
  CYCLE?: IToken[];
};

export interface RestartLimitCstNode extends CstNode {
  name: "restartLimit";
  children: RestartLimitCstChildren;
}

export type RestartLimitCstChildren = {
  restarts: IToken[];
  RESTART: IToken[];
  cycles: IToken[];
  CYCLE: IToken[];
  THEN: IToken[];
  action?: ActionCstNode[];
  TIMEOUT?: IToken[];
};

export interface OperatorCstNode extends CstNode {
  name: "operator";
  children: OperatorCstChildren;
}

export type OperatorCstChildren = {
  GREATER?: IToken[];
  GREATEROREQUAL?: IToken[];
  LESS?: IToken[];
  LESSOREQUAL?: IToken[];
  EQUAL?: IToken[];
  NOTEQUAL?: IToken[];
  CHANGED?: IToken[];
};

export interface EqualityCstNode extends CstNode {
  name: "equality";
  children: EqualityCstChildren;
}

export type EqualityCstChildren = {
  EQUAL?: IToken[];
  NOTEQUAL?: IToken[];
};

export interface ValueCstNode extends CstNode {
  name: "value";
  children: ValueCstChildren;
}

export type ValueCstChildren = {
  NUMBER?: IToken[];
  REAL?: IToken[];
};

export interface SizeUnitCstNode extends CstNode {
  name: "sizeUnit";
  children: SizeUnitCstChildren;
}

export type SizeUnitCstChildren = {
  BYTE?: IToken[];
  KILOBYTE?: IToken[];
  MEGABYTE?: IToken[];
  GIGABYTE?: IToken[];
};

export interface TimeUnitCstNode extends CstNode {
  name: "timeUnit";
  children: TimeUnitCstChildren;
}

export type TimeUnitCstChildren = {
  SECOND?: IToken[];
  MINUTE?: IToken[];
  HOUR?: IToken[];
  DAY?: IToken[];
  MONTH?: IToken[];
};

export interface ProcessIfCstNode extends CstNode {
  name: "processIf";
  children: ProcessIfCstChildren;
}

export type ProcessIfCstChildren = {
  IF: IToken[];
  restartLimit?: RestartLimitCstNode[];
  existence?: ExistenceCstNode[];
  changedPid?: ChangedPidCstNode[];
  owner?: OwnerCstNode[];
  securityAttribute?: SecurityAttributeCstNode[];
  fileDescriptors?: FileDescriptorsCstNode[];
  uptime?: UptimeCstNode[];
  connection?: ConnectionCstNode[];
  processResources?: ProcessResourcesCstNode[];
};

export interface FileIfCstNode extends CstNode {
  name: "fileIf";
  children: FileIfCstChildren;
}

export type FileIfCstChildren = {
  IF: IToken[];
  restartLimit?: RestartLimitCstNode[];
  existence?: ExistenceCstNode[];
  timestamp?: TimestampCstNode[];
  permission?: PermissionCstNode[];
  owner?: OwnerCstNode[];
  checksum?: ChecksumCstNode[];
  size?: SizeCstNode[];
  content?: ContentCstNode[];
};

export interface FifoIfCstNode extends CstNode {
  name: "fifoIf";
  children: FifoIfCstChildren;
}

export type FifoIfCstChildren = {
  IF: IToken[];
  restartLimit?: RestartLimitCstNode[];
  existence?: ExistenceCstNode[];
  timestamp?: TimestampCstNode[];
  permission?: PermissionCstNode[];
  owner?: OwnerCstNode[];
};

export interface FilesystemIfCstNode extends CstNode {
  name: "filesystemIf";
  children: FilesystemIfCstChildren;
}

export type FilesystemIfCstChildren = {
  IF: IToken[];
  restartLimit?: RestartLimitCstNode[];
  existence?: ExistenceCstNode[];
  permission?: PermissionCstNode[];
  owner?: OwnerCstNode[];
  filesystemTest?: FilesystemTestCstNode[];
};

export interface HostIfCstNode extends CstNode {
  name: "hostIf";
  children: HostIfCstChildren;
}

export type HostIfCstChildren = {
  IF: IToken[];
  restartLimit?: RestartLimitCstNode[];
  connection?: ConnectionCstNode[];
};

export interface SystemIfCstNode extends CstNode {
  name: "systemIf";
  children: SystemIfCstChildren;
}

export type SystemIfCstChildren = {
  IF: IToken[];
  restartLimit?: RestartLimitCstNode[];
  systemResources?: SystemResourcesCstNode[];
  uptime?: UptimeCstNode[];
  fileDescriptors?: FileDescriptorsCstNode[];
};

export interface ProgramIfCstNode extends CstNode {
  name: "programIf";
  children: ProgramIfCstChildren;
}

export type ProgramIfCstChildren = {
  IF: IToken[];
  restartLimit?: RestartLimitCstNode[];
  programTest?: ProgramTestCstNode[];
};

export interface NetworkIfCstNode extends CstNode {
  name: "networkIf";
  children: NetworkIfCstChildren;
}

export type NetworkIfCstChildren = {
  IF: IToken[];
  restartLimit?: RestartLimitCstNode[];
  networkTest?: NetworkTestCstNode[];
};

export interface ExistenceCstNode extends CstNode {
  name: "existence";
  children: ExistenceCstChildren;
}

export type ExistenceCstChildren = {
  NOT?: IToken[];
  EXIST: IToken[];
  tail: TailCstNode[];
};

export interface ChangedPidCstNode extends CstNode {
  name: "changedPid";
  children: ChangedPidCstChildren;
}

export type ChangedPidCstChildren = {
  CHANGED: IToken[];
  PID?: IToken[];
  PPID?: IToken[];
  tail: TailCstNode[];
};

export interface OwnerCstNode extends CstNode {
  name: "owner";
  children: OwnerCstChildren;
}

export type OwnerCstChildren = {
  FAILED: IToken[];
  UID?: IToken[];
  EUID?: IToken[];
  GID?: IToken[];
  id?: (IToken)[];
  tail: TailCstNode[];
};

export interface SecurityAttributeCstNode extends CstNode {
  name: "securityAttribute";
  children: SecurityAttributeCstChildren;
}

export type SecurityAttributeCstChildren = {
  FAILED: IToken[];
  SECURITY: IToken[];
  ATTRIBUTE: IToken[];
  attribute?: (IToken)[];
  tail: TailCstNode[];
};

export interface FileDescriptorsCstNode extends CstNode {
  name: "fileDescriptors";
  children: FileDescriptorsCstChildren;
}

export type FileDescriptorsCstChildren = {
  TOTAL?: IToken[];
  FILEDESCRIPTORS: IToken[];
  operator?: OperatorCstNode[];
  NUMBER?: IToken[];
  PERCENT?: (IToken)[];
  REAL?: IToken[];
  tail: TailCstNode[];
};

export interface UptimeCstNode extends CstNode {
  name: "uptime";
  children: UptimeCstChildren;
}

export type UptimeCstChildren = {
  UPTIME: IToken[];
  operator?: OperatorCstNode[];
  NUMBER: IToken[];
  timeUnit?: TimeUnitCstNode[];
  tail: TailCstNode[];
};

export interface ProcessResourcesCstNode extends CstNode {
  name: "processResources";
  children: ProcessResourcesCstChildren;
}

export type ProcessResourcesCstChildren = {
  processResource: ProcessResourceCstNode[];
  tail: TailCstNode[];
};

export interface ProcessResourceCstNode extends CstNode {
  name: "processResource";
  children: ProcessResourceCstChildren;
}

export type ProcessResourceCstChildren = {
  CPU?: IToken[];
  TOTALCPU?: IToken[];
  operator?: (OperatorCstNode)[];
  value?: (ValueCstNode)[];
  PERCENT?: (IToken)[];
  MEMORY?: IToken[];
  TOTALMEMORY?: IToken[];
  sizeUnit?: SizeUnitCstNode[];
  THREADS?: IToken[];
  CHILDREN?: IToken[];
  NUMBER?: IToken[];
  loadavg?: LoadavgCstNode[];
  READ?: (IToken)[];
  WRITE?: (IToken)[];
  ioAmount?: (IoAmountCstNode)[];
  DISK?: IToken[];
};

export interface IoAmountCstNode extends CstNode {
  name: "ioAmount";
  children: IoAmountCstChildren;
}

export type IoAmountCstChildren = {
  operator?: OperatorCstNode[];
  NUMBER?: IToken[];
  OPERATION?: IToken[];
  value?: ValueCstNode[];
  sizeUnit?: SizeUnitCstNode[];
  SECOND?: IToken[];
};

export interface LoadavgCstNode extends CstNode {
  name: "loadavg";
  children: LoadavgCstChildren;
}

export type LoadavgCstChildren = {
  LOADAVG1?: IToken[];
  LOADAVG5?: IToken[];
  LOADAVG15?: IToken[];
  CORE?: IToken[];
  operator?: OperatorCstNode[];
  value: ValueCstNode[];
};

export interface SystemResourcesCstNode extends CstNode {
  name: "systemResources";
  children: SystemResourcesCstChildren;
}

export type SystemResourcesCstChildren = {
  systemResource: SystemResourceCstNode[];
  tail: TailCstNode[];
};

export interface SystemResourceCstNode extends CstNode {
  name: "systemResource";
  children: SystemResourceCstChildren;
}

export type SystemResourceCstChildren = {
  loadavg?: LoadavgCstNode[];
  CPU?: IToken[];
  CPUUSER?: IToken[];
  CPUSYSTEM?: IToken[];
  CPUWAIT?: IToken[];
  CPUNICE?: IToken[];
  CPUHARDIRQ?: IToken[];
  CPUSOFTIRQ?: IToken[];
  CPUSTEAL?: IToken[];
  CPUGUEST?: IToken[];
  CPUGUESTNICE?: IToken[];
  operator?: (OperatorCstNode)[];
  value?: (ValueCstNode)[];
  PERCENT?: (IToken)[];
  MEMORY?: IToken[];
  SWAP?: IToken[];
  sizeUnit?: SizeUnitCstNode[];
};

export interface ChecksumCstNode extends CstNode {
  name: "checksum";
  children: ChecksumCstChildren;
}

export type ChecksumCstChildren = {
  FAILED?: IToken[];
  hashType?: (HashTypeCstNode)[];
  CHECKSUM?: (IToken)[];
  EXPECT?: IToken[];
  expect?: IToken[];
  tail?: (TailCstNode)[];
  CHANGED?: IToken[];
};

export interface TimestampKindCstNode extends CstNode {
  name: "timestampKind";
  children: TimestampKindCstChildren;
}

export type TimestampKindCstChildren = {
  TIME?: IToken[];
  ATIME?: IToken[];
  CTIME?: IToken[];
  MTIME?: IToken[];
};

export interface TimestampCstNode extends CstNode {
  name: "timestamp";
  children: TimestampCstChildren;
}

export type TimestampCstChildren = {
  timestampKind?: (TimestampKindCstNode)[];
  operator?: OperatorCstNode[];
  NUMBER?: IToken[];
  timeUnit?: TimeUnitCstNode[];
  tail?: (TailCstNode)[];
  CHANGED?: IToken[];
};

export interface SizeCstNode extends CstNode {
  name: "size";
  children: SizeCstChildren;
}

export type SizeCstChildren = {
  SIZE?: (IToken)[];
  operator?: OperatorCstNode[];
  NUMBER?: IToken[];
  sizeUnit?: SizeUnitCstNode[];
  tail?: (TailCstNode)[];
  CHANGED?: IToken[];
};

export interface PermissionCstNode extends CstNode {
  name: "permission";
  children: PermissionCstChildren;
}

export type PermissionCstChildren = {
  FAILED?: IToken[];
  PERMISSION?: (IToken)[];
  NUMBER?: IToken[];
  CHANGED?: IToken[];
  tail: TailCstNode[];
};

export interface ContentCstNode extends CstNode {
  name: "content";
  children: ContentCstChildren;
}

export type ContentCstChildren = {
  contentCondition: ContentConditionCstNode[];
  tail: TailCstNode[];
};

export interface IgnoreContentCstNode extends CstNode {
  name: "ignoreContent";
  children: IgnoreContentCstChildren;
}

export type IgnoreContentCstChildren = {
  IGNORE: IToken[];
  contentCondition: ContentConditionCstNode[];
};

export interface ContentConditionCstNode extends CstNode {
  name: "contentCondition";
  children: ContentConditionCstChildren;
}

export type ContentConditionCstChildren = {
  CONTENT?: IToken[];
  equality?: EqualityCstNode[];
  NOT?: IToken[];
  MATCH?: IToken[];
  pattern?: (IToken)[];
};

export interface FilesystemTestCstNode extends CstNode {
  name: "filesystemTest";
  children: FilesystemTestCstChildren;
}

export type FilesystemTestCstChildren = {
  SPACE?: IToken[];
  TFREE?: (IToken)[];
  operator?: (OperatorCstNode)[];
  value?: (ValueCstNode)[];
  sizeUnit?: SizeUnitCstNode[];
  PERCENT?: (IToken)[];
  tail?: (TailCstNode)[];
  INODE?: IToken[];
  NUMBER?: (IToken)[];
  REAL?: IToken[];
  READ?: IToken[];
  WRITE?: IToken[];
  ioAmount?: IoAmountCstNode[];
  SERVICETIME?: IToken[];
  MILLISECOND?: IToken[];
  SECOND?: IToken[];
  CHANGED?: IToken[];
  FSFLAG?: IToken[];
};

export interface ProgramTestCstNode extends CstNode {
  name: "programTest";
  children: ProgramTestCstChildren;
}

export type ProgramTestCstChildren = {
  STATUS?: (IToken)[];
  operator?: OperatorCstNode[];
  NUMBER?: IToken[];
  tail?: (TailCstNode)[];
  CHANGED?: IToken[];
  CONTENT?: IToken[];
  equality?: EqualityCstNode[];
  pattern?: IToken[];
};

export interface NetworkTestCstNode extends CstNode {
  name: "networkTest";
  children: NetworkTestCstChildren;
}

export type NetworkTestCstChildren = {
  LINK?: (IToken)[];
  DOWN?: IToken[];
  tail?: (TailCstNode)[];
  UP?: IToken[];
  FAILED?: IToken[];
  CHANGED?: IToken[];
  SATURATION?: IToken[];
  operator?: (OperatorCstNode)[];
  NUMBER?: (IToken)[];
  PERCENT?: IToken[];
  TOTAL?: IToken[];
  UPLOAD?: IToken[];
  DOWNLOAD?: IToken[];
  sizeUnit?: SizeUnitCstNode[];
  PACKET?: IToken[];
  SECOND?: IToken[];
  range?: IToken[];
  MINUTE?: IToken[];
  HOUR?: IToken[];
  DAY?: IToken[];
};

export interface ConnectionCstNode extends CstNode {
  name: "connection";
  children: ConnectionCstChildren;
}

export type ConnectionCstChildren = {
  FAILED?: IToken[];
  SUCCEEDED?: IToken[];
  portTest?: PortTestCstNode[];
  urlTest?: UrlTestCstNode[];
  unixTest?: UnixTestCstNode[];
  icmpTest?: IcmpTestCstNode[];
  tail: TailCstNode[];
};

export interface PortTestCstNode extends CstNode {
  name: "portTest";
  children: PortTestCstChildren;
}

export type PortTestCstChildren = {
  HOST?: IToken[];
  host?: IToken[];
  PORT: IToken[];
  port: IToken[];
  portOption?: PortOptionCstNode[];
};

export interface PortOptionCstNode extends CstNode {
  name: "portOption";
  children: PortOptionCstChildren;
}

export type PortOptionCstChildren = {
  IPV4?: IToken[];
  IPV6?: IToken[];
  connectionType?: ConnectionTypeCstNode[];
  protocol?: ProtocolCstNode[];
  sendExpect?: SendExpectCstNode[];
  CONTENT?: IToken[];
  equality?: EqualityCstNode[];
  content?: IToken[];
  timeoutSeconds?: TimeoutSecondsCstNode[];
  responseTime?: ResponseTimeCstNode[];
  ADDRESS?: IToken[];
  address?: IToken[];
  retry?: RetryCstNode[];
  sslSpec?: SslSpecCstNode[];
  certificate?: CertificateCstNode[];
};

export interface UrlTestCstNode extends CstNode {
  name: "urlTest";
  children: UrlTestCstChildren;
}

export type UrlTestCstChildren = {
  URL: IToken[];
  URLOBJECT: IToken[];
  CONTENT?: IToken[];
  equality?: EqualityCstNode[];
  content?: IToken[];
  timeoutSeconds?: TimeoutSecondsCstNode[];
  retry?: RetryCstNode[];
  sslSpec?: SslSpecCstNode[];
  certificate?: CertificateCstNode[];
};

export interface UnixTestCstNode extends CstNode {
  name: "unixTest";
  children: UnixTestCstChildren;
}

export type UnixTestCstChildren = {
  UNIXSOCKET: IToken[];
  socket: IToken[];
  connectionType?: ConnectionTypeCstNode[];
  protocol?: ProtocolCstNode[];
  sendExpect?: SendExpectCstNode[];
  timeoutSeconds?: TimeoutSecondsCstNode[];
  responseTime?: ResponseTimeCstNode[];
  retry?: RetryCstNode[];
};

export interface IcmpTestCstNode extends CstNode {
  name: "icmpTest";
  children: IcmpTestCstChildren;
}

export type IcmpTestCstChildren = {
  PING?: IToken[];
  PING4?: IToken[];
  PING6?: IToken[];
  ICMP?: IToken[];
  TYPE?: IToken[];
  ICMPECHO?: IToken[];
  COUNT?: IToken[];
  count?: IToken[];
  SIZE?: IToken[];
  size?: IToken[];
  timeoutSeconds?: TimeoutSecondsCstNode[];
  ADDRESS?: IToken[];
  address?: IToken[];
  responseTime?: ResponseTimeCstNode[];
};

export interface RetryCstNode extends CstNode {
  name: "retry";
  children: RetryCstChildren;
}

export type RetryCstChildren = {
  RETRY: IToken[];
  NUMBER: IToken[];
};

export interface ResponseTimeCstNode extends CstNode {
  name: "responseTime";
  children: ResponseTimeCstChildren;
}

export type ResponseTimeCstChildren = {
  RESPONSETIME: IToken[];
  operator?: OperatorCstNode[];
  NUMBER: IToken[];
  MILLISECOND?: IToken[];
  SECOND?: IToken[];
};

export interface SendExpectCstNode extends CstNode {
  name: "sendExpect";
  children: SendExpectCstChildren;
}

export type SendExpectCstChildren = {
  SEND?: IToken[];
  EXPECT?: IToken[];
  data: IToken[];
};

export interface ConnectionTypeCstNode extends CstNode {
  name: "connectionType";
  children: ConnectionTypeCstChildren;
}

export type ConnectionTypeCstChildren = {
  TYPE: IToken[];
  TCP?: IToken[];
  UDP?: IToken[];
  TCPSSL?: IToken[];
  sslVersion?: SslVersionCstNode[];
  certmd5?: Certmd5CstNode[];
};

export interface ProtocolCstNode extends CstNode {
  name: "protocol";
  children: ProtocolCstChildren;
}

export type ProtocolCstChildren = {
  PROTOCOL: IToken[];
  name?: (IToken)[];
  httpOption?: HttpOptionCstNode[];
  apacheStatusOption?: ApacheStatusOptionCstNode[];
  websocketOption?: WebsocketOptionCstNode[];
  mysqlOption?: MysqlOptionCstNode[];
  credential?: (CredentialCstNode)[];
  DATABASE?: IToken[];
  database?: IToken[];
  SECRET?: IToken[];
  secret?: IToken[];
  TARGET?: IToken[];
  target?: (IToken)[];
  MAXFORWARD?: IToken[];
  maxforward?: IToken[];
};

export interface HttpOptionCstNode extends CstNode {
  name: "httpOption";
  children: HttpOptionCstChildren;
}

export type HttpOptionCstChildren = {
  credential?: CredentialCstNode[];
  REQUEST?: IToken[];
  request?: (IToken)[];
  CHECKSUM?: IToken[];
  checksum?: IToken[];
  STATUS?: IToken[];
  operator?: OperatorCstNode[];
  status?: IToken[];
  METHOD?: IToken[];
  GET?: IToken[];
  HEAD?: IToken[];
  HOSTHEADER?: IToken[];
  hostheader?: IToken[];
  LBRACKET?: IToken[];
  HTTPHEADER?: IToken[];
  RBRACKET?: IToken[];
};

export interface ApacheStatusOptionCstNode extends CstNode {
  name: "apacheStatusOption";
  children: ApacheStatusOptionCstChildren;
}

export type ApacheStatusOptionCstChildren = {
  credential?: CredentialCstNode[];
  PATHTOK?: IToken[];
  PATH?: IToken[];
  limit?: (IToken)[];
  operator?: OperatorCstNode[];
  NUMBER?: IToken[];
  PERCENT?: IToken[];
};

export interface WebsocketOptionCstNode extends CstNode {
  name: "websocketOption";
  children: WebsocketOptionCstChildren;
}

export type WebsocketOptionCstChildren = {
  ORIGIN?: IToken[];
  origin?: IToken[];
  REQUEST?: IToken[];
  request?: IToken[];
  HOST?: IToken[];
  host?: IToken[];
  VERSIONOPT?: IToken[];
  version?: IToken[];
};

export interface MysqlOptionCstNode extends CstNode {
  name: "mysqlOption";
  children: MysqlOptionCstChildren;
}

export type MysqlOptionCstChildren = {
  credential?: CredentialCstNode[];
  RSAKEY?: IToken[];
  CHECKSUM?: IToken[];
  hashType?: HashTypeCstNode[];
  EQUAL?: IToken[];
  hash?: IToken[];
};

export interface ICstNodeVisitor<IN, OUT> extends ICstVisitor<IN, OUT> {
  file(children: FileCstChildren, param?: IN): OUT;
  setStatement(children: SetStatementCstChildren, param?: IN): OUT;
  setDaemon(children: SetDaemonCstChildren, param?: IN): OUT;
  setTerminal(children: SetTerminalCstChildren, param?: IN): OUT;
  setLog(children: SetLogCstChildren, param?: IN): OUT;
  setFile(children: SetFileCstChildren, param?: IN): OUT;
  setEventqueue(children: SetEventqueueCstChildren, param?: IN): OUT;
  setLimits(children: SetLimitsCstChildren, param?: IN): OUT;
  limit(children: LimitCstChildren, param?: IN): OUT;
  setExpectbuffer(children: SetExpectbufferCstChildren, param?: IN): OUT;
  setSsl(children: SetSslCstChildren, param?: IN): OUT;
  sslOptionBlock(children: SslOptionBlockCstChildren, param?: IN): OUT;
  sslOption(children: SslOptionCstChildren, param?: IN): OUT;
  sslVersion(children: SslVersionCstChildren, param?: IN): OUT;
  sslSpec(children: SslSpecCstChildren, param?: IN): OUT;
  certificate(children: CertificateCstChildren, param?: IN): OUT;
  hashType(children: HashTypeCstChildren, param?: IN): OUT;
  setMailserver(children: SetMailserverCstChildren, param?: IN): OUT;
  mailServer(children: MailServerCstChildren, param?: IN): OUT;
  certmd5(children: Certmd5CstChildren, param?: IN): OUT;
  credential(children: CredentialCstChildren, param?: IN): OUT;
  mailFormat(children: MailFormatCstChildren, param?: IN): OUT;
  alert(children: AlertCstChildren, param?: IN): OUT;
  event(children: EventCstChildren, param?: IN): OUT;
  setHttpd(children: SetHttpdCstChildren, param?: IN): OUT;
  httpdOption(children: HttpdOptionCstChildren, param?: IN): OUT;
  unixSocketOption(children: UnixSocketOptionCstChildren, param?: IN): OUT;
  allow(children: AllowCstChildren, param?: IN): OUT;
  setMmonit(children: SetMmonitCstChildren, param?: IN): OUT;
  mmonitTarget(children: MmonitTargetCstChildren, param?: IN): OUT;
  checkStatement(children: CheckStatementCstChildren, param?: IN): OUT;
  checkProcess(children: CheckProcessCstChildren, param?: IN): OUT;
  checkFile(children: CheckFileCstChildren, param?: IN): OUT;
  checkFifo(children: CheckFifoCstChildren, param?: IN): OUT;
  checkDirectory(children: CheckDirectoryCstChildren, param?: IN): OUT;
  checkFilesystem(children: CheckFilesystemCstChildren, param?: IN): OUT;
  checkHost(children: CheckHostCstChildren, param?: IN): OUT;
  checkSystem(children: CheckSystemCstChildren, param?: IN): OUT;
  checkProgram(children: CheckProgramCstChildren, param?: IN): OUT;
  checkNetwork(children: CheckNetworkCstChildren, param?: IN): OUT;
  commonStatement(children: CommonStatementCstChildren, param?: IN): OUT;
  method(children: MethodCstChildren, param?: IN): OUT;
  command(children: CommandCstChildren, param?: IN): OUT;
  uidGid(children: UidGidCstChildren, param?: IN): OUT;
  timeoutSeconds(children: TimeoutSecondsCstChildren, param?: IN): OUT;
  every(children: EveryCstChildren, param?: IN): OUT;
  mode(children: ModeCstChildren, param?: IN): OUT;
  onreboot(children: OnrebootCstChildren, param?: IN): OUT;
  group(children: GroupCstChildren, param?: IN): OUT;
  depends(children: DependsCstChildren, param?: IN): OUT;
  noalert(children: NoalertCstChildren, param?: IN): OUT;
  tail(children: TailCstChildren, param?: IN): OUT;
  rate(children: RateCstChildren, param?: IN): OUT;
  action(children: ActionCstChildren, param?: IN): OUT;
  restartLimit(children: RestartLimitCstChildren, param?: IN): OUT;
  operator(children: OperatorCstChildren, param?: IN): OUT;
  equality(children: EqualityCstChildren, param?: IN): OUT;
  value(children: ValueCstChildren, param?: IN): OUT;
  sizeUnit(children: SizeUnitCstChildren, param?: IN): OUT;
  timeUnit(children: TimeUnitCstChildren, param?: IN): OUT;
  processIf(children: ProcessIfCstChildren, param?: IN): OUT;
  fileIf(children: FileIfCstChildren, param?: IN): OUT;
  fifoIf(children: FifoIfCstChildren, param?: IN): OUT;
  filesystemIf(children: FilesystemIfCstChildren, param?: IN): OUT;
  hostIf(children: HostIfCstChildren, param?: IN): OUT;
  systemIf(children: SystemIfCstChildren, param?: IN): OUT;
  programIf(children: ProgramIfCstChildren, param?: IN): OUT;
  networkIf(children: NetworkIfCstChildren, param?: IN): OUT;
  existence(children: ExistenceCstChildren, param?: IN): OUT;
  changedPid(children: ChangedPidCstChildren, param?: IN): OUT;
  owner(children: OwnerCstChildren, param?: IN): OUT;
  securityAttribute(children: SecurityAttributeCstChildren, param?: IN): OUT;
  fileDescriptors(children: FileDescriptorsCstChildren, param?: IN): OUT;
  uptime(children: UptimeCstChildren, param?: IN): OUT;
  processResources(children: ProcessResourcesCstChildren, param?: IN): OUT;
  processResource(children: ProcessResourceCstChildren, param?: IN): OUT;
  ioAmount(children: IoAmountCstChildren, param?: IN): OUT;
  loadavg(children: LoadavgCstChildren, param?: IN): OUT;
  systemResources(children: SystemResourcesCstChildren, param?: IN): OUT;
  systemResource(children: SystemResourceCstChildren, param?: IN): OUT;
  checksum(children: ChecksumCstChildren, param?: IN): OUT;
  timestampKind(children: TimestampKindCstChildren, param?: IN): OUT;
  timestamp(children: TimestampCstChildren, param?: IN): OUT;
  size(children: SizeCstChildren, param?: IN): OUT;
  permission(children: PermissionCstChildren, param?: IN): OUT;
  content(children: ContentCstChildren, param?: IN): OUT;
  ignoreContent(children: IgnoreContentCstChildren, param?: IN): OUT;
  contentCondition(children: ContentConditionCstChildren, param?: IN): OUT;
  filesystemTest(children: FilesystemTestCstChildren, param?: IN): OUT;
  programTest(children: ProgramTestCstChildren, param?: IN): OUT;
  networkTest(children: NetworkTestCstChildren, param?: IN): OUT;
  connection(children: ConnectionCstChildren, param?: IN): OUT;
  portTest(children: PortTestCstChildren, param?: IN): OUT;
  portOption(children: PortOptionCstChildren, param?: IN): OUT;
  urlTest(children: UrlTestCstChildren, param?: IN): OUT;
  unixTest(children: UnixTestCstChildren, param?: IN): OUT;
  icmpTest(children: IcmpTestCstChildren, param?: IN): OUT;
  retry(children: RetryCstChildren, param?: IN): OUT;
  responseTime(children: ResponseTimeCstChildren, param?: IN): OUT;
  sendExpect(children: SendExpectCstChildren, param?: IN): OUT;
  connectionType(children: ConnectionTypeCstChildren, param?: IN): OUT;
  protocol(children: ProtocolCstChildren, param?: IN): OUT;
  httpOption(children: HttpOptionCstChildren, param?: IN): OUT;
  apacheStatusOption(children: ApacheStatusOptionCstChildren, param?: IN): OUT;
  websocketOption(children: WebsocketOptionCstChildren, param?: IN): OUT;
  mysqlOption(children: MysqlOptionCstChildren, param?: IN): OUT;
}
