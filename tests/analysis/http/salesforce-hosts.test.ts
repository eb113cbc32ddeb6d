import { describe, expect, it } from 'vitest';

import { DEFAULT_LOGIN_HOSTS, exactHostQuestion, isServicesPath, isUnstableHost, mayWriteHost, UNSTABLE_HOST_QUESTION, unstableHostKind } from '../../../src/analysis/http/salesforce';
import { parseUrl } from '../../../src/analysis/http/url-value';

describe('unstableHostKind', () => {
  it.each([
    ['na42.salesforce.com', 'instance'],
    ['cs17.salesforce.com', 'instance'],
    ['eu5.salesforce.com', 'instance'],
    ['ap4.salesforce.com', 'instance'],
    ['um1.salesforce.com', 'instance'],
    ['gs0.salesforce.com', 'instance'],
    ['usa3.salesforce.com', 'instance'],
    ['na1-api.salesforce.com', 'instance'],
    ['acme.lightning.force.com', 'lightning'],
    ['acme--uat.sandbox.lightning.force.com', 'lightning'],
    ['acme.lightning.crmforce.mil', 'lightning'],
    ['acme.lightning.sfcrmapps.cn', 'lightning'],
    ['c.na42.visual.force.com', 'visualforce'],
    ['acme--c.vf.force.com', 'visualforce'],
    ['acme--c.visualforce.com', 'visualforce'],
  ])('%s is %s', (host, kind) => {
    expect(unstableHostKind(host)).toBe(kind);
  });

  it.each([
    'login.salesforce.com',
    'test.salesforce.com',
    'acme.my.salesforce.com',
    'acme--dev.sandbox.my.salesforce.com',
    'acme--uat.cs17.my.salesforce.com',
    'status.salesforce.com',
    'na42.salesforce.com.example.org',
    'na42.example.com',
    'salesforce.com',
    'lightning.force.com',
    'na.salesforce.com',
  ])('%s is none of them', (host) => {
    expect(unstableHostKind(host)).toBeNull();
  });

  it('is null for an unknown host', () => {
    expect(unstableHostKind(null)).toBeNull();
  });
});

describe('isServicesPath', () => {
  const url = (text: string) => parseUrl({ segments: [text], head: null })!;
  it('is true under /services/, false elsewhere', () => {
    expect(isServicesPath(url('https://h/services/data/v59.0'))).toBe(true);
    expect(isServicesPath(url('https://h/Services/apexrest/x'))).toBe(true);
    expect(isServicesPath(url('https://h/lightning/r/Account/001/view'))).toBe(false);
    expect(isServicesPath(url('https://h'))).toBe(false);
  });
});

describe('mayWriteHost (unstable hosts)', () => {
  it.each([
    ['an instance host in a URL', 'https://na42.salesforce.com/services/data', false],
    ['a bare instance host', 'cs17.salesforce.com', false],
    ['a Lightning host in capitals', 'HTTPS://ACME.LIGHTNING.FORCE.COM', false],
    ['a Visualforce host', 'https://acme--c.vf.force.com/apex/page', false],
    ['a domain after a dot (the end of `${pod}.salesforce.com`)', '.salesforce.com/services/data', false],
    ['a host that starts a piece something may come before', 'salesforce.com/services/data', true],
    ['the end of an instance label (`${pod}42.salesforce.com`)', '42.salesforce.com/services/data', true],
    ['the end of a Lightning host', '.lightning.force.com', false],
    ['the end of any Lightning or Visualforce host (`${host}.force.com`)', '.force.com/one/one.app', false],
    ['the end of a Visualforce host after a part', 'c.vf.force.com/apex/page', true],
  ])('is true for %s', (_name, text, continued) => {
    expect(mayWriteHost(text, continued, UNSTABLE_HOST_QUESTION)).toBe(true);
  });

  it.each([
    ['a help page', 'See https://help.salesforce.com/s/articleView?id=sf.remoteaccess.htm'],
    ['the login hosts', 'https://login.salesforce.com or https://test.salesforce.com'],
    ['a My Domain host', 'https://acme.my.salesforce.com/services/data'],
    ['a bare domain at the start of a piece nothing comes before', 'salesforce.com'],
    ['no Salesforce domain', 'https://example.com/force'],
  ])('is false for %s', (_name, text) => {
    expect(mayWriteHost(text, false, UNSTABLE_HOST_QUESTION)).toBe(false);
  });

  it.each([
    ['a My Domain host after a dot (`${org}.my.salesforce.com`)', '.my.salesforce.com/services/data', false],
    ['a sandbox My Domain host after a part (`${org}--dev.sandbox.my.salesforce.com`)', '--dev.sandbox.my.salesforce.com', true],
    ['an internal host after a part', '.pc-rnd.pc-aws.salesforce.com', true],
    ['a Salesforce Sites host after a dot', '.my.site.com', false],
  ])('is false for the end of a host none ends with: %s', (_name, text, continued) => {
    expect(mayWriteHost(text, continued, UNSTABLE_HOST_QUESTION)).toBe(false);
  });

  it('asks the same of a whole host as isUnstableHost', () => {
    for (const host of ['na42.salesforce.com', 'acme.lightning.force.com', 'acme.my.salesforce.com', 'login.salesforce.com']) {
      expect(UNSTABLE_HOST_QUESTION.is(host)).toBe(isUnstableHost(host));
    }
  });
});

describe('mayWriteHost (login hosts)', () => {
  const question = exactHostQuestion(new Set(DEFAULT_LOGIN_HOSTS));

  it.each([
    ['a login host', 'https://login.salesforce.com/services/oauth2/token', false],
    ['the end of a login host after a dot (`${env}.salesforce.com`)', '.salesforce.com/services/data', false],
    ['the end of a login host after a part (`${kind}.salesforce.com`)', 'login.salesforce.com', true],
  ])('is true for %s', (_name, text, continued) => {
    expect(mayWriteHost(text, continued, question)).toBe(true);
  });

  it.each([
    ['a My Domain host after a dot', '.my.salesforce.com/services/data', false],
    ['an instance host', 'https://na42.salesforce.com', false],
    ['a Lightning host after a dot', '.lightning.force.com', true],
  ])('is false for %s', (_name, text, continued) => {
    expect(mayWriteHost(text, continued, question)).toBe(false);
  });

  it('is made once per host set', () => {
    const hosts = new Set(DEFAULT_LOGIN_HOSTS);
    expect(exactHostQuestion(hosts)).toBe(exactHostQuestion(hosts));
  });
});
