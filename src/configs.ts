import type { SalesforceSessionDocs } from './util/create-rule';

/** The prefix of every rule ID, and the key under which configs register the plugin. */
export const NAMESPACE = 'salesforce-session';

/** The shared configs, from the narrowest to the widest: each one includes the one before it. */
export const CONFIG_NAMES = ['recommended', 'strict', 'all'] as const;
export type ConfigName = (typeof CONFIG_NAMES)[number];
export type LegacyConfigName = `legacy-${ConfigName}`;

/** The part of a rule the configs read: its metadata. */
export interface RuleMetadataSource {
  meta: {
    deprecated?: boolean | object;
    docs?: SalesforceSessionDocs;
  };
}

export type RuleLevels = Record<string, 'error'>;

/** A flat config (ESLint 9 and 10, and 8.57 with `eslint.config.js`), holding the plugin object itself. */
export interface FlatConfig<Plugin> {
  name: `${typeof NAMESPACE}/${ConfigName}`;
  plugins: Record<typeof NAMESPACE, Plugin>;
  rules: RuleLevels;
}

/** An eslintrc config (ESLint 8.57 `.eslintrc.*`): `plugins` names the package, and there is no `name`. */
export interface LegacyConfig {
  plugins: [typeof NAMESPACE];
  rules: RuleLevels;
}

export type Configs<Plugin> = Record<ConfigName, FlatConfig<Plugin>> & Record<LegacyConfigName, LegacyConfig>;

/** Whether a rule's docs put it in a config; `all` takes every rule that is not deprecated. */
const belongsTo: Record<ConfigName, (docs: SalesforceSessionDocs) => boolean> = {
  recommended: (docs) => docs.recommended === true,
  strict: (docs) => docs.recommended === true || docs.strict === true,
  all: () => true,
};

/** The `rules` block of a config, derived from the rules' own metadata. Deprecated rules are in none. */
export function ruleLevels(rules: Record<string, RuleMetadataSource>, config: ConfigName): RuleLevels {
  const levels: RuleLevels = {};
  for (const [name, rule] of Object.entries(rules)) {
    if (rule.meta.deprecated) continue;
    if (belongsTo[config](rule.meta.docs ?? {})) levels[`${NAMESPACE}/${name}`] = 'error';
  }
  return levels;
}

/**
 * Every shared config of `plugin`, flat and eslintrc, computed from its `rules`' metadata. The flat ones
 * register `plugin` itself under `plugins`: ESLint throws "Cannot redefine plugin" when a user's config
 * holds two different objects for one namespace.
 */
export function createConfigs<Plugin>(plugin: Plugin, rules: Record<string, RuleMetadataSource>): Configs<Plugin> {
  const configs: Partial<Configs<Plugin>> = {};
  for (const config of CONFIG_NAMES) {
    configs[config] = { name: `${NAMESPACE}/${config}`, plugins: { [NAMESPACE]: plugin }, rules: ruleLevels(rules, config) };
  }
  for (const config of CONFIG_NAMES) {
    configs[`legacy-${config}`] = { plugins: [NAMESPACE], rules: ruleLevels(rules, config) };
  }
  return configs as Configs<Plugin>;
}
