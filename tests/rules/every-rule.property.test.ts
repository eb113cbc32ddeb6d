/**
 * Property test: random valid programs, built from a grammar of Salesforce-ish snippets (fetch / axios /
 * got / jsforce calls on generated URLs, template literals, constants, destructuring, classes, token
 * requests, 401 and INVALID_SESSION_ID checks, try/catch, loops, recursion) mixed with random junk
 * expressions, linted with every rule of the plugin, as JavaScript and as TypeScript: no rule throws, no
 * fatal message, every fix and suggestion leaves code that parses, and fixed code needs no second fix.
 */
import type { TSESLint } from '@typescript-eslint/utils';

import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import * as espree from 'espree';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index';

// ---------------------------------------------------------------------------------------------------
// Rendering: a generated program is a tree of render functions; names are handed out while rendering,
// so that every declaration is unique and every reference is to a name in scope (or a global).

class Scope {
  private readonly names: string[][] = [[]];
  private counter = 0;

  constructor(readonly ts: boolean) {}

  declare(prefix: string): string {
    this.counter += 1;
    const name = `${prefix}${this.counter}`;
    this.names.at(-1)!.push(name);
    return name;
  }

  /** A name in scope, or one of a few globals nothing declares. */
  ref(index: number): string {
    const visible = [...this.names.flat(), 'config', 'tokens', 'process.env.SF_INSTANCE_URL', 'globalThis.location'];
    return visible[index % visible.length]!;
  }

  block(render: () => string): string {
    this.names.push([]);
    try {
      return render();
    } finally {
      this.names.pop();
    }
  }
}

type Render = (scope: Scope) => string;

const join = (parts: readonly Render[], separator = '\n'): Render => (scope) => parts.map((part) => part(scope)).join(separator);

// ---------------------------------------------------------------------------------------------------
// URLs and expressions

const ORIGINS = [
  'https://login.salesforce.com',
  'https://test.salesforce.com',
  'https://LOGIN.salesforce.com.',
  'https://acme.my.salesforce.com',
  'https://login.acme-corp.com',
  'https://example.com:8443',
  'http://localhost:3000',
  '//login.salesforce.com',
  '',
];
const PATHS = [
  '/services/data/v59.0/query?q=SELECT+Id+FROM+Account',
  '/services/data/v59.0/sobjects/Account/001',
  '/services/data',
  '/services/oauth2/token',
  '/services/oauth2/revoke',
  '/services/apexrest/orders',
  '/services/Soap/u/59.0',
  '/services/Soap/c/59.0/00D',
  '/services/async/59.0/job',
  '/api/v1/items',
  '/',
  '',
];
const url = fc.tuple(fc.constantFrom(...ORIGINS), fc.constantFrom(...PATHS)).map(([origin, path]) => origin + path);
const path = fc.constantFrom(...PATHS);
const quote = (text: string): string => `'${text.replace(/['\\]/gu, '\\$&')}'`;
const templateText = (text: string): string => text.replace(/[`\\]|\$\{/gu, (match) => `\\${match}`);

const { urlExpression } = fc.letrec<{ urlExpression: Render }>((tie) => ({
  urlExpression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    url.map((text): Render => () => quote(text)),
    fc.nat().map((index): Render => (scope) => scope.ref(index)),
    fc.tuple(tie('urlExpression'), path).map(([base, rest]): Render => (scope) => `\`\${${base(scope)}}${templateText(rest)}\``),
    fc.tuple(url, tie('urlExpression')).map(([head, inner]): Render => (scope) => `\`${templateText(head)}\${${inner(scope)}}\``),
    fc.tuple(tie('urlExpression'), tie('urlExpression')).map(([left, right]): Render => (scope) => `(${left(scope)} + ${right(scope)})`),
    fc.tuple(path, tie('urlExpression')).map(([relative, base]): Render => (scope) => `new URL(${quote(relative)}, ${base(scope)})`),
    fc.tuple(fc.nat(), fc.constantFrom('instance_url', 'instanceUrl', 'href', 'origin', 'apiBase', 'baseURL')).map(
      ([index, field]): Render => (scope) => `${scope.ref(index)}.${field}`,
    ),
    url.map((text): Render => () => `(process.env.SF_URL || ${quote(text)})`),
    fc.tuple(tie('urlExpression'), tie('urlExpression')).map(([left, right]): Render => (scope) => `(${scope.ref(0)} ? ${left(scope)} : ${right(scope)})`),
    fc.tuple(tie('urlExpression'), tie('urlExpression')).map(([left, right]): Render => (scope) => `[${left(scope)}, ${right(scope)}].join('/')`),
    fc.tuple(tie('urlExpression'), tie('urlExpression')).map(([left, right]): Render => (scope) => `String(${left(scope)}).concat(${right(scope)})`),
  ),
}));

