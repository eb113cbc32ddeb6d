/**
 * The ESLint config the command lints with, in place of any config the folder has: one of the plugin's
 * shared configs over every JavaScript and TypeScript file, TypeScript read by `@typescript-eslint/parser`.
 * Pure: the plugin and the parser are passed in, so a benchmark can give `eslint` the very same config.
 */
import type { ConfigChoice } from './args';

export const JAVASCRIPT_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx'];
export const TYPESCRIPT_FILES = ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];
/**
 * Lightning web components: JavaScript with decorators (`@api`, `@wire`), which ESLint's own parser cannot read
 * and `@typescript-eslint/parser` can.
 */
export const LWC_FILES = ['**/lwc/**/*.js'];

/** A flat config object, as far as this module builds one. */
export type ConfigObject = Record<string, unknown> & { name: string };

/** The part of the plugin this module reads. */
export interface PluginWithConfigs {
  configs: Record<ConfigChoice, object>;
}

/**
 * The config array: the chosen shared config on every linted file; JSX allowed in JavaScript files (it is
 * never valid JavaScript otherwise, so nothing else changes); the TypeScript parser, when given, on
 * TypeScript files and Lightning web components. Disable comments for rules that this config does not run are not reported as unused: the folder's own
 * ESLint config runs those rules.
 */
export function lintConfig(plugin: PluginWithConfigs, config: ConfigChoice, typescriptParser?: unknown): ConfigObject[] {
  const files = [...JAVASCRIPT_FILES, ...TYPESCRIPT_FILES];
  const objects: ConfigObject[] = [
    { ...(plugin.configs[config] as ConfigObject), files },
    {
      name: 'salesforce-session-lint/options',
      files,
      linterOptions: { reportUnusedDisableDirectives: false },
    },
    {
      name: 'salesforce-session-lint/javascript',
      files: JAVASCRIPT_FILES,
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    },
  ];
  if (typescriptParser !== undefined) {
    objects.push({
      name: 'salesforce-session-lint/typescript',
      files: [...TYPESCRIPT_FILES, ...LWC_FILES],
      languageOptions: { parser: typescriptParser },
    });
  }
  return objects;
}
