import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { FileListeners } from './file-listeners';

import { ESLintUtils } from '@typescript-eslint/utils';

/** Where every rule's documentation lives; `docs.url` is derived from the rule name. */
export const DOCS_BASE_URL =
  'https://github.com/salesforce-session/eslint-plugin-salesforce-session/blob/main/docs/rules';

export interface SalesforceSessionDocs {
  /** Part of the `recommended` config (and so of `strict` and `all`). */
  recommended?: boolean;
  /** Part of the `strict` config (and so of `all`) even if not recommended. */
  strict?: boolean;
}

const ruleCreator = ESLintUtils.RuleCreator<SalesforceSessionDocs>((name) => `${DOCS_BASE_URL}/${name}.md`);

function freezeDeep<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) freezeDeep(inner);
  }
  return value;
}

/** Do two JSON-like values (rule options) hold the same data? */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => Object.hasOwn(b, key) && sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Is every own property of `a` (a plain object) the very value `b` has under that name, and `b` has no other? No allocation. */
function sameProperties(a: object, b: object): boolean {
  let count = 0;
  for (const key in a) {
    if (!Object.hasOwn(a, key)) continue;
    if (!Object.hasOwn(b, key) || (a as Record<string, unknown>)[key] !== (b as Record<string, unknown>)[key]) return false;
    count += 1;
  }
  for (const key in b) if (Object.hasOwn(b, key)) count -= 1;
  return count === 0;
}

/**
 * Are two options arrays made of the same elements: the very objects (ESLint 8 hands each file a new
 * slice of the config), or objects made anew whose properties are the very values (ESLint 9 and later
 * merge the defaults into a configured array for each file, spreading the config's objects)?
 */
function sameElements(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) {
    const x = a[index];
    const y = b[index];
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null || Array.isArray(x) || Array.isArray(y)) return false;
    if (!sameProperties(x, y)) return false;
  }
  return true;
}

/** The file a rule's listeners are at: what `listen` hands them, besides the listeners to add to. */
export interface RuleFile<MessageIds extends string, Options extends readonly unknown[]> extends FileListeners {
  /** The context of the file ESLint is linting. Read it inside listeners: `listen` runs before any file. */
  readonly context: Readonly<TSESLint.RuleContext<MessageIds, Options>>;
}

/**
 * A rule as the plugin writes it: ESLint's `create` made in two halves. `listen` adds the rule's
 * listeners once for a rule and its options; every file then gets the same listener object, with
 * `file.context` pointing at it, and what a helper kept of it (`file.kept`) forgotten once it is done.
 */
export type RuleDefinition<Options extends readonly unknown[], MessageIds extends string> = Readonly<
  Omit<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, SalesforceSessionDocs>, 'create'>
> & {
  readonly listen: (file: RuleFile<MessageIds, Options>, options: Readonly<Options>) => void;
};

/** One set of a rule's listeners, and the file it is at, if any. */
class RuleRun<MessageIds extends string, Options extends readonly unknown[]> implements RuleFile<MessageIds, Options> {
  readonly listeners: TSESLint.RuleListener = {};
  /** What the listeners were made for. */
  readonly options: Readonly<Options>;
  private current: Readonly<TSESLint.RuleContext<MessageIds, Options>> | null = null;
  /** How to forget what the listeners kept of the file under way: empty in most files. */
  private forgets: (() => void)[] = [];

  constructor(options: Readonly<Options>) {
    this.options = options;
  }

  get context(): Readonly<TSESLint.RuleContext<MessageIds, Options>> {
    if (!this.current) throw new Error('A rule read its context while no file was being linted.');
    return this.current;
  }

  /** Is a file's lint under way here, started and not yet at its `Program:exit`? */
  get busy(): boolean {
    return this.current !== null;
  }

  /** Is the lint under way here that of this file? */
  isAt(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
    return this.current !== null && this.current.sourceCode === sourceCode;
  }

  kept(forget: () => void): void {
    this.forgets.push(forget);
  }

  start(context: Readonly<TSESLint.RuleContext<MessageIds, Options>>): TSESLint.RuleListener {
    this.current = context;
    return this.listeners;
  }

  finish(): void {
    this.current = null;
    const { forgets } = this;
    if (forgets.length === 0) return;
    this.forgets = [];
    for (const forget of forgets) forget();
  }
}

/**
 * At most this many listener sets per rule and options. One is the rule; a second serves a config that
 * enables the same rule under two names, both at the same file at once. The rest stand in for sets
 * stranded at a file whose lint threw before the end of its `Program:exit`; past the bound, such a set is taken
 * back and its file forgotten.
 */
const MAX_RUNS = 4;

