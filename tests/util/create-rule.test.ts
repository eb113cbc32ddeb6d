import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { createRule } from '../../src/util/create-rule';

type Options = [{ hosts?: string[]; strict?: boolean }];

/** A rule that hands out the options its `create` received. */
function probeRule(seen: unknown[]) {
  return createRule<Options, 'found'>({
    name: 'probe',
    meta: {
      type: 'problem',
      docs: { description: 'Disallow nothing', recommended: false },
      schema: [
        {
          type: 'object',
          properties: {
            hosts: { type: 'array', items: { type: 'string' }, description: 'Hosts.' },
            strict: { type: 'boolean', description: 'Strict.' },
          },
          additionalProperties: false,
        },
      ],
      defaultOptions: [{ hosts: [], strict: false }],
      messages: { found: 'Found.' },
    },
    defaultOptions: [{ hosts: [], strict: false }],
    create(_context, options) {
      seen.push(options);
      return {};
    },
  });
}

/** Lints two files with the same options. */
function lint(seen: unknown[], ruleOptions: unknown[]): void {
  const linter = new Linter({ configType: 'flat' });
  const rule = probeRule(seen);
  const config = { plugins: { p: { rules: { probe: rule as never } } }, rules: { 'p/probe': ['error', ...ruleOptions] as Linter.RuleEntry } };
  linter.verify('a;', config, 'a.js');
  linter.verify('b;', config, 'b.js');
}

describe('createRule', () => {
  it('merges the user options over the defaults', () => {
    const seen: unknown[] = [];
    lint(seen, [{ hosts: ['h.example'] }]);
    expect(seen[0]).toEqual([{ hosts: ['h.example'], strict: false }]);
  });

  it('applies the defaults when there are no options', () => {
    const seen: unknown[] = [];
    lint(seen, []);
    expect(seen[0]).toEqual([{ hosts: [], strict: false }]);
  });

  it('merges once per distinct options value: every file gets the same frozen options', () => {
    const seen: unknown[] = [];
    lint(seen, [{ strict: true }]);
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe(seen[0]);
    expect(Object.isFrozen(seen[0])).toBe(true);
    expect(Object.isFrozen((seen[0] as Options)[0])).toBe(true);
    expect(Object.isFrozen((seen[0] as Options)[0].hosts)).toBe(true);
  });

  it('freezes a copy, not the options in the user config', () => {
    const seen: unknown[] = [];
    const hosts = ['h.example'];
    lint(seen, [{ hosts }]);
    expect(Object.isFrozen(hosts)).toBe(false);
    expect((seen[0] as Options)[0].hosts).toEqual(['h.example']);
  });

  it('keeps different options apart', () => {
    const seen: unknown[] = [];
    const rule = probeRule(seen);
    const linter = new Linter({ configType: 'flat' });
    const configFor = (options: Options[0]) => ({ plugins: { p: { rules: { probe: rule as never } } }, rules: { 'p/probe': ['error', options] as Linter.RuleEntry } });
    linter.verify('a;', configFor({ strict: true }), 'a.js');
    linter.verify('a;', configFor({ strict: false }), 'a.js');
    linter.verify('a;', configFor({ strict: true }), 'a.js');
    expect(seen).toEqual([[{ hosts: [], strict: true }], [{ hosts: [], strict: false }], [{ hosts: [], strict: true }]]);
    expect(seen[2]).toBe(seen[0]);
  });

  it('hands a rule without options the same frozen empty options for every file', () => {
    const seen: unknown[] = [];
    const rule = createRule<[], 'found'>({
      name: 'bare',
      meta: { type: 'problem', docs: { description: 'Disallow nothing' }, schema: [], messages: { found: 'Found.' } },
      defaultOptions: [],
      create(_context, options) {
        seen.push(options);
        return {};
      },
    });
    const linter = new Linter({ configType: 'flat' });
    const config = { plugins: { p: { rules: { bare: rule as never } } }, rules: { 'p/bare': 'error' as const } };
    linter.verify('a;', config, 'a.js');
    linter.verify('b;', config, 'b.js');
    expect(seen).toEqual([[], []]);
    expect(seen[1]).toBe(seen[0]);
    expect(Object.isFrozen(seen[0])).toBe(true);
  });
});

describe('createRule, options handed out again', () => {
  it('hands every file configured by severity alone the same frozen defaults', () => {
    const seen: unknown[] = [];
    const rule = probeRule(seen);
    expect(Object.isFrozen(rule.meta.defaultOptions)).toBe(true);
    const linter = new Linter({ configType: 'flat' });
    const config = { plugins: { p: { rules: { probe: rule as never } } }, rules: { 'p/probe': 'error' as const } };
    linter.verify('a;', config, 'a.js');
    linter.verify('b;', config, 'b.js');
    expect(seen).toEqual([[{ hosts: [], strict: false }], [{ hosts: [], strict: false }]]);
    expect(seen[1]).toBe(seen[0]);
  });

  it('tells options apart that arrive in the same array objects but hold other data', () => {
    const seen: unknown[] = [];
    const rule = probeRule(seen);
    const create = rule.create as (context: unknown) => unknown;
    const first = [{ strict: true }];
    create({ options: first });
    create({ options: [{ strict: false }] });
    create({ options: [...first] });
    expect(seen).toEqual([[{ hosts: [], strict: true }], [{ hosts: [], strict: false }], [{ hosts: [], strict: true }]]);
  });
});