const { junk } = fc.letrec<{ junk: Render }>((tie) => ({
  junk: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.nat().map((index): Render => (scope) => scope.ref(index)),
    fc.constantFrom('0', '401', '-1', "'INVALID_SESSION_ID'", 'null', 'undefined', '/Invalid_Session_Id/i', '`x${1}y`', 'this', '[]', '{}').map((text): Render => () => text),
    fc.tuple(tie('junk'), fc.constantFrom('status', 'response', 'data', 'then', 'access_token', 'errorCode')).map(
      ([object, name]): Render => (scope) => `${object(scope)}?.${name}`,
    ),
    fc.tuple(tie('junk'), tie('junk')).map(([object, key]): Render => (scope) => `${object(scope)}[${key(scope)}]`),
    fc.tuple(tie('junk'), fc.array(tie('junk'), { maxLength: 2 })).map(
      ([callee, args]): Render => (scope) => `${callee(scope)}(${args.map((arg) => arg(scope)).join(', ')})`,
    ),
    fc.tuple(tie('junk'), tie('junk')).map(([left, right]): Render => (scope) => `new (${left(scope)})(${right(scope)})`),
    fc.tuple(tie('junk'), fc.constantFrom('+', '===', '!==', '&&', '||', '??', 'in', 'instanceof'), tie('junk')).map(
      ([left, operator, right]): Render => (scope) => `(${left(scope)} ${operator} ${right(scope)})`,
    ),
    fc.tuple(tie('junk'), tie('junk'), tie('junk')).map(([test, yes, no]): Render => (scope) => `(${test(scope)} ? ${yes(scope)} : ${no(scope)})`),
    tie('junk').map((body): Render => (scope) => scope.block(() => {
      const parameter = scope.declare('p');
      return `(async (${parameter}) => (${body(scope)}))`;
    })),
    fc.tuple(tie('junk'), tie('junk')).map(([left, right]): Render => (scope) => `[...[${left(scope)}], { ...${right(scope)}, k: 1 }]`),
    // No `await` here: TypeScript 5.9's parser rejects some valid top-level awaits nested in
    // expressions (in a module: if (a) {} else { f({ s: ``, y: ((await [...[], {}]) as T) }) }).
    fc.tuple(fc.constantFrom('typeof', 'void', '!'), tie('junk')).map(([operator, operand]): Render => (scope) => `(${operator} ${operand(scope)})`),
    tie('junk').map((inner): Render => (scope) => (scope.ts ? `(${inner(scope)} as unknown as string)` : `(${inner(scope)})`)),
    tie('junk').map((inner): Render => (scope) => (scope.ts ? `${inner(scope)}!` : `(${inner(scope)}, 0)`)),
    urlExpression,
  ),
}));

// ---------------------------------------------------------------------------------------------------
// Statements

const METHODS = fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE');

