import type { TSESLint } from '@typescript-eslint/utils';

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

/** Are two options arrays made of the very same elements (ESLint 8 hands each file a new slice of the config)? */
function sameElements(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
}

/**
 * The plugin's one RuleCreator. Unlike typescript-eslint's, whose `create` merges the user's options
 * over the defaults for every file it lints (starting with a `structuredClone`, which alone cost more
 * than a rule's whole analysis of a typical file), it merges once per distinct options value and hands
 * every file the same frozen result.
 *
 * The options ESLint hands a file are, most of the time, the very objects it handed the last one:
 * `meta.defaultOptions` itself for a rule configured by severity alone (ESLint 9 and later), or the
 * config's own objects in a new array (ESLint 8). Those are recognised by identity, which costs nothing;
 * others (ESLint 9 merges the defaults into a configured array anew for each file) by comparing data.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, SalesforceSessionDocs>>,
): TSESLint.RuleModule<MessageIds, Options, SalesforceSessionDocs> & { name: string } {
  const created = ruleCreator(rule);
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
  return {
    ...created,
    create(context) {
      if (fixed) return rule.create(context, fixed);
      const given = context.options;
      // Most runs lint every file with the same options: compare with the last ones before anything else.
      if (last && (given === last.given || sameElements(given, last.elements))) return rule.create(context, last.options);
      if (last && sameData(given, last.input)) return rule.create(context, last.options);
      let key: string | null = null;
      try {
        key = JSON.stringify(given);
      } catch {
        // Not JSON (ESLint validates options against the schema, so this should not happen): no caching.
      }
      const cached = key === null ? undefined : merged.get(key);
      if (cached) {
        remember(given, cached);
        return rule.create(context, cached);
      }
      const options = ESLintUtils.applyDefault<Options, Options>(defaults, given as Options);
      if (key === null) return rule.create(context, options);
      // A frozen copy: every file with these options shares it, and nothing in it is the user's config.
      const shared = freezeDeep(structuredClone(options));
      merged.set(key, shared);
      remember(given, shared);
      return rule.create(context, shared);
    },
  };
}