/**
 * The plugin's one RuleCreator. Unlike typescript-eslint's, whose `create` merges the user's options
 * over the defaults for every file it lints (starting with a `structuredClone`, which alone cost more
 * than a rule's whole analysis of a typical file), it merges once per distinct options value, and
 * makes the rule's listeners once for them (see `RuleDefinition`).
 *
 * The options ESLint hands a file are, most of the time, the very objects it handed the last one:
 * `meta.defaultOptions` itself for a rule configured by severity alone (ESLint 9 and later), or the
 * config's own objects in a new array (ESLint 8), or new objects spread from the config's (ESLint 9 and
 * later merge the defaults in anew for each file). Those are recognised by identity, element by element or
 * property by property, which costs next to nothing; others by comparing data.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: RuleDefinition<Options, MessageIds>,
): TSESLint.RuleModule<MessageIds, Options, SalesforceSessionDocs> & { name: string } {
  const { listen, ...definition } = rule;
  const created = ruleCreator({ ...definition, create: () => ({}) });
  const defaults = (rule.meta.defaultOptions ?? rule.defaultOptions ?? []) as Options;
  // Frozen, so that options ESLint hands out as this very array cannot have changed since.
  if (created.meta.defaultOptions) freezeDeep(created.meta.defaultOptions);
  const merged = new Map<string, Readonly<Options>>();
  // A rule without options gets its (frozen) defaults without a look at the config.
  const takesOptions = !Array.isArray(rule.meta.schema) || rule.meta.schema.length > 0;
  const fixed = takesOptions ? null : freezeDeep(structuredClone(defaults));
  let last: { readonly given: readonly unknown[]; readonly elements: readonly unknown[]; readonly input: unknown; readonly options: Readonly<Options> } | null = null;
  const remember = (given: readonly unknown[], options: Readonly<Options>): void => {
    last = { given, elements: [...given], input: structuredClone(given), options };
  };

  const runs = new Map<Readonly<Options>, RuleRun<MessageIds, Options>[]>();
  const newRun = (options: Readonly<Options>): RuleRun<MessageIds, Options> => {
    const run = new RuleRun<MessageIds, Options>(options);
    listen(run, options);
    const exit = run.listeners['Program:exit'];
    // No `finally`: a set whose `Program:exit` threw stays at its file, stranded (see MAX_RUNS).
    run.listeners['Program:exit'] = exit
      ? (node: TSESTree.Program) => {
          exit(node);
          run.finish();
        }
      : () => {
          run.finish();
        };
    return run;
  };
  /** The set the last file got: the one to hand out again, most of the time. */
  let lastRun: RuleRun<MessageIds, Options> | null = null;
  /** The options array ESLint handed the last file, when it resolved to `lastRun`'s options. */
  let lastGiven: readonly unknown[] | null = null;
  /** The listeners for a file, from a set of them made for `options` that is at no other file. */
  const listenersFor = (context: Readonly<TSESLint.RuleContext<MessageIds, Options>>, options: Readonly<Options>): TSESLint.RuleListener => {
    if (lastRun === null || lastRun.options !== options || lastRun.busy) lastRun = pick(context, options);
    lastGiven = context.options;
    return lastRun.start(context);
  };
  const pick = (context: Readonly<TSESLint.RuleContext<MessageIds, Options>>, options: Readonly<Options>): RuleRun<MessageIds, Options> => {
    let pool = runs.get(options);
    if (!pool) {
      pool = [];
      runs.set(options, pool);
    }
    let stranded: RuleRun<MessageIds, Options> | null = null;
    for (const run of pool) {
      if (!run.busy) return run;
      if (!run.isAt(context.sourceCode)) stranded ??= run;
    }
    if (pool.length < MAX_RUNS || !stranded) {
      const run = newRun(options);
      if (pool.length < MAX_RUNS) pool.push(run);
      return run;
    }
    stranded.finish();
    return stranded;
  };

  return {
    ...created,
    create(context) {
      // The same options array as the last file's, and its set of listeners free again: nearly every file.
      const run = lastRun;
      if (run !== null && !run.busy && (fixed !== null || context.options === lastGiven)) return run.start(context);
      if (fixed) return listenersFor(context, fixed);
      const given = context.options;
      // Most runs lint every file with the same options: compare with the last ones before anything else.
      if (last && (given === last.given || sameElements(given, last.elements))) return listenersFor(context, last.options);
      if (last && sameData(given, last.input)) return listenersFor(context, last.options);
      let key: string | null = null;
      try {
        key = JSON.stringify(given);
      } catch {
        // Not JSON (ESLint validates options against the schema, so this should not happen): no caching.
      }
      const cached = key === null ? undefined : merged.get(key);
      if (cached) {
        remember(given, cached);
        return listenersFor(context, cached);
      }
      const options = ESLintUtils.applyDefault<Options, Options>(defaults, given as Options);
      // Options made for this file alone: so are its listeners.
      if (key === null) return newRun(options).start(context);
      // A frozen copy: every file with these options shares it, and nothing in it is the user's config.
      const shared = freezeDeep(structuredClone(options));
      merged.set(key, shared);
      remember(given, shared);
      return listenersFor(context, shared);
    },
  };
}