const simpleStatement: fc.Arbitrary<Render> = fc.oneof(
  // constants, one of them reading itself (valid syntax, a dead zone at run time)
  fc.tuple(urlExpression, fc.boolean()).map(([init, selfFirst]): Render => (scope) => {
    if (selfFirst) {
      const name = scope.declare('url');
      return `const ${name} = ${init(scope)};`;
    }
    const value = init(scope);
    return `const ${scope.declare('url')} = ${value};`;
  }),
  fc.tuple(urlExpression, urlExpression).map(([first, second]): Render => (scope) => {
    const name = scope.declare('base');
    return `let ${name} = ${first(scope)};\n${name} = ${second(scope)};\n${name} += '/services/data/v59.0';`;
  }),
  fc.tuple(urlExpression, fc.nat()).map(([fallback, index]): Render => (scope) => {
    const source = scope.ref(index);
    const [a, b] = [scope.declare('a'), scope.declare('b')];
    return `const { instance_url: ${a} = ${fallback(scope)}, nested: { apiBase: ${b} } = {} } = ${source};`;
  }),
  fc.tuple(urlExpression, urlExpression, fc.nat()).map(([base, api, index]): Render => (scope) => {
    const name = scope.declare('config');
    return `const ${name} = { baseURL: ${base(scope)}, salesforce: { apiBase: ${api(scope)} }, headers: { Authorization: \`Bearer \${${scope.ref(index)}}\` } };`;
  }),
  fc.tuple(urlExpression, METHODS, fc.nat(), junk).map(([target, method, index, body]): Render => (scope) =>
    `await fetch(${target(scope)}, { method: '${method}', headers: { Authorization: \`Bearer \${${scope.ref(index)}.access_token}\` }, body: ${body(scope)} });`,
  ),
  fc.tuple(urlExpression, junk).map(([target, data]): Render => (scope) => `axios.post(${target(scope)}, ${data(scope)}).then((res) => res.data);`),
  fc.tuple(urlExpression, urlExpression).map(([target, base]): Render => (scope) => `axios({ url: ${target(scope)}, baseURL: ${base(scope)}, method: 'patch' });`),
  fc.tuple(urlExpression, urlExpression).map(([base, target]): Render => (scope) => {
    const api = scope.declare('api');
    return `const ${api} = axios.create({ baseURL: ${base(scope)} });
${api}.get(${target(scope)});
${api}.interceptors.response.use((res) => res, async (error) => {
  if (error.response?.status === 401) return ${api}(error.config);
  throw error;
});`;
  }),
  fc.tuple(urlExpression, urlExpression).map(([prefix, target]): Render => (scope) => {
    const client = scope.declare('client');
    return `const ${client} = got.extend({ prefixUrl: ${prefix(scope)} });\nawait ${client}.post(${target(scope)}, { json: {} }).json();`;
  }),
  fc.tuple(urlExpression, fc.nat()).map(([instance, index]): Render => (scope) =>
    `const ${scope.declare('conn')} = new jsforce.Connection({ instanceUrl: ${instance(scope)}, accessToken: ${scope.ref(index)} });`,
  ),
  // A token request, then calls that send its access token: with a login-host data URL written in the
  // call, the fix for no-login-host-api-calls applies.
  fc.tuple(
    fc.constantFrom(...ORIGINS),
    fc.oneof(
      url.map((text): Render => () => quote(text)),
      fc.tuple(url, fc.nat()).map(([head, index]): Render => (scope) => `\`${templateText(head)}/\${${scope.ref(index)}}\``),
      urlExpression,
    ),
  ).map(([origin, data]): Render => (scope) => {
    const [response, body, token, instance] = [scope.declare('res'), scope.declare('tokens'), scope.declare('accessToken'), scope.declare('instanceUrl')];
    return `const ${response} = await fetch(${quote(`${origin}/services/oauth2/token`)}, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token' }) });
const ${body} = await ${response}.json();
const { access_token: ${token}, instance_url: ${instance} } = ${body};
await fetch(${data(scope)}, { headers: { Authorization: \`Bearer \${${token}}\` } });
await fetch(${data(scope)}, { headers: { Authorization: \`Bearer \${${body}.access_token}\` } });
await fetch(${data(scope)});
await fetch(\`\${${instance}}/services/data/v59.0/limits\`, { headers: { Authorization: \`Bearer \${${body}.access_token}\` } });`;
  }),
  // In parentheses: a statement may not start with `{`, `function` or `class`.
  junk.map((expression): Render => (scope) => `(${expression(scope)});`),
);

