import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { createRule } from '../../src/util/create-rule';
import { collectNodes } from '../../src/util/file-listeners';

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
    listen(file, options) {
      file.listeners['Program:exit'] = () => {
        seen.push(options);
      };
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
      listen(file, options) {
        file.listeners['Program:exit'] = () => {
          seen.push(options);
        };
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

/** Lints with the given options array itself, as ESLint hands it to `create`, and runs the file's end. */
function lintDirectly(rule: ReturnType<typeof probeRule>): (options: unknown[]) => void {
  return (options) => {
    const listeners = (rule.create as (context: unknown) => TSESLint.RuleListener)({ options });
    (listeners['Program:exit'] as () => void)();
  };
}

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
    const lintWith = lintDirectly(probeRule(seen));
    const first = [{ strict: true }];
    lintWith(first);
    lintWith([{ strict: false }]);
    lintWith([...first]);
    expect(seen).toEqual([[{ hosts: [], strict: true }], [{ hosts: [], strict: false }], [{ hosts: [], strict: true }]]);
  });

  it('hands the same options to new objects that spread the very values of the last ones, and not to others', () => {
    const seen: unknown[] = [];
    const lintWith = lintDirectly(probeRule(seen));
    const hosts = ['h.example'];
    lintWith([{ hosts, strict: true }]);
    lintWith([{ hosts, strict: true }]);
    lintWith([{ hosts, strict: false }]);
    lintWith([{ hosts: ['other.example'], strict: false }]);
    lintWith([{ hosts }]);
    expect(seen).toEqual([
      [{ hosts: ['h.example'], strict: true }],
      [{ hosts: ['h.example'], strict: true }],
      [{ hosts: ['h.example'], strict: false }],
      [{ hosts: ['other.example'], strict: false }],
      [{ hosts: ['h.example'], strict: false }],
    ]);
    expect(seen[1]).toBe(seen[0]);
  });
});

describe('createRule, listeners made once', () => {
  /** A rule that reports every identifier `bad`, collected during the traversal and reported at the end. */
  const badRule = () =>
    createRule<[], 'bad'>({
      name: 'bad',
      meta: { type: 'problem', docs: { description: 'Disallow bad' }, schema: [], messages: { bad: 'Bad.' } },
      defaultOptions: [],
      listen(file) {
        const found = collectNodes<TSESTree.Identifier>(file, 'Identifier[name="bad"]');
        file.listeners['Program:exit'] = () => {
          for (const node of found()) file.context.report({ node, messageId: 'bad' });
        };
      },
    });
  /** A rule that throws on the identifier `boom`, leaving the other rules' lint of the file unfinished. */
  const boomRule = { create: () => ({ 'Identifier[name="boom"]'() { throw new Error('boom'); } }) };

  const linterFor = (rules: Record<string, unknown>, enabled: string[]) => {
    const linter = new Linter({ configType: 'flat' });
    const config = { plugins: { p: { rules: rules as never } }, rules: Object.fromEntries(enabled.map((id) => [`p/${id}`, 'error' as const])) };
    return (code: string) => linter.verify(code, config, 'a.js').map((message) => `${message.ruleId}@${message.column}`);
  };

  it('hands every file the same listener object', () => {
    const rule = badRule();
    const handed: unknown[] = [];
    const lint = linterFor({ bad: { meta: rule.meta, create: (context: never) => { const listeners = rule.create(context); handed.push(listeners); return listeners; } } }, ['bad']);
    lint('bad;');
    lint('good;');
    expect(handed).toHaveLength(2);
    expect(handed[1]).toBe(handed[0]);
  });

  it('reports each file through its own context, and forgets it once it is done', () => {
    const lint = linterFor({ bad: badRule() }, ['bad']);
    expect(lint('bad; bad;')).toEqual(['p/bad@1', 'p/bad@6']);
    expect(lint('good;')).toEqual([]);
    expect(lint('good; bad;')).toEqual(['p/bad@7']);
  });

  it('keeps apart the same rule enabled under two names', () => {
    const rule = badRule();
    const lint = linterFor({ bad: rule, alias: rule }, ['bad', 'alias']);
    for (let file = 0; file < 3; file += 1) expect(lint('bad; good; bad;').sort()).toEqual(['p/alias@1', 'p/alias@12', 'p/bad@1', 'p/bad@12']);
  });

  it('lints the next files right after lints that threw before their end', () => {
    const lint = linterFor({ bad: badRule(), boom: boomRule }, ['bad', 'boom']);
    for (let file = 0; file < 6; file += 1) expect(() => lint('bad; boom;')).toThrow('boom');
    expect(lint('bad; good; bad;')).toEqual(['p/bad@1', 'p/bad@12']);
    expect(lint('good;')).toEqual([]);
  });

  it('says so when a rule reads its context before any file', () => {
    const rule = createRule<[], 'bad'>({
      name: 'early',
      meta: { type: 'problem', docs: { description: 'Disallow nothing' }, schema: [], messages: { bad: 'Bad.' } },
      defaultOptions: [],
      listen(file) {
        void file.context;
      },
    });
    expect(() => linterFor({ early: rule }, ['early'])('a;')).toThrow('A rule read its context while no file was being linted.');
  });
});
