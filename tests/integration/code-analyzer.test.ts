/**
 * docs/code-analyzer.md, run: Salesforce Code Analyzer's core and ESLint engine, installed on their own (as
 * the `sf` plugin is), scan a project that has the packed plugin installed, through the core's Node API (what
 * `sf code-analyzer run` calls). The `sf` CLI itself is not run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { docRecipe, installTools, type TestProject } from './helpers';
import {
  BAD_JS,
  CLEAN_JS,
  expectedRuleIds,
  installedMetadata,
  LOGIN_HOST_RULE,
  NAMESPACE,
  PACKAGE,
  plainProject,
  SETUP_TIMEOUT_MS,
} from './projects';

/** The newest versions on the registry reachable from the test machine; docs/code-analyzer.md names them. */
const CODE_ANALYZER = ['@salesforce/code-analyzer-core@0.52.0', '@salesforce/code-analyzer-eslint-engine@0.40.2'];
/** Each scan loads ESLint and Code Analyzer's base configs: several seconds, three scans in one process. */
const SCAN_TIMEOUT_MS = 240_000;
const RULE_ID = `${NAMESPACE}/${LOGIN_HOST_RULE}`;

const recipe = (name: string): string => docRecipe('code-analyzer.md', name);

/** Runs Code Analyzer on each `{ dir, selector }` given as JSON, and prints what it selected and found. */
const SCAN_SCRIPT = `const { createRequire } = require('node:module');
const { join, relative } = require('node:path');

const [toolsDir, casesJson] = process.argv.slice(2);
const load = createRequire(join(toolsDir, 'package.json'));
const { CodeAnalyzer, CodeAnalyzerConfig } = load('@salesforce/code-analyzer-core');
const { createEnginePlugin } = load('@salesforce/code-analyzer-eslint-engine');

(async () => {
  const scans = [];
  for (const { dir, selector } of JSON.parse(casesJson)) {
    const analyzer = new CodeAnalyzer(CodeAnalyzerConfig.fromFile(join(dir, 'code-analyzer.yml')));
    await analyzer.addEnginePlugin(createEnginePlugin());
    const workspace = await analyzer.createWorkspace([dir], [join(dir, 'src')]);
    const selection = await analyzer.selectRules([selector], { workspace });
    const results = await analyzer.run(selection, { workspace });
    scans.push({
      rules: selection.getRulesFor('eslint').map((rule) => ({
        name: rule.getName(),
        severity: rule.getSeverityLevel(),
        tags: rule.getTags(),
        urls: rule.getResourceUrls(),
      })),
      violations: results.getViolations().map((violation) => ({
        rule: violation.getRule().getName(),
        file: relative(dir, violation.getPrimaryLocation().getFile()),
        line: violation.getPrimaryLocation().getStartLine(),
      })),
    });
  }
  process.stdout.write(JSON.stringify(scans));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

interface Scan {
  rules: { name: string; severity: number; tags: string[]; urls: string[] }[];
  violations: { rule: string; file: string; line: number }[];
}

const ESM_CONFIG_WITH_WARN = `import salesforceSession from '${PACKAGE}';

export default [salesforceSession.configs.recommended, { rules: { '${RULE_ID}': 'warn' } }];
`;

const BASE_CONFIGS_OFF = `
    disable_javascript_base_config: true
    disable_typescript_base_config: true
    disable_lwc_base_config: true
    disable_slds_base_config: true
    disable_react_base_config: true
`;

describe('Salesforce Code Analyzer (core + ESLint engine, without the sf CLI)', () => {
  let project: TestProject;
  let tools: string;
  let scans: Scan[];
  let recommended: string[];
  let docsUrl: string | undefined;

  beforeAll(() => {
    tools = installTools(CODE_ANALYZER);
    project = plainProject(10);
    const metadata = installedMetadata(project);
    recommended = expectedRuleIds(metadata, 'recommended');
    docsUrl = metadata.rules[LOGIN_HOST_RULE]?.url;

    const sources = { 'src/bad.js': BAD_JS, 'src/clean.js': CLEAN_JS };
    const yml = recipe('code-analyzer-yml');
    const setups: { files: Record<string, string>; selector: string }[] = [
      // The recipe as written, with Code Analyzer's default selector.
      { files: { 'eslint.config.js': recipe('eslint-config'), 'code-analyzer.yml': yml }, selector: 'Recommended' },
      // A .cjs config, with the base configs off: the engine's rules are then exactly the config's.
      {
        files: {
          'eslint.config.cjs': recipe('eslint-config').replace('// eslint.config.js', '// eslint.config.cjs'),
          'code-analyzer.yml': `${yml.replace('eslint.config.js', 'eslint.config.cjs').trimEnd()}${BASE_CONFIGS_OFF}`,
        },
        selector: 'eslint',
      },
      // An ESM config that sets the rule to warn.
      {
        files: { 'eslint.config.mjs': ESM_CONFIG_WITH_WARN, 'code-analyzer.yml': yml.replace('eslint.config.js', 'eslint.config.mjs') },
        selector: 'eslint:Custom',
      },
    ];
    const cases = setups.map(({ files, selector }) => ({ dir: project.workspace({ ...sources, ...files }), selector }));

    const script = join(cases[0]!.dir, 'scan.cjs');
    writeFileSync(script, SCAN_SCRIPT);
    const result = project.node([script, tools, JSON.stringify(cases)], cases[0]!.dir);
    if (result.status !== 0) throw new Error(`Code Analyzer failed:\n${result.stdout}\n${result.stderr}`);
    scans = JSON.parse(result.stdout) as Scan[];
  }, SETUP_TIMEOUT_MS + SCAN_TIMEOUT_MS);

  it('selects the plugin rules as custom ESLint rules with the default Recommended selector, and reports', () => {
    const [scan] = scans;
    const ours = scan!.rules.filter((rule) => rule.name.startsWith(`${NAMESPACE}/`));
    expect(ours.map((rule) => rule.name).sort()).toEqual(recommended);
    expect(ours.find((rule) => rule.name === RULE_ID)).toEqual({
      name: RULE_ID,
      severity: 2,
      tags: ['Recommended', 'ErrorProne', 'Custom'],
      urls: [docsUrl],
    });
    expect(scan!.violations.filter((violation) => violation.rule === RULE_ID)).toEqual([{ rule: RULE_ID, file: 'src/bad.js', line: 1 }]);
    expect(scan!.violations.filter((violation) => violation.file === 'src/clean.js')).toEqual([]);
  });

  it('runs an eslint.config.cjs alone when the base configs are off', () => {
    const [, scan] = scans;
    expect(scan!.rules.map((rule) => rule.name).sort()).toEqual(recommended);
    expect(scan!.violations.map((violation) => violation.file)).not.toContain('src/clean.js');
    expect(scan!.violations).toContainEqual({ rule: RULE_ID, file: 'src/bad.js', line: 1 });
  });

  it('runs an eslint.config.mjs, and makes a rule set to warn an Info (5) rule', () => {
    const [, , scan] = scans;
    expect(scan!.rules.find((rule) => rule.name === RULE_ID)?.severity).toBe(5);
    expect(scan!.violations).toContainEqual({ rule: RULE_ID, file: 'src/bad.js', line: 1 });
  });
});