const { statement } = fc.letrec<{ statement: Render; block: Render }>((tie) => ({
  block: fc.array(tie('statement'), { minLength: 1, maxLength: 3 }).map((statements): Render => (scope) => scope.block(() => join(statements)(scope))),
  statement: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    simpleStatement,
    simpleStatement,
    fc.tuple(fc.nat(), tie('block'), tie('block')).map(([index, then, otherwise]): Render => (scope) => {
      const subject = scope.ref(index);
      return `if (${subject}.status === 401 || ${subject}?.response?.statusCode === 401) {\n${then(scope)}\n} else if (String(${subject}).includes('INVALID_SESSION_ID')) {\n${otherwise(scope)}\n}`;
    }),
    fc.tuple(tie('block'), tie('block')).map(([body, handler]): Render => (scope) => {
      const tried = body(scope);
      return scope.block(() => {
        const error = scope.declare('err');
        return `try {\n${tried}\n} catch (${error}) {\nif (${error}.response?.status === 401 || /INVALID_SESSION_ID/.test(${error}.message)) {\n${handler(scope)}\n}\nthrow ${error};\n}`;
      });
    }),
    tie('block').map((body): Render => (scope) => scope.block(() => {
      const index = scope.declare('attempt');
      return `for (let ${index} = 0; ${index} < 3; ${index} += 1) {\n${body(scope)}\nif (${index} > 1) break;\n}`;
    })),
    fc.tuple(fc.nat(), tie('block')).map(([index, body]): Render => (scope) => `while (${scope.ref(index)}) {\n${body(scope)}\nbreak;\n}`),
    tie('block').map((body): Render => (scope) => {
      const name = scope.declare('sync');
      return scope.block(() => {
        const [input, attempt] = [scope.declare('input'), scope.declare('attempt')];
        return `async function ${name}(${input}, ${attempt} = 0) {\n${body(scope)}\nif (${attempt} < 2) return ${name}(${input}, ${attempt} + 1);\nreturn ${input};\n}`;
      });
    }),
    fc.tuple(urlExpression, urlExpression, tie('block')).map(([field, base, body]): Render => (scope) => {
      const name = scope.declare('Client');
      return scope.block(() => {
        const parameter = scope.declare('instanceUrl');
        const fieldValue = field(scope);
        const baseValue = base(scope);
        return `class ${name} {
  base = ${fieldValue};
  constructor(${parameter}) {
    this.url = ${baseValue};
    this.http = axios.create({ baseURL: this.base });
  }
  async run() {
    const res = await this.http.get(this.url);
    if (res.status === 401) return this.run();
${body(scope)}
    return res.data;
  }
}`;
      });
    }),
  ),
}));

const PRELUDES = [
  `import axios from 'axios';\nimport got from 'got';\nimport jsforce from 'jsforce';`,
  `const axios = require('axios');\nconst got = require('got');\nconst jsforce = require('jsforce');`,
  `import * as jsforce from 'jsforce';\nconst { default: axios } = await import('axios');\nconst got = globalThis.got;`,
];

const program = fc.tuple(fc.constantFrom(...PRELUDES), fc.array(statement, { minLength: 1, maxLength: 6 })).map(
  ([prelude, statements]) => (ts: boolean): string => {
    const scope = new Scope(ts);
    return `${prelude}\n${join(statements)(scope)}\n`;
  },
);

// ---------------------------------------------------------------------------------------------------
// Linting with every rule

const namespace = plugin.meta.namespace;
const ruleIds = Object.keys(plugin.rules).map((name) => `${namespace}/${name}`);
const linter = new Linter({ configType: 'flat' });

function config(ts: boolean, rules: boolean): Linter.Config[] {
  return [
    {
      files: ['**/*.js', '**/*.ts'],
      languageOptions: { sourceType: 'module', ...(ts ? { parser: tsParser as unknown as Linter.Parser } : {}) },
      ...(rules ? { plugins: { [namespace]: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] }, rules: Object.fromEntries(ruleIds.map((id) => [id, 'error' as const])) } : {}),
    },
  ];
}

