import type { RuleFile } from '../../../src/util/create-rule';

import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { loginHostWords, mayRequestRefresh, mayTestExpiry, mentions, REFRESH_REQUEST_WORDS, salesforceApiMentions } from '../../../src/analysis/core/mentions';
import { loginHostSet } from '../../../src/analysis/http/salesforce';
import { createRule } from '../../../src/util/create-rule';
import { withSource } from '../helpers';

type Watch = (file: RuleFile<'found', []>) => () => boolean;

/** A rule whose listeners the watcher adds to; it hands the watcher's answer at Program:exit to `answers`. */
function probeRule(watch: Watch, answers: boolean[]) {
  return createRule<[], 'found'>({
    name: 'probe',
    meta: { type: 'problem', docs: { description: 'Disallow nothing' }, schema: [], messages: { found: 'Found.' } },
    defaultOptions: [],
    listen(file) {
      const watcher = watch(file);
      file.listeners['Program:exit'] = () => {
        answers.push(watcher());
      };
    },
  });
}

/** Lints each of `codes` in turn with one probe rule; the watcher's answer for each. */
function answersFor(codes: readonly string[], watch: Watch, ts = false): boolean[] {
  const answers: boolean[] = [];
  const linter = new Linter({ configType: 'flat' });
  const config = [
    {
      files: ['**/*.ts', '**/*.js'],
      languageOptions: ts ? { parser: tsParser as unknown as Linter.Parser } : {},
      plugins: { probe: { rules: { probe: probeRule(watch, answers) as never } } },
      rules: { 'probe/probe': 'error' as const },
    },
  ];
  for (const code of codes) {
    const fatal = linter.verify(code, config, ts ? 'file.ts' : 'file.js').find((message) => message.fatal);
    if (fatal) throw new Error(`parse error: ${fatal.message}`);
  }
  if (answers.length !== codes.length) throw new Error('probe did not run');
  return answers;
}

/** Lints `code` with a rule whose listeners the watcher adds to, and asks it at Program:exit. */
function found(code: string, watch: Watch, ts = false): boolean {
  const [answer = false] = answersFor([code], watch, ts);
  return answer;
}

describe('salesforceApiMentions', () => {
  it.each([
    ['a token URL', `fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST' });`],
    ['a token path in a template', 'fetch(`${base}/services/OAuth2/token`);'],
    ['the jsforce module', `const jsforce = require('jsforce');`],
    ['the jsforce-node module', `import { Connection } from '@jsforce/jsforce-node';\nconst conn = new Connection(options);`],
    ['a jsforce import that is exported again', `import { Connection } from 'jsforce';\nexport { Connection };`],
    ['the jsforce page global, with no string', `const conn = new jsforce.Connection({ sessionId });`],
    ['the soap package', `import soap from 'soap';\nsoap.createClient(wsdl, done);`],
    ['the SOAP login path', 'const url = `${host}/services/Soap/u/${version}`;'],
    ['the SOAP namespace', `const ns = 'urn:partner.soap.sforce.com';`],
  ])('sees %s', (_, code) => {
    expect(found(code, salesforceApiMentions)).toBe(true);
  });

  it.each([
    ['plain code', `const total = items.reduce((sum, item) => sum + item.price, 0);`],
    ['an HTTP call to another API', `await fetch('https://api.github.com/repos', { headers: { Authorization: token } });`],
    ['a word that only looks alike', `const oauth = require('oauth'); const soapy = 'clean';`],
  ])('does not see %s', (_, code) => {
    expect(found(code, salesforceApiMentions)).toBe(false);
  });

  it.each([
    ['a type-only import', `import type { Connection } from 'jsforce';\nlet conn: Connection;`],
    ['type-only specifiers', `import { type Connection, type OAuth2 } from '@jsforce/jsforce-node';\nlet conn: Connection;`],
    ['an import read only as a type', `import { Connection, Record } from '@jsforce/jsforce-node';\nfunction query(conn: Connection): Promise<Record[]> { return run(conn); }`],
    ['a default import read only in a type', `import jsforce from 'jsforce';\nlet conn: jsforce.Connection;`],
    ['an unused import', `import { Connection } from 'jsforce';\nconst total = 1;`],
    ['a side-effect import', `import 'soap';`],
  ])('does not see an import that brings in nothing to follow: %s', (_, code) => {
    expect(found(code, salesforceApiMentions, true)).toBe(false);
  });

  it('sees the same imports once a value is read', () => {
    expect(found(`import { Connection } from 'jsforce';\nlet conn: Connection = make(Connection);`, salesforceApiMentions, true)).toBe(true);
    expect(found(`import jsforce from 'jsforce';\nconst conn = new jsforce.Connection(options);`, salesforceApiMentions, true)).toBe(true);
    expect(found(`import * as soap from 'soap';\nexport const client = soap.createClientAsync(wsdl);`, salesforceApiMentions, true)).toBe(true);
  });

  it('does not take a template literal type for a string', () => {
    expect(found('type Path = `/services/oauth2/${string}`;', salesforceApiMentions, true)).toBe(false);
  });

  it('looks for globals only as written (identifiers are case-sensitive)', () => {
    expect(found(`const conn = new JSForce.Connection();`, salesforceApiMentions)).toBe(false);
  });
});

