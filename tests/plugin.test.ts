import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import { describe, expect, it } from 'vitest';
import { CONFIG_NAMES } from '../src/configs';
import plugin from '../src/index';
import { rules } from '../src/rules';
import { DOCS_BASE_URL } from '../src/util/create-rule';

const ROOT = join(__dirname, '..');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

const ruleNames = Object.keys(rules);
const ruleEntries = Object.entries(rules);
const liveRuleNames = ruleEntries.filter(([, rule]) => !rule.meta.deprecated).map(([name]) => name);

/** A call that `recommended` must report: a data API query sent to the login host. */
const LOGIN_HOST_QUERY = "fetch('https://login.salesforce.com/services/data/v59.0/query?q=SELECT+Id+FROM+Account');\n";

describe('rule registry', () => {
  it('registers every rule file in src/rules, and has no entry without a file', () => {
    const files = readdirSync(join(ROOT, 'src/rules'))
      .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
      .map((file) => file.slice(0, -'.ts'.length));
    expect(ruleNames.toSorted()).toEqual(files.toSorted());
  });

  it('is what the plugin exports', () => {
    expect(plugin.rules).toBe(rules);
  });

  it.each(ruleEntries)('%s: is named after its registry key', (name, rule) => {
    expect(rule.name).toBe(name);
  });

  it.each(ruleNames)('%s: has a doc page and a test file', (name) => {
    expect(existsSync(join(ROOT, 'docs/rules', `${name}.md`))).toBe(true);
    expect(existsSync(join(ROOT, 'tests/rules', `${name}.test.ts`))).toBe(true);
  });
});

describe.each(ruleEntries)('rule %s', (name, rule) => {
  const { meta } = rule;

  it('links to its own doc page', () => {
    expect(meta.docs?.url).toBe(`${DOCS_BASE_URL}/${name}.md`);
    expect(meta.docs?.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
  });

  it('has a description in the house style and says whether it is recommended', () => {
    expect(meta.docs?.description).toMatch(/^(Enforce|Require|Disallow) .+[^. ]$/);
    expect(typeof meta.docs?.recommended).toBe('boolean');
  });

  it('has single-line messages that are sentences ending with a period', () => {
    const messages = Object.values(meta.messages);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(message).toMatch(/^[A-Z]/);
      expect(message).toMatch(/\.$/);
      expect(message).not.toMatch(/[\r\n]/);
    }
  });

  it('describes every schema property and closes every schema object', () => {
    expect(schemaProblems(meta.schema, 'schema')).toEqual([]);
  });

  it('states default options exactly when it has options', () => {
    const hasOptions = Array.isArray(meta.schema) ? meta.schema.length > 0 : meta.schema !== undefined;
    expect(meta.defaultOptions !== undefined).toBe(hasOptions);
  });
});

describe('plugin meta', () => {
  it('takes name and version from package.json', () => {
    expect(plugin.meta).toEqual({
      name: packageJson.name,
      version: packageJson.version,
      namespace: 'salesforce-session',
    });
  });
});

