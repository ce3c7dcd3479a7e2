/**
 * The lint engine: one walk over the model, dispatching each node to the rules that asked for its
 * kind, then the rules' `finish` steps; then the checker's parity findings, inline suppressions
 * and per-rule severities. A rule that throws becomes an ML000 internal-error finding (exit 2),
 * never a stack trace.
 */
import type { CheckResult } from '../check/check.js';
import type { Parsed } from '../config/load.js';
import type { Span } from '../config/model.js';
import { sortDiagnostics, type Diagnostic, type Severity } from '../diagnostic.js';
import { DependencyGraph } from './graph.js';
import { PackageOwnership, type PackageQuery } from './ownership.js';
import { INTERNAL_ERROR, isParityCode } from './parity.js';
import { RULES } from './rules/index.js';
import { parseDirectives, type Directive } from './suppress.js';
import { collectTrivia } from './trivia.js';
import type { AnyRule, Finding, HostFacts, LintModel, LintNode, NodeKind, RuleContext } from './types.js';

/** Monit's poll interval when `set daemon` is absent from the file (monit -d default, monit(1)). */
export const DEFAULT_POLL_SECONDS = 30;

/** A per-rule setting from the project configuration. */
export type RuleSetting = Severity | 'off';

export interface LintOptions {
  /**
   * Lint as a `conf.d` fragment: the root is unknown (issue 3, "Fragment mode"). `auto` decides
   * from the file: a root is called `monitrc…` or has `set daemon`/`set init`.
   */
  fragment?: boolean | 'auto';
  /** Facts from the machine (`--host`). */
  host?: HostFacts;
  /** The package database query (`--host`). */
  packageQuery?: PackageQuery;
  /** Rule code → severity or off: decides which rules run. */
  settings?: ReadonlyMap<string, RuleSetting>;
  /**
   * The settings for the file a finding is in, when that is an included file with its own
   * configuration (per-file-ignores name the fragment, not the root that includes it).
   */
  settingsForFile?: (file: string) => ReadonlyMap<string, RuleSetting>;
  /** Honour `# monitlint` comments (default true; `--no-inline-config` turns them off). */
  inlineConfig?: boolean;
  /** The rules to run (default: the registry). */
  rules?: readonly AnyRule[];
}

/** A diagnostic with what reporters need beyond the core contract. */
export interface LintDiagnostic extends Diagnostic {
  /** The rule's kebab-case name. */
  name: string;
  related?: Array<{ span: Span; message: string }>;
  /** The `include` statements that led to the file, outermost last. */
  includedFrom?: Span[];
}

export interface LintResult {
  diagnostics: LintDiagnostic[];
  /** False when a syntax error cut the parse short. */
  fullyParsed: boolean;
  /** Whether `monit -t` would accept the file. */
  accepted: boolean;
  /** A rule threw: the run must exit 2. */
  internalError: boolean;
  /** Whether the file was linted as a fragment. */
  fragment: boolean;
}

/** `auto` fragment mode: a root is named `monitrc…` or sets the poll interval or init mode. */
export function looksLikeFragment(config: LintModel['config']): boolean {
  const base = config.file.slice(config.file.lastIndexOf('/') + 1);
  return !/^monitrc/i.test(base) && !config.settings.daemon && !config.settings.init;
}

const PARITY_NAMES: Record<string, string> = {
  ML101: 'syntax-error', ML102: 'lexical-error', ML103: 'include-error',
  ML201: 'semantic-error', ML202: 'dependency-error', ML203: 'host-error', ML204: 'monit-warning',
};

/** Finds a rule by code or kebab-case name (case-insensitive). */
export function findRule(id: string, rules: readonly AnyRule[] = RULES): AnyRule | undefined {
  const k = id.toLowerCase();
  return rules.find((r) => r.code.toLowerCase() === k || r.name === k);
}

