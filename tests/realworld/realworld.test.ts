/**
 * The real-world measurement script (scripts/realworld.mjs), run as users run it, on throwaway git
 * repositories of our own: scoring of corpus entries, the summary lines, missing repositories, bad input,
 * and which files a whole-repository scan lints. Also checks the real manifest and judged files.
 *
 * The script lints with the built plugin, as `npm test` leaves it in dist/ before vitest runs.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, run, type CommandResult } from '../integration/helpers';

const SCRIPT = join(REPO_ROOT, 'scripts/realworld.mjs');
const RULE = 'no-login-host-api-calls';
/** Each test starts the script (Node, ESLint, the parsers) once or a few times; a busy machine is slow at it. */
const TIMEOUT = 60_000;

/** A data API call on the login host on line 4 (reported); a token request there on line 7 (correct). */
const SESSION_FILE = [
  "import axios from 'axios';",
  "const base = 'https://login.salesforce.com';",
  'export async function query(soql) {',
  "  return axios.get(base + '/services/data/v59.0/query?q=' + encodeURIComponent(soql));",
  '}',
  'export async function token(body) {',
  "  return axios.post(base + '/services/oauth2/token', body);",
  '}',
  '',
].join('\n');

/** The same mistake in TypeScript, on line 5: a type annotation that espree would not parse. */
const TYPESCRIPT_FILE = [
  "import axios from 'axios';",
  'interface Query { soql: string }',
  "const base: string = 'https://login.salesforce.com';",
  'export async function query({ soql }: Query): Promise<unknown> {',
  "  return axios.get(base + '/services/data/v59.0/query?q=' + encodeURIComponent(soql));",
  '}',
  '',
].join('\n');

let root: string;
let repos: string;
let widgetsCommit: string;
let toolsCommit: string;

function git(cwd: string, ...args: string[]): string {
  const result = run('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], cwd);
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** A git repository at `dir` holding `files` (path → content, or `{ link }` for a symbolic link), committed. */
function makeRepo(dir: string, files: Record<string, string | { link: string }>): string {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '--quiet');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    if (typeof content === 'string') writeFileSync(join(dir, path), content);
    else symlinkSync(content.link, join(dir, path));
  }
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '-m', 'files');
  return git(dir, 'rev-parse', 'HEAD');
}

function realworld(...args: string[]): CommandResult {
  return run(process.execPath, [SCRIPT, '--repos', repos, '--no-clone', ...args], root);
}

function writeJson(name: string, value: unknown): string {
  const path = join(root, name);
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
  return path;
}

function lastLine(output: string): string {
  return output.trimEnd().split('\n').at(-1) ?? '';
}

interface EntryFields {
  id: string;
  repo?: string;
  commit?: string;
  path?: string;
  rule?: string;
  expected: 'report' | 'clean';
  lines: [number, number];
  form?: string;
  stretch?: boolean;
}

function entry(fields: EntryFields): Record<string, unknown> {
  return {
    repo: 'acme/widgets',
    commit: widgetsCommit,
    path: 'src/session.js',
    rule: RULE,
    form: 'test-form',
    why: 'Written for this test.',
    ...fields,
  };
}

function manifest(entries: Record<string, unknown>[], scan: Record<string, unknown>[] = []): Record<string, unknown> {
  return { date: '2026-01-31', entries, scan };
}