describe('configs', () => {
  const ids = (names: string[]) => names.map((name) => `salesforce-session/${name}`).toSorted();
  const configured = (config: (typeof CONFIG_NAMES)[number]) => Object.keys(plugin.configs[config].rules).toSorted();
  const recommended = ruleEntries.filter(([, rule]) => rule.meta.docs?.recommended && !rule.meta.deprecated);
  const strictOnly = ruleEntries.filter(([, rule]) => rule.meta.docs?.strict && !rule.meta.deprecated);

  it('recommended holds exactly the rules whose docs say recommended', () => {
    expect(configured('recommended')).toEqual(ids(recommended.map(([name]) => name)));
  });

  it('strict holds recommended and the rules marked strict', () => {
    expect(configured('strict')).toEqual(ids([...new Set([...recommended, ...strictOnly].map(([name]) => name))]));
    expect(configured('strict')).toEqual(expect.arrayContaining(configured('recommended')));
  });

  it('all holds every rule that is not deprecated', () => {
    expect(configured('all')).toEqual(ids(liveRuleNames));
  });

  it('sets every configured rule to error', () => {
    for (const config of CONFIG_NAMES) {
      for (const level of Object.values(plugin.configs[config].rules)) expect(level).toBe('error');
    }
  });

  it.each(CONFIG_NAMES)('flat %s: named, and holding the exported plugin object itself', (config) => {
    const flat = plugin.configs[config];
    expect(flat.name).toBe(`salesforce-session/${config}`);
    expect(Object.keys(flat.plugins)).toEqual(['salesforce-session']);
    expect(flat.plugins['salesforce-session']).toBe(plugin);
  });

  it.each(CONFIG_NAMES)('eslintrc legacy-%s: no name, the plugin by name, the rules of its flat twin', (config) => {
    expect(plugin.configs[`legacy-${config}`]).toEqual({
      plugins: ['salesforce-session'],
      rules: plugin.configs[config].rules,
    });
  });

  it('has no other configs', () => {
    expect(Object.keys(plugin.configs).toSorted()).toEqual(
      [...CONFIG_NAMES, ...CONFIG_NAMES.map((config) => `legacy-${config}`)].toSorted(),
    );
  });
});

describe('in ESLint (flat config, in-process)', () => {
  const lint = (config: Linter.Config[], code = LOGIN_HOST_QUERY) =>
    new Linter({ configType: 'flat' }).verify(code, config, 'example.js');

  it.each(CONFIG_NAMES)('configs.%s is a valid flat config that runs the rules', (config) => {
    const messages = lint([plugin.configs[config]]);
    expect(messages.map((message) => message.ruleId)).toContain('salesforce-session/no-login-host-api-calls');
    expect(messages.every((message) => !message.fatal)).toBe(true);
  });

  it("resolves `extends: ['salesforce-session/recommended']` through defineConfig", () => {
    const config = defineConfig({
      files: ['**/*.js'],
      plugins: { 'salesforce-session': plugin },
      extends: ['salesforce-session/recommended'],
    });
    expect(lint(config).map((message) => message.ruleId)).toEqual(['salesforce-session/no-login-host-api-calls']);
  });

  it('accepts the configs next to the plugin registered by hand (one plugin object, no redefinition)', () => {
    const config = [{ plugins: { 'salesforce-session': plugin } }, plugin.configs.recommended, plugin.configs.all];
    expect(lint(config).map((message) => message.ruleId)).toEqual(['salesforce-session/no-login-host-api-calls']);
  });

  it('renames rule IDs with the namespace a user chooses, and runs each rule once', () => {
    const config = defineConfig({
      plugins: { sf: plugin },
      extends: ['sf/recommended'],
      rules: { 'sf/no-login-host-api-calls': 'warn' },
    });
    const messages = lint(config);
    expect(messages.map((message) => [message.ruleId, message.severity])).toEqual([['sf/no-login-host-api-calls', 1]]);
  });
});

/** Where a JSON schema leaves a property undescribed or an object open; empty when it is clean. */
function schemaProblems(schema: unknown, path: string): string[] {
  if (Array.isArray(schema)) return schema.flatMap((item, index) => schemaProblems(item, `${path}[${index}]`));
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as Record<string, unknown>;
  const problems: string[] = [];
  const properties = node.properties as Record<string, Record<string, unknown>> | undefined;
  if (node.type === 'object' || properties) {
    if (node.additionalProperties !== false) problems.push(`${path}: additionalProperties is not false`);
    for (const [key, property] of Object.entries(properties ?? {})) {
      if (typeof property.description !== 'string' || property.description === '') {
        problems.push(`${path}.properties.${key}: no description`);
      }
      problems.push(...schemaProblems(property, `${path}.properties.${key}`));
    }
  }
  for (const key of ['items', 'anyOf', 'oneOf', 'allOf', 'not', 'definitions', '$defs']) {
    const child = node[key];
    if (child === undefined) continue;
    const children = key === 'definitions' || key === '$defs' ? Object.values(child as object) : child;
    problems.push(...schemaProblems(children, `${path}.${key}`));
  }
  return problems;
}
