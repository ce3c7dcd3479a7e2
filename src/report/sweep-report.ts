/**
 * Formats a phase sweep ({@link SweepResult}): the outcome classes first, each with its share of
 * phases, its phase ranges, the config lines behind it (quoted) and the fix; then the timeline of
 * one representative phase per class. JSON: the sweep result plus those timelines (schema
 * `monitlint-sweep/1`, README "monitlint simulate").
 */
import { Chalk } from 'chalk';
import type { LoadedFile } from '../config/model.js';
import type { GuardEffect } from '../sim/guard.js';
import type { Match } from '../sim/packages/world.js';
import type { SweepResult } from '../sim/sweep.js';
import type { Timeline } from '../sim/timeline.js';
import { formatTimelineText } from './timeline-report.js';

export interface SweepReportInput {
  result: SweepResult;
  /** The package sets and what they matched in the config. */
  matches: Match[];
  /** The representative timeline of each class, by phase. */
  timelines: Map<number, Timeline>;
  /** The control file and its includes, for quoting lines. */
  files: readonly LoadedFile[];
  /** With `--with-guard`: what the guard changes against the same transaction without it. */
  guard?: GuardEffect;
}

function pct(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 && share > 0 ? 1 : 0)}%`;
}

/** "12% of phases", or where a class shows only at the extra phases next to the transaction's steps. */
function phasesText(share: number): string {
  return share > 0 ? `${pct(share)} of phases` : 'only at the extra phases next to the transaction steps';
}

/**
 * The guard's section (`simulate --with-guard`): the unguarded harmful classes it removes, those
 * it does not remove, and those it introduces (a strategy that cannot work here, issue 6 item 4).
 */
function guardText(g: GuardEffect, c: InstanceType<typeof Chalk>): string[] {
  const out = [c.bold(`guard removes (strategy ${g.strategy}), against the same transaction without the guard:`)];
  if (g.removes.length === 0) out.push(`  removes: nothing${g.harmfulBefore ? '' : ' (no phase was harmful without it)'}`);
  for (const k of g.removes) out.push(c.green(`  removes: ${k.title} (was ${phasesText(k.before)})`));
  for (const k of g.remains.filter((x) => x.unguarded)) out.push(c.red(`  does not remove: ${k.title} (${phasesText(k.after)}; ${phasesText(k.before)} without the guard)`));
  for (const k of g.remains.filter((x) => !x.unguarded)) out.push(c.red(`  introduces: ${k.title} (${phasesText(k.after)})`));
  if (g.remains.length === 0) out.push(c.green('  harmful classes left with the guard: none'));
  return out;
}

function fmt(n: number): string {
  return `${Number(n.toFixed(3))}`;
}

function rangeText(rs: ReadonlyArray<[number, number]>, max = 6): string {
  const parts = rs.slice(0, max).map(([a, b]) => (a === b ? `${fmt(a)} s` : `${fmt(a)}–${fmt(b)} s`));
  if (rs.length > max) parts.push(`and ${rs.length - max} more ranges`);
  return parts.join(', ');
}

function quote(files: readonly LoadedFile[], file: string, line: number): string | undefined {
  const f = files.find((x) => x.path === file) ?? files.find((x) => x.path.endsWith(`/${file}`) || file.endsWith(`/${x.path}`));
  return f?.text.split('\n')[line - 1]?.trim();
}

/** The text report. */
export function formatSweepText(i: SweepReportInput, opts: { color: boolean }): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const r = i.result;
  const out: string[] = [];
  out.push(c.bold(`simulate ${r.config}: ${r.transaction}; poll ${r.pollSeconds} s, ${r.total} phase${r.total === 1 ? '' : 's'}${r.total > 1 ? ` ${r.step} s apart` : ''}${r.between > 0 ? ` (and ${r.between} between the steps, 1 ms after each transaction step)` : ''}`));
  for (const m of i.matches) {
    out.push(`package ${m.spec.name}: ${m.spec.source}`);
    const seen = [
      ...m.processes.map((p) => `${p.service} (process, by ${p.by}) → unit ${m.unit ?? '?'}`),
      ...m.files.map((f) => `${f.service} (file ${f.path})`),
    ];
    out.push(`  watched by this config: ${seen.length > 0 ? seen.join('; ') : 'nothing (no check names its binaries, pidfile or unit)'}`);
  }
  out.push(`transaction: ${r.transactionEnd.toFixed(3)} s; the daemon is crashed at ${r.crashAt.toFixed(1)} s to see whether Monit restarts it`);
  out.push('');
  out.push(c.bold('outcome classes:'));
  r.classes.forEach((k, n) => {
    const share = `${k.phases} of ${r.total} phase${r.total === 1 ? '' : 's'} (${pct(k.share)})`;
    const where = k.between !== undefined
      ? `only between the steps, at ${k.between.slice(0, 6).map((p) => `${fmt(p)} s`).join(', ')}${k.between.length > 6 ? ', …' : ''} (a window narrower than ${fmt(r.step)} s, just after a transaction step)`
      : rangeText(k.ranges);
    const head = `${n + 1}. ${k.title} — ${share}: ${where}`;
    out.push(k.harmful ? c.red.bold(head) : c.green.bold(head));
    for (const cause of k.causes) {
      const text = quote(i.files, cause.file, cause.line);
      out.push(`     ${cause.file}:${cause.line}${cause.column !== undefined ? `:${cause.column}` : ''}: ${cause.what}${text !== undefined ? `\n         ${c.dim(text)}` : ''}`);
    }
    if (k.fix !== '') out.push(`     fix: ${k.fix}`);
  });
  if (i.guard !== undefined) {
    out.push('');
    out.push(...guardText(i.guard, c));
  }
  const shown = new Set<number>();
  for (const k of r.classes) {
    if (shown.has(k.representative)) continue;
    shown.add(k.representative);
    const t = i.timelines.get(k.representative);
    if (t === undefined) continue;
    const titles = r.classes.filter((x) => x.representative === k.representative).map((x) => x.title);
    out.push('');
    out.push(c.bold(`timeline at phase ${fmt(k.representative)} s (${titles.join('; ')}):`));
    // The warm-up passes before t = 0 say nothing about the transaction.
    out.push(formatTimelineText({ ...t, entries: t.entries.filter((e) => e.time >= 0 || e.kind === 'daemon-start') }, opts).trimEnd().split('\n').slice(1).join('\n'));
  }
  out.push('');
  out.push(r.harmful ? c.red(`harmful outcomes in ${harmfulShare(r)} of the phases`) : c.green('no phase leads to a harmful outcome'));
  return `${out.join('\n')}\n`;
}

function harmfulShare(r: SweepResult): string {
  const clean = r.classes.find((k) => k.kind === 'clean')?.phases ?? 0;
  const n = r.total - clean;
  return `${n} of ${r.total} (${((n / r.total) * 100).toFixed(0)}%)`;
}

/** The JSON report: the sweep result, the matches, and the representative timelines. */
export function formatSweepJson(i: SweepReportInput): string {
  const doc = {
    ...i.result,
    ...(i.guard !== undefined ? { guard: i.guard } : {}),
    packages: i.matches.map((m) => ({ name: m.spec.name, source: m.spec.source, pattern: m.spec.pattern, unit: m.unit ?? null, processes: m.processes, files: m.files })),
    timelines: [...i.timelines.values()],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
