/** Small questions several rules ask of the model. Rules stay predicates; the shared wording lives here. */
import type { Action, Command, Service } from '../config/model.js';

/** Actions that take a service out of monitoring or stop it (monit-semantics §3.6, §4.4, §4.7). */
export function takesOut(a: Action | undefined): boolean {
  return a !== undefined && (a.kind === 'unmonitor' || a.kind === 'stop');
}

/** Actions that disturb a service when a package replaces its files: unmonitor, stop, restart. */
export function disrupts(a: Action | undefined): boolean {
  return a !== undefined && (a.kind === 'unmonitor' || a.kind === 'stop' || a.kind === 'restart');
}

/** The path a file-like check watches. */
export function watchedPath(s: Service): string | undefined {
  return s.kind === 'file' || s.kind === 'fifo' || s.kind === 'directory' || s.kind === 'filesystem' ? s.path.value : undefined;
}

/** The program line as written, for messages. */
export function commandText(c: Command): string {
  return c.argv.map((a) => (/\s/.test(a.value) ? `"${a.value}"` : a.value)).join(' ');
}

const SERVICE_MANAGERS = new Set(['systemctl', 'service', 'invoke-rc.d', 'rc-service', 'initctl', 'sv', 'rcctl', 'start-stop-daemon']);

/**
 * Whether a command starts the daemon through the service manager (systemd, SysV `service`,
 * `invoke-rc.d`, OpenRC, an init script) — the same entry point the package's maintainer scripts
 * use, so Monit and the package manager race on it (package-managers.md §2, patterns A–C).
 */
export function viaServiceManager(c: Command): boolean {
  const base = (w: string): string => w.slice(w.lastIndexOf('/') + 1);
  // `sudo systemctl …`, `/usr/bin/env service …`: look past the wrapper (corpus 1255).
  let words = c.argv.map((a) => a.value);
  while (words.length > 1 && /^(sudo|env|nice|nohup|ionice|timeout)$/.test(base(words[0] ?? ''))) {
    words = words.slice(1);
    while (words.length > 1 && (words[0] ?? '').startsWith('-')) words = words.slice(1);
  }
  const first = words[0] ?? '';
  if (SERVICE_MANAGERS.has(base(first)) || /^\/etc\/(init\.d|rc\.d(\/init\.d)?)\//.test(first)) return true;
  // A shell running a command line: look inside it.
  if (/^(ba|da|z|k)?sh$/.test(base(first))) {
    const script = words.slice(1).join(' ');
    return /(^|[\s;&|(])(\S*\/)?(systemctl|service|invoke-rc\.d|rc-service|initctl)\s/.test(script) || /\/etc\/(init\.d|rc\.d)\//.test(script);
  }
  return false;
}
