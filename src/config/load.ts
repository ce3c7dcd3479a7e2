/**
 * Reads a control file and everything it includes, as `monit -t -c FILE` does, and builds the
 * model. All file access goes through an {@link Fs}; `root` maps absolute paths into a checkout of
 * a configuration repository (`--root DIR`).
 */
import type { IRecognitionException } from 'chevrotain';
import { lexStream, type IncludeResolver, type LexDiagnostic, type LexTrivia, type MToken, type SourceFile, type TokenStream } from '../../grammar/lexer.js';
import { parseStatements } from '../../grammar/parser.js';
import { ConfigBuilder } from './build.js';
import { errnoMessage, type Fs } from './fs.js';
import { glob, hasMagic } from './glob.js';
import type { Config } from './model.js';

export interface LoadOptions {
  fs: Fs;
  /** Monit's working directory: relative includes resolve against it (spec §2). */
  cwd: string;
  /** Map absolute paths into this directory. */
  root?: string;
}

export interface Parsed {
  config: Config;
  files: SourceFile[];
  /** The token stream, column-wise (`tokens.all()` makes the token objects). */
  tokens: TokenStream;
  lexDiagnostics: LexDiagnostic[];
  parseErrors: IRecognitionException[];
  /** Comments and include statements, which are not tokens. */
  trivia: LexTrivia;
}

/** Decodes file bytes: UTF-8 when valid, else Latin-1 (Monit reads bytes, so both are accepted). */
export function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

export function mapPath(path: string, opts: Pick<LoadOptions, 'cwd' | 'root'>): string {
  if (path.startsWith('/')) return opts.root ? `${opts.root.replace(/\/+$/, '')}${path}` : path;
  return `${opts.cwd.replace(/\/+$/, '')}/${path}`;
}

export function includeResolver(opts: LoadOptions): IncludeResolver {
  const resolve = (p: string): string => mapPath(p, opts);
  return {
    expand(pattern) {
      const matches = glob(opts.fs, pattern, opts.cwd, (p) => (p.startsWith('/') && opts.root ? resolve(p) : p));
      const paths = matches.filter((m) => !m.directory && !m.path.endsWith('~')).map((m) => m.path);
      if (matches.length === 0 && !hasMagic(pattern)) return { paths, missing: 'No such file or directory' };
      return { paths };
    },
    read(path) {
      try {
        return { text: decode(opts.fs.readFileSync(resolve(path))) };
      } catch (err) {
        return { error: errnoMessage(err) };
      }
    },
  };
}

/** Parses control-file text (already read) with its includes. Never throws on any input. */
export function parseControlText(path: string, text: string, opts: LoadOptions): Parsed {
  const lexed = lexStream(path, text, includeResolver(opts));
  const builder = new ConfigBuilder(lexed.files);
  const parseErrors = parseStatements(lexed.stream, (st, piece, base) => builder.statement(st, piece as readonly MToken[], base));
  return { config: builder.finish(), files: lexed.files, tokens: lexed.stream, lexDiagnostics: lexed.diagnostics, parseErrors, trivia: lexed.trivia };
}
