/**
 * Whether output gets colours, decided once for every command: `--color`/`--no-color` beat the
 * environment; then NO_COLOR (any non-empty value), then FORCE_COLOR ("0"/"false" off, else on),
 * then whether stdout is a terminal. Read at run time, never at module load (the start-up
 * snapshot would freeze the build machine's answer).
 */
export function colourLevel(flag: boolean | undefined): 0 | 1 {
  if (flag === true) return 1;
  if (flag === false) return 0;
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false' ? 0 : 1;
  return process.stdout.isTTY ? 1 : 0;
}
