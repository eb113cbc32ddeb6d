import { describe, expect, it } from 'vitest';

import { isServicesPath, isUnstableHost, mayWriteHost, unstableHostKind } from '../../../src/analysis/http/salesforce';
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
  ])('is true for %s', (_name, text, continued) => {
    expect(mayWriteHost(text, continued, isUnstableHost)).toBe(true);
  });

  it.each([
    ['a help page', 'See https://help.salesforce.com/s/articleView?id=sf.remoteaccess.htm'],
    ['the login hosts', 'https://login.salesforce.com or https://test.salesforce.com'],
    ['a My Domain host', 'https://acme.my.salesforce.com/services/data'],
    ['a bare domain at the start of a piece nothing comes before', 'salesforce.com'],
    ['no Salesforce domain', 'https://example.com/force'],
  ])('is false for %s', (_name, text) => {
    expect(mayWriteHost(text, false, isUnstableHost)).toBe(false);
  });
});
