/**
 * The install manifest: what `monitlint guard --install` wrote, so `--uninstall` removes exactly
 * that and nothing an administrator changed or added since.
 */
import { createHash } from 'node:crypto';
import type { GuardFile, Manager, Strategy } from './types.js';

/** Where the manifest lives on the target system. */
export const MANIFEST_PATH = '/var/lib/monitlint/guard-manifest.json';

export interface ManifestEntry {
  path: string;
  mode: number;
  sha256: string;
}

export interface Manifest {
  version: 1;
  manager: Manager;
  strategy: Strategy;
  files: ManifestEntry[];
  /** Directories the install created, deepest first; removed on uninstall when empty. */
  dirs: string[];
}

export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

export function makeManifest(manager: Manager, strategy: Strategy, files: readonly GuardFile[], dirs: readonly string[]): Manifest {
  const deepestFirst = [...new Set(dirs)].sort((a, b) => b.split('/').length - a.split('/').length || a.localeCompare(b));
  return { version: 1, manager, strategy, files: files.map((f) => ({ path: f.path, mode: f.mode, sha256: sha256(f.content) })), dirs: deepestFirst };
}

export function formatManifest(m: Manifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

/** Parses a manifest; a message for anything that is not one this version wrote. */
export function parseManifest(text: string): Manifest | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return `not JSON (${e instanceof Error ? e.message : String(e)})`;
  }
  const m = data as Partial<Manifest>;
  if (m.version !== 1 || !Array.isArray(m.files)) return 'not a monitlint guard manifest (version 1)';
  if (m.dirs === undefined) m.dirs = [];
  if (!Array.isArray(m.dirs) || m.dirs.some((d) => typeof d !== 'string' || !d.startsWith('/') || d.split('/').includes('..'))) return 'its directory list is malformed';
  for (const f of m.files) {
    const e = f as Partial<ManifestEntry>;
    if (typeof e.path !== 'string' || !e.path.startsWith('/') || e.path.split('/').includes('..') || typeof e.sha256 !== 'string') return 'a file entry is malformed';
  }
  return m as Manifest;
}
