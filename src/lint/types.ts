/**
 * The contract between the lint engine and its rules (STYLE.md, "Rules"): a rule declares which
 * node kinds it looks at (`appliesTo`), the engine walks the model once and hands it each such
 * node; a rule that needs the whole configuration keeps a little state and reports in `finish`.
 */
import type { Command, Config, Located, RestartLimit, Service, Span, Test } from '../config/model.js';
import type { Severity } from '../diagnostic.js';
import type { DependencyGraph } from './graph.js';
import type { IncludeStatement } from './trivia.js';
import type { PackageOwnership } from './ownership.js';

/** The documentation every rule carries; `monitlint rule CODE` and the README table print it. */
export interface RuleDoc {
  /** `MLnnn`, stable, never reused. */
  code: string;
  /** kebab-case; usable wherever the code is. */
  name: string;
  severity: Severity;
  /** One line: what the rule finds. */
  title: string;
  /** Why it matters, with the spec section behind it. */
  rationale: string;
  /** A control file that triggers the rule. */
  bad: string;
  /** The same configuration written so that the rule stays silent. */
  good: string;
  /**
   * Files of the virtual host the examples are linted against (path → mode), for rules that only
   * run with `--host`. Their examples are then linted in host mode.
   */
  exampleHost?: Record<string, number>;
}

/** One node of the model as the engine walks it. */
export type LintNode =
  | { kind: 'config'; config: Config }
  | { kind: 'service'; service: Service }
  | { kind: 'test'; service: Service; test: Test }
  | { kind: 'restart-limit'; service: Service; limit: RestartLimit }
  | { kind: 'depends-on'; service: Service; parent: Located<string> }
  | { kind: 'command'; service: Service; role: 'start' | 'stop' | 'restart' | 'program' | 'exec'; command: Command }
  | { kind: 'include'; include: IncludeStatement };

export type NodeKind = LintNode['kind'];
export type NodeOf<K extends NodeKind> = Extract<LintNode, { kind: K }>;

/** What a rule reports: the node's span (or the span of one of its keywords) and the words. */
export interface Finding {
  at: Span;
  /** What is wrong, with the concrete value quoted. */
  message: string;
  /** What to do about it. */
  hint?: string;
  /** Overrides the rule's default severity (e.g. advice without `--host`). */
  severity?: Severity;
  /** Other places that explain the finding (the `depends on` chain, the include that read the file). */
  related?: Array<{ at: Span; message: string }>;
}

/** What the engine knows and a rule may ask. */
export interface LintModel {
  config: Config;
  graph: DependencyGraph;
  ownership: PackageOwnership;
  /** `set daemon` interval in seconds, Monit's default (30 s, spec §1.1 of monit-semantics) when absent. */
  pollSeconds: number;
  includes: IncludeStatement[];
  /**
   * True when the file was linted as a fragment (a `conf.d` file without its root): rules about
   * what only a root declares (`set daemon`, `set mailserver`) keep quiet.
   */
  fragment: boolean;
  /**
   * False when a syntax error cut the parse short: rules about something being *absent* must keep
   * quiet, since the statement may be in the part that was not read (gixy's lesson, STYLE.md).
   */
  complete: boolean;
  /** Facts about the machine, present only with `--host`. */
  host?: HostFacts;
}

/** Answers from the machine (`--host`). */
export interface HostFacts {
  /** Package-manager guards found on the host (paths of hook files), empty when none. */
  guards: string[];
  /** The mode of a file on the host, or undefined when it does not exist. */
  modeOf(path: string): number | undefined;
}

export interface RuleContext {
  model: LintModel;
  report(f: Finding): void;
}

/** A rule: docs plus a predicate over the node kinds it names, and an optional whole-config step. */
export interface Rule<K extends NodeKind = NodeKind, S = undefined> extends RuleDoc {
  appliesTo: readonly K[];
  /** Fresh state for one lint run (for rules that fold over several nodes). */
  init?: () => S;
  check?: (node: NodeOf<K>, ctx: RuleContext, state: S) => void;
  finish?: (ctx: RuleContext, state: S) => void;
}

/** A rule with its node and state types erased, as the registry holds it. */
export interface AnyRule extends RuleDoc {
  appliesTo: readonly NodeKind[];
  init?: () => unknown;
  check?: (node: LintNode, ctx: RuleContext, state: unknown) => void;
  finish?: (ctx: RuleContext, state: unknown) => void;
}

/** Declares a rule with typed nodes and state; the registry stores it erased. */
export function defineRule<K extends NodeKind, S = undefined>(rule: Rule<K, S>): AnyRule {
  return rule as unknown as AnyRule;
}
