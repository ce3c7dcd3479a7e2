/**
 * Formats a simulation {@link Timeline}: a text timeline (host events interleaved with Monit's
 * passes and actions, each action with the config line behind it) or the versioned JSON schema.
 * Receives data, returns strings; colour only when the caller asks for it.
 */
import { Chalk } from 'chalk';
import type { Timeline, TimelineEntry } from '../sim/timeline.js';

const ACTIONS = new Set(['restart', 'start', 'stop', 'unmonitor', 'monitor', 'exec']);
const PROBLEMS = new Set(['failed', 'start-failed', 'stop-failed', 'restart-limit']);

function location(e: TimelineEntry): string {
  if (e.line === undefined || e.file === undefined) return '';
  return ` [${e.file}:${e.line}${e.column !== undefined ? `:${e.column}` : ''}]`;
}

/** The text timeline. `color` turns on ANSI colours (the CLI decides: tty, NO_COLOR, FORCE_COLOR). */
export function formatTimelineText(t: Timeline, opts: { color: boolean }): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const lines: string[] = [];
  lines.push(c.bold(`simulate ${t.config} with ${t.scenario}: poll ${t.pollSeconds} s, phase ${t.phase} s (first pass at or after t = 0)`));
  for (const e of t.entries) {
    const time = e.time.toFixed(3).padStart(9);
    const src = e.source.padEnd(5);
    const svc = (e.service ?? '').padEnd(14);
    const kind = e.kind.padEnd(14);
    let text = `${time}  ${src} ${svc} ${kind} ${e.detail}${location(e)}`;
    if (e.source === 'monit') {
      if (e.kind === 'pass' || e.kind === 'skip' || e.kind === 'paused') text = c.dim(text);
      else if (ACTIONS.has(e.kind)) text = c.yellow.bold(text);
      else if (PROBLEMS.has(e.kind)) text = c.red(text);
      else if (e.kind === 'succeeded') text = c.green(text);
    } else if (e.source === 'guard') text = c.magenta(text);
    else text = c.cyan(text);
    lines.push(text);
  }
  lines.push(c.bold('final service states:'));
  for (const s of t.services) {
    const state = s.monitor === 'not' ? 'Not monitored' : s.monitor === 'init' ? 'Initializing' : s.status === 0 ? 'OK' : `status ${s.status}`;
    let extra = '';
    if (s.pid !== undefined) {
      extra = ` (pid ${s.pid}`;
      if (s.exeInode !== undefined && s.pathInode !== undefined && s.exeInode !== s.pathInode) extra += ', runs a binary that is no longer the file on disk';
      extra += ')';
    }
    const line = `  ${s.name.padEnd(20)} ${s.type.padEnd(10)} ${state}${extra}`;
    lines.push(s.monitor === 'not' ? c.red(line) : line);
  }
  return `${lines.join('\n')}\n`;
}

/** The JSON form: the {@link Timeline} object itself (schema `monitlint-timeline/1`). */
export function formatTimelineJson(t: Timeline): string {
  return `${JSON.stringify(t, null, 2)}\n`;
}