beforeAll(() => {
  if (!existsSync(join(REPO_ROOT, 'dist/index.js'))) throw new Error('These tests run the built plugin: run `npm run build` first.');
  root = mkdtempSync(join(tmpdir(), 'realworld-test-'));
  repos = join(root, 'repos');
  // A work tree right at `owner+name`.
  widgetsCommit = makeRepo(join(repos, 'acme+widgets'), { 'src/session.js': SESSION_FILE, 'src/query.ts': TYPESCRIPT_FILE });
  // A bare git directory one level below `owner+name`, as a local folder of checkouts may hold it.
  const source = join(root, 'tools-source');
  const mainJs = SESSION_FILE;
  toolsCommit = makeRepo(source, {
    'src/main.js': mainJs,
    'src/same.js': mainJs,
    'src/link.js': { link: 'main.js' },
    'node_modules/pkg/index.js': mainJs,
    'dist/main.js': mainJs,
    'vendor/lib.js': mainJs,
    'public/app.min.js': `${mainJs}// another copy\n`,
    'public/packed.js': `${mainJs.replaceAll('\n', ' ').padEnd(2000, ' ')}\n`,
    'README.md': 'not code\n',
  });
  git(root, 'clone', '--quiet', '--bare', source, join(repos, 'acme+tools', 'snapshot'));
}, TIMEOUT);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('corpus', { timeout: TIMEOUT }, () => {
  it('counts hits, misses, false reports and true negatives, per rule and per form, with the summary last', () => {
    const file = writeJson('manifest.json', manifest([
      entry({ id: 't-1', expected: 'report', lines: [3, 5], form: 'data-call' }),
      entry({ id: 't-2', expected: 'report', lines: [6, 8], form: 'data-call' }),
      entry({ id: 't-3', expected: 'clean', lines: [4, 4], form: 'token-call' }),
      entry({ id: 't-4', expected: 'clean', lines: [7, 7], form: 'token-call' }),
      entry({ id: 't-5', path: 'src/query.ts', expected: 'report', lines: [5, 5], form: 'typescript' }),
      entry({ id: 't-6', expected: 'report', lines: [1, 2], form: 'data-call', stretch: true }),
      entry({ id: 't-7', repo: 'acme/absent', expected: 'report', lines: [1, 1] }),
    ]));
    const result = realworld('--manifest', file);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toContain('missing acme/absent: not in the folder of checkouts (cloning is off)');
    expect(lines).toContain('left out: 1 entries of missing repositories');
    expect(lines).toContain(`miss t-2 acme/widgets src/session.js:6 ${RULE} form=data-call (lines 6-8)`);
    expect(lines).toContain(`miss t-6 acme/widgets src/session.js:1 ${RULE} form=data-call stretch (lines 1-2)`);
    expect(lines.find((line) => line.startsWith('false report t-3 '))).toMatch(
      new RegExp(`^false report t-3 acme/widgets src/session\\.js:4 ${RULE} form=token-call: .+\\.$`, 'u'),
    );
    expect(lines.filter((line) => /^(miss|false report) /u.test(line))).toHaveLength(3);
    expect(lines.find((line) => line.startsWith(`${RULE} `))?.split(/ +/u)).toEqual([RULE, '2', '1', '1', '1', '0.67', '0.67', '5']);
    expect(lines).toContain('form data-call 1/3 missed=2');
    expect(lines).toContain('form token-call 1/2 false=1');
    expect(lines).toContain('form typescript 1/1');
    expect(lines.at(-2)).toBe('stretch entries=1 tp=0 fn=1 fp=0 tn=0 recall=0.00 precision=n/a');
    expect(lines.at(-1)).toBe('realworld entries=5 repos=1 recall=0.67 precision=0.67');
  });

  it('prints the same figures as JSON, and filters by rule', () => {
    const file = writeJson('manifest.json', manifest([
      entry({ id: 't-1', expected: 'report', lines: [3, 5] }),
      entry({ id: 't-2', expected: 'clean', lines: [4, 4] }),
      entry({ id: 't-3', rule: 'require-instance-url', expected: 'clean', lines: [6, 8] }),
    ]));
    const all = JSON.parse(realworld('--manifest', file, '--json').stdout);
    expect(all).toMatchObject({ date: '2026-01-31', entries: 3, repos: 1, recall: 1, precision: 0.5 });
    expect(all.rules[RULE]).toMatchObject({ tp: 1, fn: 0, fp: 1, tn: 0, entries: 2 });
    expect(all.rules['require-instance-url']).toMatchObject({ tp: 0, fn: 0, fp: 0, tn: 1, recall: null, precision: null });
    expect(all.falseReports).toEqual([expect.objectContaining({ id: 't-2', line: 4, rule: RULE, form: 'test-form' })]);
    expect(all.misses).toEqual([]);

    const one = realworld('--manifest', file, '--rule', `salesforce-session/require-instance-url`);
    expect(lastLine(one.stdout)).toBe('realworld entries=1 repos=1 recall=n/a precision=n/a');
  });

  it('counts an entry whose range runs past the end of its file, or whose file is not at the commit, as an error', () => {
    const file = writeJson('manifest.json', manifest([
      entry({ id: 't-1', expected: 'report', lines: [3, 99] }),
      entry({ id: 't-2', path: 'src/gone.js', expected: 'report', lines: [1, 1] }),
      entry({ id: 't-3', commit: toolsCommit, expected: 'report', lines: [1, 1] }),
    ]));
    const lines = realworld('--manifest', file).stdout.trimEnd().split('\n');
    expect(lines).toContain('error t-1 acme/widgets src/session.js: lines 3-99 run past the end of the file (8 lines)');
    expect(lines).toContain(`error t-2 acme/widgets src/gone.js: src/gone.js is not a file at ${widgetsCommit}`);
    expect(lines.find((line) => line.startsWith(`missing acme/widgets@${toolsCommit}: `))).toBeDefined();
    expect(lines.at(-1)).toBe('realworld entries=0 repos=0 recall=n/a precision=n/a');
  });

  it.each([
    ['a commit that is not 40 hex digits', { commit: 'abc123' }, 'entry t-1: field "commit" must be 40 lowercase hex digits'],
    ['lines the wrong way round', { lines: [9, 3] }, 'entry t-1: field "lines" must be [start, end]'],
    ['an unknown rule', { rule: 'no-such-rule' }, 'entry t-1: field "rule" must be one of the plugin\'s rules'],
    ['an unknown field', { expect: 'report' }, 'entry t-1: field "expect" is not an entry field'],
    ['a missing why', { why: '' }, 'entry t-1: field "why" must say'],
  ])('stops with exit 2 and a one-line message on %s', (_, change, message) => {
    const file = writeJson('bad.json', manifest([{ ...entry({ id: 't-1', expected: 'report', lines: [3, 5] }), ...change }]));
    const result = realworld('--manifest', file);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^realworld: bad\.json: .+\n$/u);
    expect(result.stderr).toContain(message);
  });

  it('stops with exit 2 on a repeated id, a file that is not JSON, and an unknown option', () => {
    const twice = entry({ id: 't-1', expected: 'report', lines: [3, 5] });
    const repeated = realworld('--manifest', writeJson('bad.json', manifest([twice, twice])));
    expect(repeated.status).toBe(2);
    expect(repeated.stderr).toContain('entry t-1: field "id" is used by an earlier entry');

    writeFileSync(join(root, 'broken.json'), '{ "date": ');
    const broken = realworld('--manifest', join(root, 'broken.json'));
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^realworld: the manifest .*broken\.json is not JSON: .+\n$/u);

    const option = realworld('--no-such-option');
    expect(option.status).toBe(2);
    expect(option.stderr.split('\n')).toHaveLength(2);
  });
});

