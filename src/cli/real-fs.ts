/** The real disk as an {@link Fs}: the only place that reads it (DESIGN.md: only the CLI touches the disk). */
import * as nodeFs from 'node:fs';
import type { Fs } from '../config/fs.js';

export const realFs: Fs = {
  readFileSync: (p) => nodeFs.readFileSync(p),
  statSync: (p) => nodeFs.statSync(p),
  lstatSync: (p) => nodeFs.lstatSync(p),
  readdirSync: (p) => nodeFs.readdirSync(p),
};
