/**
 * Chevrotain's LL(k) lookahead, computed on first use instead of at start-up.
 *
 * `performSelfAnalysis` builds a lookahead function for every `OR`, `OPTION` and `MANY` of the
 * grammar: about 45 ms for this grammar, most of the start-up of a one-file run, while a typical
 * control file exercises a small part of the grammar. This strategy hands Chevrotain a thin
 * function per production that builds the real one (with the stock `LLkLookaheadStrategy`, so
 * decisions are identical) the first time the parser reaches that production, and reuses it.
 *
 * Validation (tests and `MONITLINT_GRAMMAR_VALIDATIONS=1`) is delegated unchanged, so ambiguity
 * checks still see the whole grammar.
 */
import { LLkLookaheadStrategy, type ILookaheadStrategy, type IOrAlt } from 'chevrotain';

type AlternationOptions = Parameters<ILookaheadStrategy['buildLookaheadForAlternation']>[0];
type OptionalOptions = Parameters<ILookaheadStrategy['buildLookaheadForOptional']>[0];
type ValidateOptions = Parameters<ILookaheadStrategy['validate']>[0];
type OrLookahead = ReturnType<ILookaheadStrategy['buildLookaheadForAlternation']>;
type OptionalLookahead = ReturnType<ILookaheadStrategy['buildLookaheadForOptional']>;

export class LazyLookaheadStrategy implements ILookaheadStrategy {
  private readonly eager: ILookaheadStrategy;

  constructor(options: { maxLookahead: number }) {
    this.eager = new LLkLookaheadStrategy(options);
  }

  validate(options: ValidateOptions): ReturnType<ILookaheadStrategy['validate']> {
    return this.eager.validate(options);
  }

  initialize(options: { rules: AlternationOptions['rule'][] }): void {
    this.eager.initialize?.(options);
  }

  buildLookaheadForAlternation(options: AlternationOptions): OrLookahead {
    const eager = this.eager;
    let built: OrLookahead | undefined;
    // Chevrotain calls lookahead functions with the parser as `this`; pass it through.
    return function lazyOrLookahead(this: unknown, alts?: IOrAlt<unknown>[]) {
      built ??= eager.buildLookaheadForAlternation(options);
      return built.call(this, alts);
    };
  }

  buildLookaheadForOptional(options: OptionalOptions): OptionalLookahead {
    const eager = this.eager;
    let built: OptionalLookahead | undefined;
    return function lazyOptionalLookahead(this: unknown) {
      built ??= eager.buildLookaheadForOptional(options);
      return built.call(this);
    };
  }
}
