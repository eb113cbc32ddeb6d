import { describe, expect, it } from 'vitest';

import { loadsModule } from '../../../src/analysis/http/libraries';
import { withSource } from '../helpers';

function loads(code: string, sourceType: 'module' | 'commonjs' = 'module'): boolean {
  return withSource(code, (sourceCode) => loadsModule(sourceCode, 'simple-oauth2'), { sourceType });
}

describe('loadsModule', () => {
  it.each([
    ['an import', "import { ClientCredentials } from 'simple-oauth2';"],
    ['a namespace import', "import * as oauth from 'simple-oauth2';"],
    ['a re-export', "export { AuthorizationCode } from 'simple-oauth2';"],
    ['a re-export of everything', "export * from 'simple-oauth2';"],
  ])('is true for %s', (_, code) => {
    expect(loads(code)).toBe(true);
  });

  it.each([
    ['a require', "const { ClientCredentials } = require('simple-oauth2');"],
    ['a require inside a function', "function make() { return require('simple-oauth2').ClientCredentials; }"],
  ])('is true for %s', (_, code) => {
    expect(loads(code, 'commonjs')).toBe(true);
  });

  it.each([
    ['the name in a string', "const docs = 'see simple-oauth2';"],
    ['the name in a comment', "// simple-oauth2\nconst x = 1;"],
    ['another module', "import { ClientCredentials } from 'simple-oauth2-extra';"],
    ['a require of another module', "const x = require('axios');"],
    ['a local function named require', "function require(name) { return name; } require('simple-oauth2');"],
  ])('is false for %s', (_, code) => {
    expect(loads(code)).toBe(false);
  });
});
