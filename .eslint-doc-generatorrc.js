// eslint-doc-generator loads the plugin through package.json `main` (dist/), so the npm scripts that run
// it build first: see "docs" and "docs:check" in package.json.

/** @type {import('eslint-doc-generator').GenerateOptions} */
module.exports = {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
    ['all', '🌐'],
  ],
  // The eslintrc twins of the flat configs hold the same rules; listing them would only repeat columns.
  ignoreConfig: ['legacy-recommended', 'legacy-strict', 'legacy-all'],
  ruleDocNotices: ['description', 'deprecated', 'configs', 'fixableAndHasSuggestions', 'options'],
  ruleDocSectionOptions: true,
  ruleListColumns: ['name', 'description', 'configsError', 'fixable', 'hasSuggestions', 'options', 'deprecated'],
  urlConfigs: 'https://github.com/salesforce-session/eslint-plugin-salesforce-session#configs',
};
