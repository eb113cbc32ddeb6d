// @ts-check
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/*
 * The plugin lints its own code with its own `all` config, loaded from the build in dist/ (an ESM import of
 * the CommonJS build, as users do). Why the build and not src/: ESLint on Node 20 cannot import TypeScript,
 * and eslint-doc-generator only loads a plugin through package.json `main`, so both tools read dist/ and
 * stay in step. `npm run lint`, `npm run docs:check` and `npm test` build first: a clean clone needs no
 * manual step. Running `npx eslint` directly uses whatever dist/ holds.
 */
const salesforceSession = await import('./dist/index.js').then(
  (module) => module.default,
  (error) => {
    throw new Error('eslint.config.mjs lints with the built plugin: run `npm run build` first.', { cause: error });
  },
);

const RULE_SOURCES = ['src/rules/**/*.ts'];
const RULE_TESTS = ['tests/rules/**/*.ts'];

/** The analysis wings, lowest first: each may import the wings before it, never those after it. */
const ANALYSIS_WINGS = ['core', 'http', 'oauth', 'retry', 'soap'];
const OUTSIDE_ANALYSIS = [
  { group: ['**/rules', '**/rules/*'], message: 'The analysis layer never imports a rule: rules ask analysis, not the other way round.' },
  { group: ['**/formatters', '**/formatters/*'], message: 'The analysis layer never imports a formatter.' },
  { group: ['../../index', '../../configs', '../index', '../configs'], message: 'The analysis layer never imports the plugin object or its configs.' },
];

/** `AST_NODE_TYPES` is read through one plain binding (src/util/node-types.ts), never the package's re-export getters. */
const NODE_TYPES_IMPORT = {
  name: '@typescript-eslint/utils',
  importNames: ['AST_NODE_TYPES'],
  message: "Import AST_NODE_TYPES from src/util/node-types: read through this package's re-export getters at every use, it cost the rules about a tenth of their time.",
};

function analysisLayers() {
  return ANALYSIS_WINGS.map((wing, index) => ({
    name: `repo/analysis-${wing}`,
    files: [`src/analysis/${wing}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...ANALYSIS_WINGS.slice(index + 1).map((higher) => ({
              group: [`../${higher}`, `../${higher}/*`],
              message: `analysis/${wing} sits below analysis/${higher} (soap -> retry -> oauth -> http -> core): move the shared part down instead.`,
            })),
            ...OUTSIDE_ANALYSIS,
          ],
          paths: [NODE_TYPES_IMPORT],
        },
      ],
    },
  }));
}

export default defineConfig(
  // examples/integration/ holds the mistakes the rules catch, on purpose (examples/README.md).
  globalIgnores(['dist/', 'coverage/', '**/fixtures/', 'examples/integration/']),

  {
    name: 'repo/javascript',
    files: ['**/*.{js,mjs,cjs,ts,mts,cts}'],
    extends: [js.configs.recommended],
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly' },
    },
  },
  {
    name: 'repo/commonjs',
    files: ['**/*.cjs', '.eslint-doc-generatorrc.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    name: 'repo/typescript',
    files: ['**/*.{ts,mts,cts}'],
    extends: [tseslint.configs.recommended],
    rules: {
      // package.json sits outside `rootDir`, so src/index.ts reads it with `require`.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['/package\\.json$'] }],
    },
  },

  {
    name: 'repo/rules',
    files: RULE_SOURCES,
    ignores: ['src/rules/index.ts'],
    extends: [eslintPlugin.configs['rules-recommended']],
    rules: {
      'eslint-plugin/meta-property-ordering': [
        'error',
        ['type', 'docs', 'fixable', 'hasSuggestions', 'deprecated', 'schema', 'defaultOptions', 'messages'],
      ],
      'eslint-plugin/no-incomplete-meta-schema': 'error',
      'eslint-plugin/no-matching-violation-suggest-message-ids': 'error',
      'eslint-plugin/prefer-placeholders': 'error',
      'eslint-plugin/prefer-replace-text': 'error',
      'eslint-plugin/report-message-format': ['error', '^[A-Z].*\\.$'],
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Enforce|Require|Disallow) .+[^. ]$' }],
      'eslint-plugin/require-meta-docs-recommended': 'error',
      // docs.url is derived by createRule from the rule name; tests/plugin.test.ts checks it.
      'eslint-plugin/require-meta-docs-url': 'off',
    },
  },
  {
    name: 'repo/rule-tests',
    files: RULE_TESTS,
    extends: [eslintPlugin.configs['tests-recommended']],
    rules: {
      'eslint-plugin/consistent-output': ['error', 'always'],
      'eslint-plugin/require-test-error-positions': 'error',
      'eslint-plugin/unique-test-case-names': 'error',
    },
  },

  // The analysis layer's wings import one way: soap -> retry -> oauth -> http -> core (src/analysis/README.md),
  // and no part of it imports a rule, a formatter or the plugin object.
  {
    name: 'repo/node-types',
    files: ['src/**/*.ts'],
    ignores: ['src/util/node-types.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NODE_TYPES_IMPORT] }] },
  },
  ...analysisLayers(),

  {
    // Rule and analysis tests hold Salesforce code samples, good and bad, as data: not linted with it.
    name: 'repo/salesforce-session-all',
    files: ['**/*.{js,mjs,cjs,ts,mts,cts}'],
    ignores: ['tests/rules/**', 'tests/analysis/**'],
    extends: [salesforceSession.configs.all],
  },
);
