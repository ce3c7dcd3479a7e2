/** Exit codes, in one place (DESIGN.md, Contracts). The output format never changes them. */
export const EXIT = {
  /** Every file accepted / no findings at or above the threshold. */
  ok: 0,
  /** A file rejected / findings at or above the threshold. */
  findings: 1,
  /** Usage error, unreadable input, or an internal error. */
  usage: 2,
} as const;