export function lintParsed(parsed: Parsed, checked: CheckResult, opts: LintOptions = {}): LintResult {
  const rules = opts.rules ?? RULES;
  const settings = opts.settings ?? new Map<string, RuleSetting>();
  const config = parsed.config;
  const trivia = collectTrivia(parsed.files, parsed.trivia);
  const model: LintModel = {
    config,
    graph: new DependencyGraph(config.services),
    ownership: new PackageOwnership(opts.packageQuery),
    pollSeconds: config.settings.daemon && config.settings.daemon.interval.value > 0 ? config.settings.daemon.interval.value : DEFAULT_POLL_SECONDS,
    includes: trivia.includes,
    fragment: opts.fragment === 'auto' ? looksLikeFragment(config) : (opts.fragment ?? false),
    complete: checked.fullyParsed,
    ...(opts.host ? { host: opts.host } : {}),
  };

  const out: LintDiagnostic[] = [];
  let internalError = false;
  const active = rules.filter((r) => settings.get(r.code) !== 'off' && (r.check || r.finish));
  const byKind = new Map<NodeKind, AnyRule[]>();
  for (const r of active) for (const k of r.appliesTo) byKind.set(k, [...(byKind.get(k) ?? []), r]);
  const states = new Map<AnyRule, unknown>();
  const broken = new Set<AnyRule>();
  const ctxFor = (rule: AnyRule): RuleContext => ({
    model,
    report: (f: Finding) => out.push(toDiagnostic(rule, f)),
  });
  const contexts = new Map(active.map((r) => [r, ctxFor(r)]));
  const guard = (rule: AnyRule, fn: () => void): void => {
    if (broken.has(rule)) return;
    try {
      fn();
    } catch (err) {
      broken.add(rule);
      internalError = true;
      out.push({
        code: INTERNAL_ERROR,
        name: 'internal-error',
        severity: 'error',
        message: `rule ${rule.code} ${rule.name} failed: ${err instanceof Error ? err.message : String(err)}; this is a bug in monitlint.`,
        span: { file: config.file, line: 1, column: 1, endLine: 1, endColumn: 1, startOffset: 0, endOffset: 0 },
      });
    }
  };
  for (const r of active) guard(r, () => states.set(r, r.init ? r.init() : undefined));

  const visit = (node: LintNode): void => {
    for (const r of byKind.get(node.kind) ?? []) {
      const check = r.check;
      if (check) guard(r, () => check(node, contexts.get(r) as RuleContext, states.get(r)));
    }
  };

  // The walk: settings, includes, then each service with its programs, tests, limits and dependencies.
  visit({ kind: 'config', config });
  for (const include of trivia.includes) visit({ kind: 'include', include });
  for (const service of config.services) {
    visit({ kind: 'service', service });
    if (service.kind === 'program') visit({ kind: 'command', service, role: 'program', command: service.command });
    if (service.start) visit({ kind: 'command', service, role: 'start', command: service.start });
    if (service.stop) visit({ kind: 'command', service, role: 'stop', command: service.stop });
    if (service.restart) visit({ kind: 'command', service, role: 'restart', command: service.restart });
    for (const test of service.tests) {
      visit({ kind: 'test', service, test });
      for (const a of [test.actions.failAction, test.actions.recoveryAction]) {
        if (a?.command) visit({ kind: 'command', service, role: 'exec', command: a.command });
      }
    }
    for (const limit of service.restartLimits) {
      visit({ kind: 'restart-limit', service, limit });
      if (limit.action.command) visit({ kind: 'command', service, role: 'exec', command: limit.action.command });
    }
    for (const parent of service.dependsOn) visit({ kind: 'depends-on', service, parent });
  }
  for (const r of active) {
    const finish = r.finish;
    if (finish) guard(r, () => finish(contexts.get(r) as RuleContext, states.get(r)));
  }

  // Monit parity: the checker's findings, never suppressible.
  for (const d of checked.diagnostics) {
    let p: LintDiagnostic = { ...d, name: PARITY_NAMES[d.code] ?? 'parity' };
    if (model.fragment && d.code === 'ML202' && d.message.startsWith('Depending service')) {
      p = { ...p, severity: 'info', message: `${d.message} (linted as a fragment: its root may define it)` };
    }
    out.push(p);
  }

  // Suppressions.
  let kept = out;
  if (opts.inlineConfig !== false) {
    const { directives, malformed } = parseDirectives(trivia.comments, trivia.includes, parsed.files, parsed.tokens.all(), config);
    const used = new Set<object>();
    kept = applyDirectives(out, directives, rules, used);
    const meta = (code: string, span: Span, message: string, hint?: string): void => {
      const rule = rules.find((r) => r.code === code);
      if (!rule || settings.get(code) === 'off') return;
      kept.push({ code, name: rule.name, severity: rule.severity, span, message, ...(hint ? { hint } : {}) });
    };
    for (const m of malformed) meta('ML002', m.span, m.message);
    for (const d of directives) {
      for (const e of d.entries) {
        const rule = findRule(e.text, rules);
        if (isParityCode(e.text.toUpperCase()) || (rule && isParityCode(rule.code))) {
          meta('ML001', e.span, `'${e.text}' is a Monit-parity finding and cannot be suppressed: a comment cannot make Monit accept the file.`, 'Fix the configuration instead.');
        } else if (!rule) {
          meta('ML001', e.span, `'${e.text}' names no monitlint rule.`, 'See `monitlint rules` for the codes and names.');
        }
      }
    }
    for (const u of unusedEntries(directives, used, rules, settings, model.host !== undefined)) {
      meta('ML003', u.span, `'${u.text}' suppresses nothing here.`, 'Remove it from the directive.');
    }
  }

  // Per-rule severities from the project configuration (parity findings keep theirs).
  const final = kept.flatMap((d) => {
    if (isParityCode(d.code)) return [d];
    const s = (opts.settingsForFile && d.span.file !== config.file ? opts.settingsForFile(d.span.file) : settings).get(d.code);
    if (s === 'off') return [];
    return s ? [{ ...d, severity: s }] : [d];
  });
  for (const d of final) {
    const chain = includeChain(config, d.span.file);
    if (chain.length > 0) d.includedFrom = chain;
  }
  return {
    diagnostics: sortDiagnostics(final) as LintDiagnostic[],
    fullyParsed: checked.fullyParsed,
    accepted: checked.accepted,
    internalError,
    fragment: model.fragment,
  };
}