/** Parses as ESLint does for these files (espree, or the TypeScript parser), without linting. */
function parseError(code: string, ts: boolean): string | null {
  try {
    if (ts) tsParser.parse(code, { sourceType: 'module', range: true, loc: true });
    else espree.parse(code, { ecmaVersion: 'latest', sourceType: 'module', range: true, loc: true });
    return null;
  } catch (error) {
    const { lineNumber, column, message } = error as { lineNumber?: number; column?: number; message: string };
    return `${lineNumber ?? '?'}:${column ?? '?'} ${message}`;
  }
}

/** Every problem found linting `code`: thrown errors, fatal messages, broken or unstable fixes and suggestions. */
function problems(code: string, ts: boolean): string[] {
  const filename = ts ? 'file.ts' : 'file.js';
  const found: string[] = [];
  let messages: Linter.LintMessage[];
  try {
    messages = linter.verify(code, config(ts, true), filename);
  } catch (error) {
    return [`a rule threw: ${(error as Error).stack ?? String(error)}`];
  }
  const unparsable = messages.find((message) => message.fatal && message.ruleId === null);
  if (unparsable) return [`the generated program does not parse: ${unparsable.line}:${unparsable.column} ${unparsable.message}`];
  for (const message of messages) {
    if (message.fatal) found.push(`fatal message from ${message.ruleId ?? 'the parser'}: ${message.message}`);
    for (const suggestion of message.suggestions ?? []) {
      const { range, text } = suggestion.fix;
      const broken = parseError(code.slice(0, range[0]) + text + code.slice(range[1]), ts);
      if (broken) found.push(`suggestion "${suggestion.desc}" of ${message.ruleId ?? '?'} breaks the code: ${broken}`);
    }
  }
  if (messages.some((message) => message.fix)) {
    try {
      const { output } = linter.verifyAndFix(code, config(ts, true), filename);
      const broken = parseError(output, ts);
      if (broken) found.push(`fixed code does not parse: ${broken}\n${output}`);
      else {
        const again = linter.verify(output, config(ts, true), filename).filter((message) => message.fix);
        if (again.length > 0) found.push(`a second fix pass would change the fixed code again (${again.map((message) => message.ruleId).join(', ')})\n${output}`);
      }
    } catch (error) {
      found.push(`a rule threw while fixing: ${(error as Error).stack ?? String(error)}`);
    }
  }
  return found;
}

/** More runs for a local hunt: `PROPERTY_RUNS=2000 npx vitest run tests/rules/every-rule.property.test.ts`. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 120);

describe('every rule on random programs (property)', () => {
  it.each([
    ['JavaScript', false],
    ['TypeScript', true],
  ])('never throws, and fixes and suggestions keep the code parsing (%s)', (_name, ts) => {
    fc.assert(
      fc.property(program, (render) => {
        const code = render(ts);
        expect(problems(code, ts), code).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  }, 300_000 * Math.max(1, RUNS / 120));

  it('reports and fixes in some generated programs (the generator reaches the rules)', () => {
    const samples = fc.sample(program, { numRuns: 150, seed: 7 });
    let reported = 0;
    let fixed = 0;
    let suggested = 0;
    for (const render of samples) {
      const code = render(false);
      const messages = linter.verify(code, config(false, true), 'file.js');
      if (messages.some((message) => message.ruleId !== null)) reported += 1;
      if (messages.some((message) => message.fix)) fixed += 1;
      if (messages.some((message) => message.suggestions?.length)) suggested += 1;
    }
    expect(reported).toBeGreaterThan(15);
    expect(fixed).toBeGreaterThan(5);
    expect(suggested).toBeGreaterThan(0);
  }, 60_000);
});

// The type of a rule module, so that TypeScript checks `plugin.rules` really holds rules.
export type CheckedRule = TSESLint.RuleModule<string, readonly unknown[]>;
