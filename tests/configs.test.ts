import { describe, expect, it } from 'vitest';
import { CONFIG_NAMES, createConfigs, ruleLevels, type RuleMetadataSource } from '../src/configs';

/** Rules that only carry what configs read: metadata. */
const fixtureRules: Record<string, RuleMetadataSource> = {
  'a-recommended': { meta: { docs: { recommended: true } } },
  'b-strict': { meta: { docs: { recommended: false, strict: true } } },
  'c-other': { meta: { docs: { recommended: false } } },
  'd-no-docs': { meta: {} },
  'e-deprecated': { meta: { deprecated: true, docs: { recommended: true, strict: true } } },
  'f-deprecated-info': { meta: { deprecated: { message: 'Use a-recommended.' }, docs: {} } },
};

describe('ruleLevels', () => {
  it('puts in `recommended` only the rules whose docs say so', () => {
    expect(ruleLevels(fixtureRules, 'recommended')).toEqual({ 'salesforce-session/a-recommended': 'error' });
  });

  it('puts in `strict` the recommended rules and the rules marked strict', () => {
    expect(ruleLevels(fixtureRules, 'strict')).toEqual({
      'salesforce-session/a-recommended': 'error',
      'salesforce-session/b-strict': 'error',
    });
  });

  it('puts in `all` every rule that is not deprecated, with or without docs', () => {
    expect(ruleLevels(fixtureRules, 'all')).toEqual({
      'salesforce-session/a-recommended': 'error',
      'salesforce-session/b-strict': 'error',
      'salesforce-session/c-other': 'error',
      'salesforce-session/d-no-docs': 'error',
    });
  });

  it('gives empty configs for a plugin without rules', () => {
    for (const config of CONFIG_NAMES) expect(ruleLevels({}, config)).toEqual({});
  });
});

describe('createConfigs', () => {
  const plugin = { marker: 'the plugin object' };
  const configs = createConfigs(plugin, fixtureRules);

  it('makes the three flat configs and their three eslintrc twins, flat first', () => {
    expect(Object.keys(configs)).toEqual([
      'recommended',
      'strict',
      'all',
      'legacy-recommended',
      'legacy-strict',
      'legacy-all',
    ]);
  });

  it('gives each flat config a name and the plugin object itself', () => {
    for (const config of CONFIG_NAMES) {
      expect(configs[config].name).toBe(`salesforce-session/${config}`);
      expect(configs[config].plugins['salesforce-session']).toBe(plugin);
      expect(Object.keys(configs[config]).sort()).toEqual(['name', 'plugins', 'rules']);
    }
  });

  it('gives each eslintrc config the plugin name, no `name`, and the same rules as its flat twin', () => {
    for (const config of CONFIG_NAMES) {
      const legacy = configs[`legacy-${config}`];
      expect(legacy).toEqual({ plugins: ['salesforce-session'], rules: configs[config].rules });
      expect(legacy.rules).not.toBe(configs[config].rules);
    }
  });

  it('nests the configs: recommended within strict within all', () => {
    const keys = (config: (typeof CONFIG_NAMES)[number]) => Object.keys(configs[config].rules);
    expect(keys('strict')).toEqual(expect.arrayContaining(keys('recommended')));
    expect(keys('all')).toEqual(expect.arrayContaining(keys('strict')));
  });
});
