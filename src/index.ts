import type { Rule } from 'eslint';
import { createConfigs, NAMESPACE, type Configs } from './configs';
import { rules } from './rules';

// `require`, not `import`: package.json lies outside `rootDir`. The path is the same from src/ and dist/.
const { name, version } = require('../package.json') as { name: string; version: string };

/**
 * The plugin's public type. Its configs hold the plugin itself. Rules are typed as ESLint's own
 * `Rule.RuleModule`, so that the plugin fits `defineConfig` in a TypeScript or `@ts-check` config:
 * typescript-eslint's rule type also declares ESLint 8 context methods that ESLint 10's types lack.
 */
interface Plugin {
  meta: { name: string; version: string; namespace: typeof NAMESPACE };
  rules: Record<keyof typeof rules, Rule.RuleModule>;
  configs: Configs<Plugin>;
}

const plugin: Plugin = {
  meta: { name, version, namespace: NAMESPACE },
  rules: rules as Record<keyof typeof rules, unknown> as Plugin['rules'],
  configs: {} as Configs<Plugin>,
};
plugin.configs = createConfigs(plugin, rules);

export = plugin;