function toDiagnostic(rule: AnyRule, f: Finding): LintDiagnostic {
  const d: LintDiagnostic = { code: rule.code, name: rule.name, severity: f.severity ?? rule.severity, message: f.message, span: f.at };
  if (f.hint) d.hint = f.hint;
  if (f.related) d.related = f.related.map((r) => ({ span: r.at, message: r.message }));
  return d;
}

/** Drops the diagnostics a directive covers; records in `used` each directive entry that matched. */
function applyDirectives(ds: LintDiagnostic[], directives: Directive[], rules: readonly AnyRule[], used: Set<object>): LintDiagnostic[] {
  return ds.filter((d) => {
    if (isParityCode(d.code) || /^ML0\d\d$/.test(d.code)) return true;
    let suppressed = false;
    for (const dir of directives) {
      if (dir.file !== d.span.file || d.span.startOffset < dir.start || d.span.startOffset >= dir.end) continue;
      for (const e of dir.entries) {
        const r = findRule(e.text, rules);
        if (r && r.code === d.code) {
          used.add(e);
          suppressed = true;
        }
      }
    }
    return !suppressed;
  });
}

function unusedEntries(directives: Directive[], used: Set<object>, rules: readonly AnyRule[], settings: ReadonlyMap<string, RuleSetting>, host: boolean): Array<{ text: string; span: Span }> {
  const out: Array<{ text: string; span: Span }> = [];
  for (const dir of directives) {
    for (const e of dir.entries) {
      const r = findRule(e.text, rules);
      if (!r || isParityCode(r.code) || used.has(e)) continue;
      // A rule that did not run cannot have been matched: off, or host-only without --host.
      if (settings.get(r.code) === 'off' || (r.exampleHost && !host)) continue;
      out.push(e);
    }
  }
  return out;
}

function includeChain(config: LintModel['config'], file: string): Span[] {
  const chain: Span[] = [];
  const seen = new Set<string>();
  let cur = config.files.find((f) => f.path === file);
  while (cur?.includedFrom && !seen.has(cur.path)) {
    seen.add(cur.path);
    chain.push(cur.includedFrom.span);
    const from = cur.includedFrom.file;
    cur = config.files.find((f) => f.path === from);
  }
  return chain;
}
