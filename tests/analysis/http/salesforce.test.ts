import { describe, expect, it } from 'vitest';

import { endpointKind, isLoginHost, isSalesforceHost, isSoapLoginEnvelope, loginHostSet } from '../../../src/analysis/http/salesforce';

describe('Salesforce catalogue', () => {
  it.each([
    ['/services/data', true, 'data'],
    ['/services/data/v59.0/query', true, 'data'],
    ['/services/data/v', false, 'data'],
    ['/services/data/v59.0/jobs/ingest', true, 'data'],
    ['/services/data/v59.0/tooling/query', true, 'data'],
    ['/services/apexrest/orders', true, 'data'],
    ['/services/async/59.0/job', true, 'data'],
    ['/services/Soap/m/59.0', true, 'data'],
    ['/services/Soap/T/59.0', true, 'data'],
    ['/services/Soap/class/MyService', true, 'data'],
    ['/services/Soap/u/59.0/00D000000000001', true, 'data'],
    ['/services/Soap/u/59.0', true, 'soap'],
    ['/services/Soap/c/59.0/', true, 'soap'],
    ['/services/oauth2/token', true, 'oauth'],
    ['/services/oauth2/authorize', true, 'oauth'],
    ['/id/00D/005', true, 'identity'],
    ['/.well-known/openid-configuration', true, 'openid'],
    ['/services/dataset', true, 'unknown'],
    ['/services/', false, 'unknown'],
    ['/', true, 'unknown'],
  ])('%s (complete: %s) is %s', (path, complete, kind) => {
    expect(endpointKind(path, complete)).toBe(kind);
  });

  it('compares login hosts exactly, with user extras', () => {
    const hosts = loginHostSet(['Login.Acme.com.']);
    expect(isLoginHost('login.salesforce.com', hosts)).toBe(true);
    expect(isLoginHost('test.salesforce.com', hosts)).toBe(true);
    expect(isLoginHost('login.acme.com', hosts)).toBe(true);
    expect(isLoginHost('login.salesforce.com.example.org', hosts)).toBe(false);
    expect(isLoginHost('acme.my.salesforce.com', hosts)).toBe(false);
    expect(isLoginHost(null, hosts)).toBe(false);
  });

  it('knows Salesforce hosts from other providers', () => {
    const hosts = loginHostSet();
    expect(isSalesforceHost('acme.my.salesforce.com', hosts)).toBe(true);
    expect(isSalesforceHost('acme--dev.sandbox.my.salesforce.com', hosts)).toBe(true);
    expect(isSalesforceHost('acme.lightning.force.com', hosts)).toBe(true);
    expect(isSalesforceHost('acme.my.site.com', hosts)).toBe(true);
    expect(isSalesforceHost('site.com', hosts)).toBe(false);
    expect(isSalesforceHost('oauth2.googleapis.com', hosts)).toBe(false);
    expect(isSalesforceHost('notsalesforce.com', hosts)).toBe(false);
  });

  it('recognises the SOAP login envelope', () => {
    expect(isSoapLoginEnvelope('<se:Envelope><se:Body><login xmlns="urn:partner.soap.sforce.com"><username>u</username></login></se:Body></se:Envelope>')).toBe(true);
    expect(isSoapLoginEnvelope('<n1:login xmlns:n1="urn:enterprise.soap.sforce.com">')).toBe(true);
    expect(isSoapLoginEnvelope('<urn:query xmlns:urn="urn:partner.soap.sforce.com">')).toBe(false);
    expect(isSoapLoginEnvelope('<login xmlns="urn:example">')).toBe(false);
  });
});

describe('loginHostSet', () => {
  it('adds the extra hosts, lower-cased and without a trailing dot', () => {
    expect([...loginHostSet(['Login.Example.COM.'])]).toEqual(['login.salesforce.com', 'test.salesforce.com', 'login.example.com']);
  });

  it('is made once for a frozen list (rule options), and anew for a list that may change', () => {
    const frozen = Object.freeze(['login.example.com']);
    expect(loginHostSet(frozen)).toBe(loginHostSet(frozen));
    const open = ['login.example.com'];
    const before = loginHostSet(open);
    open.push('login.other.example');
    expect(loginHostSet(open)).not.toBe(before);
    expect(loginHostSet(open).has('login.other.example')).toBe(true);
  });
});
