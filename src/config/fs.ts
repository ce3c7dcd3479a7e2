/**
 * The filesystem as the loader and checker see it: a small synchronous subset of `node:fs` that a
 * memfs volume also provides, so every stage runs the same on disk, in tests and in the simulator.
 */
export interface FsStats {
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  mode: number;
  uid: number;
  gid: number;
  size: number;
}

export interface Fs {
  readFileSync(path: string): Uint8Array;
  statSync(path: string): FsStats;
  lstatSync(path: string): FsStats;
  readdirSync(path: string): string[];
}

/** The error text Monit would print for a failed system call (`STRERROR`). */
export function errnoMessage(err: unknown): string {
  const code = (err as { code?: string }).code;
  switch (code) {
    case 'ENOENT': return 'No such file or directory';
    case 'EACCES': return 'Permission denied';
    case 'EISDIR': return 'Is a directory';
    case 'ENOTDIR': return 'Not a directory';
    case 'ELOOP': return 'Too many levels of symbolic links';
    default: return err instanceof Error ? err.message : String(err);
  }
}

export function tryStat(fs: Fs, path: string, follow = true): FsStats | undefined {
  try {
    return follow ? fs.statSync(path) : fs.lstatSync(path);
  } catch {
    return undefined;
  }
}
