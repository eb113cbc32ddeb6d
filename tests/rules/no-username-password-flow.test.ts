import type { MessageIds, Options } from '../../src/rules/no-username-password-flow';

import rule from '../../src/rules/no-username-password-flow';
import { invalid, ruleTester, valid } from './utils';

ruleTester.run('no-username-password-flow', rule, {
  valid: valid<Options>([
    // nforce with the web-server flow, and a createConnection that is not nforce's.
    `const nforce = require('nforce');
const org = nforce.createConnection({ clientId, clientSecret, redirectUri });
app.get('/oauth/callback', (req, res) => org.authenticate({ code: req.query.code }, done));`,
    `const org = createConnection({ clientId });
org.authenticate({ username, password });`,
    // Other grant types on the same endpoint.
    `fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token, client_id }) });`,
    `fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri }) });`,
    `fetch('https://acme.my.salesforce.com/services/oauth2/token', { method: 'POST', body: 'grant_type=client_credentials&client_id=' + id });`,
    `import axios from 'axios';
import qs from 'qs';
axios.post('https://login.salesforce.com/services/oauth2/token', qs.stringify({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }));`,
    `fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: 'grant_type=passwordless' });`,
    `fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: 'x_grant_type=password' });`,
    `fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: 'grant_type=' + grant });`,
    `const params = new URLSearchParams();
params.append('username', 'password');
fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: params });`,
    // A password grant to another OAuth provider.
    `fetch('https://acme.okta.com/oauth2/default/v1/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'password', username, password }) });`,
    `import axios from 'axios';
axios.post('https://auth.example.com/services/oauth2/token', { grant_type: 'password', username, password });`,
    // Not a token request, or not one this file can tell.
    `fetch('https://acme.my.salesforce.com/services/data/v59.0/sobjects/Note', { method: 'POST', body: JSON.stringify({ Body: 'grant_type=password' }) });`,
    `fetch(tokenUrl, { method: 'POST', body: 'grant_type=password' });`,
    `class URLSearchParams { constructor(init) { this.init = init; } }
fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'password' }) });`,
    // jsforce login() without an OAuth client is SOAP login(), another rule's business.
    `import { Connection } from 'jsforce';
const conn = new Connection({ loginUrl: 'https://test.salesforce.com' });
await conn.login(username, password);`,
    `import { Connection } from 'jsforce';
const conn = new Connection({ oauth2: { clientId, redirectUri } });
await conn.login(username, password);`,
    `import { Connection } from 'jsforce';
const conn = new Connection(options);
await conn.login(username, password);`,
    `import { Connection } from 'jsforce';
const conn = new Connection({ oauth2: { clientId, clientSecret, redirectUri } });
await conn.authorize(code);`,
    `import { OAuth2 } from 'jsforce';
const oauth2 = new OAuth2({ clientId, clientSecret, redirectUri });
const url = oauth2.getAuthorizationUrl({ scope: 'api refresh_token' });`,
    `class Session { login(user, pass) { return [user, pass]; } }
new Session().login('u', 'p');`,
    `import { Connection } from 'jsforce';
const conn = new Connection({ instanceUrl, accessToken });
await conn.query('SELECT Id FROM Account');`,
    `import { OAuth2 } from 'jsforce';
const oauth2 = new OAuth2({ clientId, clientSecret, redirectUri });
await oauth2.refreshToken(refreshToken);
await oauth2.requestToken(code);`,
    `export const fixtureForm = new URLSearchParams({ grant_type: 'password', username: 'u', password: 'p' });`,
    `fetch('https://login.microsoftonline.com/tenant/oauth2/v2.0/token', { method: 'POST', body: 'grant_type=password&scope=openid' });`,
    `import got from 'got';
await got.post('https://login.salesforce.com/services/oauth2/token', { form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: sign({ aud: 'https://login.salesforce.com' }) } }).json();`,
    `fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: buildTokenForm('password') });`,
    // The words in comments and messages.
    `// Never send grant_type=password to https://login.salesforce.com/services/oauth2/token
throw new Error('grant_type=password is blocked in this org');`,
    `logger.warn({ grant_type: 'password' }, 'https://login.salesforce.com/services/oauth2/token');`,
    // An instance host elsewhere in the file is another rule's business.
    `fetch('https://na42.salesforce.com/services/oauth2/token', { method: 'POST', body: { grant_type: 'refresh_token', refresh_token } });`,
    {
      code: `fetch('https://login.acme-corp.com/services/oauth2/token', { method: 'POST', body: 'grant_type=password' });`,
      options: [{ loginHosts: ['login.other-corp.com'] }],
    },
    // A token URL of its own: other grants, another provider, a host the file does not tell, not the token path.
    `export const TOKEN_URL = 'https://test.salesforce.com/services/oauth2/token?grant_type=refresh_token&client_id=abc';`,
    `export const TOKEN_URL = 'https://auth.example.com/services/oauth2/token?grant_type=password&username=u';`,
    'export const tokenUrl = (base) => `${base}/services/oauth2/token?grant_type=password`;',
    `export const AUTHORIZE_URL = 'https://login.salesforce.com/services/oauth2/authorize?response_type=code&grant_type=password';`,
    `export const DOCS = 'https://login.salesforce.com/services/oauth2/token';`,
    `const note = 'grant_type=password is retired: https://login.salesforce.com/services/oauth2/token';`,
  ]),
  invalid: invalid<MessageIds, Options>([
    {
      // A token URL that asks for the password grant itself, kept for a request in another file.
      code: `export const settings = {
  tokenUrl: 'https://test.salesforce.com/services/oauth2/token?client_id=abc&username=u&password=p&grant_type=password',
  dataUrl: 'https://acme.my.salesforce.com/services/data/v59.0/',
};`,
      output: null,
      errors: [{ messageId: 'passwordGrantUrl', line: 2, column: 13 }],
    },
    {
      code: 'const url = `https://login.salesforce.com/services/oauth2/token?grant_type=password&username=${user}&password=${secret}`;\nmodule.exports = { url };',
      output: null,
      errors: [{ messageId: 'passwordGrantUrl', line: 1, column: 13 }],
    },
    {
      // Sent from this file: reported once, as the request's.
      code: `const TOKEN_URL = 'https://login.salesforce.com/services/oauth2/token?grant_type=password&username=u&password=p';
fetch(TOKEN_URL, { method: 'POST' });`,
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 1, column: 19 }],
    },
    {
      // A page script: jsforce is a global, and no string names a Salesforce API.
      code: `const conn = new jsforce.Connection({ clientId: id, clientSecret: secret, loginUrl });
conn.login(username, password, cb);`,
      output: null,
      errors: [{ messageId: 'jsforcePasswordFlow', line: 2, column: 1, endLine: 2, endColumn: 35 }],
    },
    {
      code: `fetch('https://login.salesforce.com/services/oauth2/token', {
  method: 'POST',
  body: new URLSearchParams({ grant_type: 'password', client_id: id, client_secret: secret, username, password }),
});`,
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 3, column: 43, endLine: 3, endColumn: 53 }],
    },
    {
      code: `const params = new URLSearchParams();
params.append('grant_type', 'password');
params.append('username', user);
await fetch('https://test.salesforce.com/services/oauth2/token', { method: 'POST', body: params });`,
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 2, column: 29, endLine: 2, endColumn: 39 }],
    },
    {
      code: `const params = new URLSearchParams({ client_id: id });
params.set('grant_type', 'password');
await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: params });`,
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 2, column: 26, endLine: 2, endColumn: 36 }],
    },
    {
      code: `const form = new URLSearchParams([['grant_type', 'password'], ['username', user]]);
await fetch(\`\${loginUrl}/services/oauth2/token\`, { method: 'POST', body: form.toString() });`,
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 1, column: 50, endLine: 1, endColumn: 60 }],
    },
    {
      code: `await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: new URLSearchParams('grant_type=password&username=' + u) });`,
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 1, column: 111, endLine: 1, endColumn: 142 }],
    },
    {
      code: `await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: \`grant_type=password&client_id=\${id}&username=\${u}&password=\${p}\` });`,
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 1, column: 91, endLine: 1, endColumn: 156 }],
    },
    {
      code: `const body = 'grant_type=password&client_id=' + id;
await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body });`,
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 1, column: 14, endLine: 1, endColumn: 46 }],
    },
    {
      code: `let body = 'grant_type=authorization_code';
if (legacy) body = 'grant_type=password&username=' + u;
fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body });`,
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 2, column: 20, endLine: 2, endColumn: 51 }],
    },
    {
      code: `fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: ['grant_type=password', 'username=' + u].join('&') });`,
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 1, column: 86, endLine: 1, endColumn: 107 }],
    },
    {
      code: `const TOKEN_URL = 'https://login.salesforce.com/services/oauth2/token';
await fetch(\`\${TOKEN_URL}?grant_type=password&client_id=\${id}&username=\${u}\`, { method: 'POST' });`,
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 2, column: 13, endLine: 2, endColumn: 77 }],
    },
    {
      code: `const GRANT = useJwt ? 'urn:ietf:params:oauth:grant-type:jwt-bearer' : 'password';
await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: new URLSearchParams({ grant_type: GRANT, username }) });`,
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 2, column: 125, endLine: 2, endColumn: 130 }],
    },
    {
      code: `import axios from 'axios';
await axios.post('https://login.salesforce.com/services/oauth2/token', null, { params: { grant_type: 'password', client_id: id, username, password } });`,
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 2, column: 102, endLine: 2, endColumn: 112 }],
    },
    {
      code: `import axios from 'axios';
import qs from 'qs';
await axios.post('https://login.salesforce.com/services/oauth2/token', qs.stringify({ grant_type: 'password', username, password }));`,
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 3, column: 99, endLine: 3, endColumn: 109 }],
    },
    {
      code: `const querystring = require('querystring');
const axios = require('axios');
axios({ method: 'post', url: 'https://login.salesforce.com/services/oauth2/token', data: querystring.stringify({ grant_type: 'password' }) });`,
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 3, column: 126, endLine: 3, endColumn: 136 }],
    },
    {
      code: `import { stringify } from 'node:querystring';
import got from 'got';
await got.post('https://login.salesforce.com/services/oauth2/token', { body: stringify({ grant_type: 'password' }) }).json();`,
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 3, column: 102, endLine: 3, endColumn: 112 }],
    },
    {
      code: `import got from 'got';
await got.post('https://login.salesforce.com/services/oauth2/token', { form: { grant_type: 'password', username, password } }).json();`,
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 2, column: 92, endLine: 2, endColumn: 102 }],
    },
    {
      code: `import ky from 'ky';
await ky.post('https://login.salesforce.com/services/oauth2/token', { body: new URLSearchParams({ grant_type: 'password' }) }).json();`,
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 2, column: 111, endLine: 2, endColumn: 121 }],
    },
    {
      code: `const request = require('request');
request.post({ url: 'https://login.salesforce.com/services/oauth2/token', form: { grant_type: 'password', username, password } }, cb);`,
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 2, column: 95, endLine: 2, endColumn: 105 }],
    },
    {
      code: `import superagent from 'superagent';
await superagent.post('https://login.salesforce.com/services/oauth2/token').type('form').send({ grant_type: 'password', username, password });`,
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 2, column: 109, endLine: 2, endColumn: 119 }],
    },
    {
      code: `import jsforce from 'jsforce';
const oauth2 = new jsforce.OAuth2({ clientId, clientSecret, redirectUri });
await oauth2.authenticate(username, password);`,
      output: null,
      errors: [{ messageId: 'jsforcePasswordFlow', line: 3, column: 7, endLine: 3, endColumn: 46 }],
    },
    {
      code: `import { Connection } from 'jsforce';
const conn = new Connection({ oauth2: { clientId, clientSecret, redirectUri } });
await conn.login(username, password);`,
      output: null,
      errors: [{ messageId: 'jsforcePasswordFlow', line: 3, column: 7, endLine: 3, endColumn: 37 }],
    },
    {
      // The method named by a string key, and no string holding "password": still the flow.
      code: `import jsforce from 'jsforce';
const oauth2 = new jsforce.OAuth2({ clientId, clientSecret, redirectUri });
await oauth2['authenticate'](username, secret);`,
      output: null,
      errors: [{ messageId: 'jsforcePasswordFlow', line: 3, column: 7 }],
    },
    {
      // The grant in a constant's string, with no password-flow method named anywhere.
      code: `const GRANT = 'password';
await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: new URLSearchParams({ grant_type: GRANT, username, password: pw }) });`,
      output: null,
      errors: [{ messageId: 'passwordGrant' }],
    },
    {
      code: `const jsforce = require('jsforce');
const conn = new jsforce.Connection({ clientId: id, clientSecret: secret, loginUrl });
conn.login(username, password, cb);`,
      output: null,
      errors: [{ messageId: 'jsforcePasswordFlow', line: 3, column: 1, endLine: 3, endColumn: 35 }],
    },
    {
      code: `import { Connection, OAuth2 } from 'jsforce';
const oauth2 = new OAuth2({ clientId, clientSecret });
const conn = new Connection({ oauth2 });
await conn.login(username, password);`,
      output: null,
      errors: [{ messageId: 'jsforcePasswordFlow', line: 4, column: 7, endLine: 4, endColumn: 37 }],
    },
    {
      code: `import { Connection } from 'jsforce';
const conn = new Connection({ loginUrl });
await conn.loginByOAuth2(username, password);`,
      output: null,
      errors: [{ messageId: 'jsforcePasswordFlow', line: 3, column: 7, endLine: 3, endColumn: 45 }],
    },
    {
      code: `import { Connection } from 'jsforce';
const conn = new Connection({ oauth2: { clientId, clientSecret } });
await conn.authorize({ grant_type: 'password', username, password });`,
      output: null,
      errors: [{ messageId: 'jsforcePasswordFlow', line: 3, column: 7, endLine: 3, endColumn: 69 }],
    },
    {
      code: `import { Connection } from '@jsforce/jsforce-node';
class Salesforce {
  conn = new Connection({ oauth2: { clientId: process.env.SF_CLIENT_ID, clientSecret: process.env.SF_CLIENT_SECRET } });
  connect() {
    return this.conn.login(process.env.SF_USER, process.env.SF_PASS);
  }
}`,
      output: null,
      errors: [{ messageId: 'jsforcePasswordFlow', line: 5, column: 12, endLine: 5, endColumn: 69 }],
    },
    {
      code: `fetch('https://login.acme-corp.com/services/oauth2/token', { method: 'POST', body: 'grant_type=password' });`,
      options: [{ loginHosts: ['login.acme-corp.com'] }],
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 1, column: 84, endLine: 1, endColumn: 105 }],
    },
    {
      code: `interface TokenForm { grant_type: 'password'; username: string }
const form: TokenForm = { grant_type: 'password', username };
await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: new URLSearchParams(form as unknown as Record<string, string>) });`,
      filename: 'file.ts',
      output: null,
      errors: [{ messageId: 'passwordGrant', line: 2, column: 39, endLine: 2, endColumn: 49 }],
    },
    // nforce: authenticate() with a password sends grant_type=password.
    {
      code: `const nforce = require('nforce');
const org = nforce.createConnection({ clientId, clientSecret, redirectUri, mode: 'single' });
org.authenticate({ username: process.env.SF_USER, password: process.env.SF_PASSWORD }, (err) => {
  if (err) console.error(err);
});`,
      output: null,
      errors: [{ messageId: 'nforcePasswordFlow', line: 3, column: 1, endLine: 5, endColumn: 3 }],
    },
    {
      code: `import nforce from 'nforce8';
const org = nforce.createConnection({ clientId, clientSecret, redirectUri });
export const login = () => org.authenticate({ username, password, securityToken });`,
      output: null,
      errors: [{ messageId: 'nforcePasswordFlow', line: 3, column: 28, endLine: 3, endColumn: 83 }],
    },
  ]),
});
