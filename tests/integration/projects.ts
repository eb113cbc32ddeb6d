/**
 * The projects and fixtures that the integration tests share. Each project is installed once per change of
 * the package (helpers.ts caches it on disk, keyed by the tarball), whichever test file asks first; the others
 * wait for it and reuse it.
 */
import { expect } from 'vitest';
import { createProject, jsonMessages, type CommandResult, type JsonMessage, type TestProject } from './helpers';

/** The ESLint majors the plugin supports, as npm specs: the newest release of each. */
export const ESLINT_VERSIONS = { 10: '^10', 9: '^9', 8: '~8.57.0' } as const;
export type EslintMajor = keyof typeof ESLINT_VERSIONS;

/** Packing and installing take a while on a cold npm cache; a warm re-run takes a few seconds. */
export const SETUP_TIMEOUT_MS = 300_000;
/** One run of the real CLI: about two seconds on a small machine. */
export const CLI_TIMEOUT_MS = 60_000;

export const NAMESPACE = 'salesforce-session';
export const PACKAGE = 'eslint-plugin-salesforce-session';
/** The one rule that the bad fixtures are sure to trigger, whatever other rules come to exist. */
export const LOGIN_HOST_RULE = 'no-login-host-api-calls';

/** A data API call sent to the login host: `no-login-host-api-calls` reports it in every config. */
export const BAD_JS = "fetch('https://login.salesforce.com/services/data/v59.0/limits');\n";
/** The same mistake, in code that only the TypeScript parser reads. */
export const BAD_TS = `const limits: Promise<Response> = fetch('https://login.salesforce.com/services/data/v59.0/limits');
export { limits };
`;
/** Code that no rule of the plugin can object to. */
export const CLEAN_JS = "console.log('hello');\n";

/** A plain JavaScript project: ESLint and the plugin, installed without peers, so without `typescript`. */
export function plainProject(major: EslintMajor): TestProject {
  return createProject({ eslint: ESLINT_VERSIONS[major], withoutPeers: true });
}

/** A TypeScript project: ESLint, the plugin, `typescript` and `@typescript-eslint/parser`. */
export function typescriptProject(major: EslintMajor): TestProject {
  return createProject({
    eslint: ESLINT_VERSIONS[major],
    dependencies: ['typescript@^5', '@typescript-eslint/parser@^8'],
  });
}

export interface LintOutcome extends CommandResult {
  cwd: string;
  messages: (JsonMessage & { file: string })[];
}

/** Write `files` into a fresh workspace of `project` and run `eslint -f json <args>` there (default `.`). */
export function lintFiles(
  project: TestProject,
  files: Record<string, string>,
  args: string[] = ['.'],
  env: NodeJS.ProcessEnv = {},
): LintOutcome {
  const cwd = project.workspace(files);
  const result = project.eslint(['-f', 'json', ...args], cwd, env);
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`eslint exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return { ...result, cwd, messages: jsonMessages(result.stdout, cwd) };
}

/** What the installed package says about itself: each rule's config membership, and each config's rules. */
export interface InstalledMetadata {
  /** Rule name (without namespace) → its `meta.docs.recommended`, `.strict`, `.url` and `meta.deprecated`. */
  rules: Record<string, { recommended: boolean; strict: boolean; deprecated: boolean; url: string }>;
  /** Config name → the rule IDs it sets, and at which levels. */
  configs: Record<string, Record<string, unknown>>;
}

const metadataCache = new Map<string, InstalledMetadata>();

/** Read the installed plugin's rule metadata and configs, by requiring it inside `project`. */
export function installedMetadata(project: TestProject): InstalledMetadata {
  const known = metadataCache.get(project.dir);
  if (known) return known;
  const cwd = project.workspace({
    'metadata.cjs': `const plugin = require('${PACKAGE}');
const rules = {};
for (const [name, rule] of Object.entries(plugin.rules)) {
  const docs = rule.meta.docs || {};
  rules[name] = {
    recommended: docs.recommended === true,
    strict: docs.strict === true,
    deprecated: Boolean(rule.meta.deprecated),
    url: docs.url,
  };
}
const configs = {};
for (const [name, config] of Object.entries(plugin.configs)) configs[name] = config.rules;
console.log(JSON.stringify({ rules, configs }));
`,
  });
  const result = project.node(['metadata.cjs'], cwd);
  expect(result.stderr).toBe('');
  const metadata = JSON.parse(result.stdout) as InstalledMetadata;
  metadataCache.set(project.dir, metadata);
  return metadata;
}

/**
 * The rule IDs a config must enable, computed from rule metadata alone: `recommended` takes the rules marked
 * recommended, `strict` adds those marked strict, `all` takes every rule that is not deprecated.
 */
export function expectedRuleIds(
  metadata: InstalledMetadata,
  config: 'recommended' | 'strict' | 'all',
  namespace = NAMESPACE,
): string[] {
  return Object.entries(metadata.rules)
    .filter(([, rule]) => !rule.deprecated)
    .filter(([, rule]) => config === 'all' || rule.recommended || (config === 'strict' && rule.strict))
    .map(([name]) => `${namespace}/${name}`)
    .sort();
}

/** The rule IDs turned on (at any severity) in `eslint --print-config` output, flat or eslintrc. */
export function enabledRuleIds(printConfigStdout: string, namespace = NAMESPACE): string[] {
  const config = JSON.parse(printConfigStdout) as { rules?: Record<string, unknown> };
  const severity = (entry: unknown): unknown => (Array.isArray(entry) ? entry[0] : entry);
  return Object.entries(config.rules ?? {})
    .filter(([id]) => id.startsWith(`${namespace}/`))
    .filter(([, entry]) => ![0, 'off'].includes(severity(entry) as number | string))
    .map(([id]) => id)
    .sort();
}

/**
 * Check what a lint of the bad fixture reported: the login-host rule fired, every rule ID is one of
 * `allowed`, and no problem was reported twice (the same place and message under two rule IDs or twice under
 * one).
 */
export function expectBadFixtureReport(outcome: LintOutcome, allowed: string[], file = 'bad.js'): void {
  const [namespace] = allowed[0]?.split('/') ?? [NAMESPACE];
  expect(outcome.status).toBe(1);
  expect(outcome.messages.filter((message) => message.file === file).map((message) => message.ruleId)).toContain(
    `${namespace}/${LOGIN_HOST_RULE}`,
  );
  expect(outcome.messages.map((message) => message.ruleId).filter((id) => !allowed.includes(id ?? ''))).toEqual([]);
  const places = outcome.messages.map((message) => `${message.file}:${message.line}:${message.column}:${message.message}`);
  expect(places.filter((place, index) => places.indexOf(place) !== index)).toEqual([]);
}