describe('loginHostWords', () => {
  it('matches the Salesforce login hosts without case', () => {
    const words = loginHostWords(loginHostSet());
    expect(words.test('https://LOGIN.Salesforce.com/services/data')).toBe(true);
    expect(words.test('https://example.com/services/data')).toBe(false);
  });

  it('adds each configured host, escaped', () => {
    const words = loginHostWords(loginHostSet(['login.acme-corp.com']));
    expect(words.test('https://login.acme-corp.com/services/data')).toBe(true);
    expect(words.test('https://loginXacme-corp.com/services/data')).toBe(false);
  });

  it('is made once per set of hosts', () => {
    expect(loginHostWords(loginHostSet(['a.example.com', 'b.example.com']))).toBe(loginHostWords(loginHostSet(['b.example.com', 'a.example.com'])));
  });

  it('is watched in strings', () => {
    const hosts = loginHostSet(['login.acme.com']);
    expect(found(`axios.get('https://login.acme.com/services/data/v59.0/limits');`, (file) => mentions(file, loginHostWords(hosts)))).toBe(true);
    expect(found(`axios.get(url); // login.acme.com`, (file) => mentions(file, loginHostWords(hosts)))).toBe(false);
  });
});

describe('mayTestExpiry', () => {
  it.each([
    ['401', 'if (res.status === 401) retry();'],
    ['a StatusCodes.UNAUTHORIZED constant', 'if (res.status === StatusCodes.UNAUTHORIZED) retry();'],
    ['an HTTP_UNAUTHORIZED constant', 'if (res.status === HTTP_UNAUTHORIZED) retry();'],
    ['an HttpStatus.Unauthorized enum member', 'if (res.status === HttpStatus.Unauthorized) retry();'],
    ['Bulk API 1.0 InvalidSessionId', `if (body.includes('InvalidSessionId')) retry();`],
  ])('is true when the file writes %s', (_name, code) => {
    expect(withSource(code, mayTestExpiry)).toBe(true);
  });

  it.each([
    ['only a TLS option', "import jsforce from 'jsforce'; const agent = new https.Agent({ rejectUnauthorized: false });"],
    ['only an error class name', "import jsforce from 'jsforce'; if (e instanceof UnauthorizedError) throw e;"],
    ['only the TLS environment variable', "import jsforce from 'jsforce'; process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';"],
  ])('is false when the file writes %s', (_name, code) => {
    expect(withSource(code, mayTestExpiry)).toBe(false);
  });
});

describe('mayRequestRefresh', () => {
  it.each([
    ['the token path', "const url = base + '/services/oauth2/token';"],
    ['the token path in another case', "const url = base + '/services/OAuth2/token';"],
    ['the SOAP login namespace', "const ns = 'urn:partner.soap.sforce.com';"],
  ])('is true when the file writes %s', (_name, code) => {
    expect(withSource(code, mayRequestRefresh)).toBe(true);
  });

  it('is false for a file that only queries', () => {
    expect(withSource("import jsforce from 'jsforce'; await conn.query('SELECT Id FROM Account');", mayRequestRefresh)).toBe(false);
  });
});

describe('REFRESH_REQUEST_WORDS', () => {
  const watch: Watch = (file) => mentions(file, REFRESH_REQUEST_WORDS);

  it.each([
    ['a token path', `await fetch(base + '/services/oauth2/token', { method: 'POST' });`],
    ['a token path in a template', 'await fetch(`${base}/services/OAuth2/token`, { method: "POST" });'],
    ['the SOAP login namespace', `const envelope = '<login xmlns="urn:partner.soap.sforce.com"></login>';`],
  ])('are written by %s', (_name, code) => {
    expect(found(code, watch)).toBe(true);
  });

  it.each([
    ['a comment', '// POST /services/oauth2/token\nawait fetch(url);'],
    ['a name', 'const oauth2 = client; oauth2.go();'],
  ])('are not written by %s', (_name, code) => {
    expect(found(code, watch)).toBe(false);
  });
});

describe('the jsforce page global', () => {
  it('counts as a Salesforce API word when written as a name', () => {
    expect(found('const conn = new jsforce.Connection({ sessionId });', salesforceApiMentions)).toBe(true);
    expect(found('const conn = new window.jsforce.Connection({ sessionId });', salesforceApiMentions)).toBe(true);
    expect(found('const conn = new Connection({ sessionId });', salesforceApiMentions)).toBe(false);
  });

  it('does not count in a comment or inside a longer name', () => {
    expect(found('// a page that loads jsforce\nconst conn = new Connection({ sessionId });', salesforceApiMentions)).toBe(false);
    expect(found('const jsforceConn = connect(); jsforceConn.query(soql);', salesforceApiMentions)).toBe(false);
  });
});

describe('listeners added by assignment', () => {
  it('keeps a listener already there for the same selector', () => {
    const words = /oauth2/iu;
    const code = `fetch('/services/oauth2/token');`;
    expect(found(code, (file) => {
      const first = mentions(file, words);
      const second = mentions(file, words);
      return () => first() && second();
    })).toBe(true);
  });
});

describe('one watcher, file after file', () => {
  it('forgets what it saw once a file is done', () => {
    const codes = [`fetch('/services/oauth2/token');`, 'fetch(url);', 'const conn = new jsforce.Connection({ sessionId });', 'conn.query(soql);'];
    expect(answersFor(codes, salesforceApiMentions)).toEqual([true, false, true, false]);
  });
});