describe('scan', { timeout: TIMEOUT }, () => {
  const key = (line: number): string => `acme/tools:src/main.js:${line} ${RULE}`;

  it('lints each file once, skipping symlinks, node_modules, build output, vendored and minified files', () => {
    const file = writeJson('manifest.json', manifest([], [{ repo: 'acme/tools', commit: toolsCommit, why: 'Test.' }]));
    const judged = writeJson('judged.json', {});
    const result = realworld('--manifest', file, '--judged', judged, '--scan');

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    const reports = lines.filter((line) => line.startsWith('acme/tools:'));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(new RegExp(`^${key(4)} .+\\. \\[UNJUDGED\\]$`, 'u'));
    expect(lines).toContain('skipped symlink=1 submodule=0 node_modules=1 output=1 vendored=1 minified=2 large=0 duplicate=1 unlinted=0');
    expect(lines).toContain(`rule ${RULE} reports=1 tp=0 fp=0 unjudged=1 fp-per-50kloc=0.00`);
    expect(lines.at(-1)).toBe('scan kloc=0.0 reports=1 fp=0 unjudged=1');

    const json = JSON.parse(realworld('--manifest', file, '--judged', judged, '--scan', '--json').stdout);
    expect(json.repos).toEqual([{ repo: 'acme/tools', commit: toolsCommit, files: 1, lines: 8, reports: 1 }]);
  });

  it('marks judged reports, lists judged ones no longer seen, and writes unjudged keys only when asked', () => {
    const file = writeJson('manifest.json', manifest([], [{ repo: 'acme/tools', commit: toolsCommit, why: 'Test.' }]));
    const judged = writeJson('judged.json', { [key(4)]: { verdict: 'fp', why: 'Test.' }, [key(7)]: { verdict: 'tp', why: 'Test.' } });
    const result = realworld('--manifest', file, '--judged', judged, '--scan');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('acme/tools:'))[0]).toMatch(/ \[fp\]$/u);
    expect(lines).toContain(`gone ${key(7)}: judged tp, no longer reported`);
    expect(lines.at(-1)).toBe('scan kloc=0.0 reports=1 fp=1 unjudged=0');

    const empty = writeJson('judged.json', {});
    realworld('--manifest', file, '--judged', empty, '--scan');
    expect(JSON.parse(readFileSync(empty, 'utf8'))).toEqual({});
    const written = realworld('--manifest', file, '--judged', empty, '--scan', '--write-unjudged');
    expect(written.stdout).toContain('wrote 1 unjudged keys to ');
    expect(JSON.parse(readFileSync(empty, 'utf8'))).toEqual({ [key(4)]: { verdict: null, why: '' } });
    expect(realworld('--manifest', file, '--judged', empty, '--check').status).toBe(2);
  });
});

describe('the real manifest and judged reports', { timeout: TIMEOUT }, () => {
  it('pass the checks: 40-hex commits, unique ids, sane lines, existing rules, every report judged', () => {
    const result = run(process.execPath, [SCRIPT, '--check'], REPO_ROOT);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^ok: \d+ entries, \d+ scan repositories, \d+ judged reports\n$/u);
    expect(result.status).toBe(0);
  });

  it('scan at least 10 repositories, each judged report of a scanned repository', () => {
    const real = JSON.parse(readFileSync(join(REPO_ROOT, 'tests/realworld/manifest.json'), 'utf8')) as { scan: { repo: string }[] };
    const judged = JSON.parse(readFileSync(join(REPO_ROOT, 'tests/realworld/judged.json'), 'utf8')) as Record<string, unknown>;
    const scanned = new Set(real.scan.map(({ repo }) => repo));
    expect(scanned.size).toBeGreaterThanOrEqual(10);
    expect(Object.keys(judged).filter((name) => !scanned.has(name.slice(0, name.indexOf(':'))))).toEqual([]);
  });
});
