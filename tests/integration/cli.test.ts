/**
 * The `salesforce-session-lint` bin of the packed tarball, for what does not depend on the ESLint major
 * (cli-matrix.ts has the rest): the example integration, what it says when ESLint or TypeScript is missing,
 * progress on a terminal, `--help` and `--version`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProject, jsonMessages, REPO_ROOT, type TestProject } from './helpers';
import { BIN, expectUsageFailure } from './cli-matrix';
import { BAD_JS, BAD_TS, CLEAN_JS, CLI_TIMEOUT_MS, NAMESPACE, plainProject, SETUP_TIMEOUT_MS, typescriptProject } from './projects';

const EXAMPLES = join(REPO_ROOT, 'examples');
/** What the bin reports on examples/integration, per rule (examples/README.md lists each mistake). */
const EXAMPLE_REPORTS = {
  [`${NAMESPACE}/no-login-host-api-calls`]: 1,
  [`${NAMESPACE}/no-unbounded-session-retry`]: 1,
  [`${NAMESPACE}/no-username-password-flow`]: 1,
  [`${NAMESPACE}/require-instance-url`]: 1,
  [`${NAMESPACE}/require-soap-relogin`]: 1,
};

function reportsPerRule(stdout: string, cwd: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const message of jsonMessages(stdout, cwd)) counts[message.ruleId ?? '(none)'] = (counts[message.ruleId ?? '(none)'] ?? 0) + 1;
  return counts;
}

describe('the example integration (examples/), linted by the installed bin', () => {
  let project: TestProject;
  beforeAll(() => {
    project = typescriptProject(10);
  }, SETUP_TIMEOUT_MS);

  it.each(['recommended', 'all'])(
    'reports each mistake of examples/integration once, by its rule, and nothing in its fixed twin (--config %s)',
    (config) => {
      const cwd = project.workspace({});
      const bad = project.bin(BIN, ['--config', config, '--format', 'json', join(EXAMPLES, 'integration')], cwd);
      expect(bad.status, bad.stderr).toBe(1);
      expect(reportsPerRule(bad.stdout, cwd)).toEqual(EXAMPLE_REPORTS);
      expect(Object.keys(EXAMPLE_REPORTS).length).toBeGreaterThanOrEqual(4);

      const fixed = project.bin(BIN, ['--config', config, '--format', 'json', join(EXAMPLES, 'integration-fixed')], cwd);
      expect(fixed.stderr).toBe(`${BIN}: no problems in 6 files (${config} config).\n`);
      expect(fixed.status).toBe(0);
      expect(reportsPerRule(fixed.stdout, cwd)).toEqual({});
    },
    CLI_TIMEOUT_MS,
  );

  it('is what `npm run example` runs', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts.example).toBe('npm run build && node scripts/example.mjs');
    const script = readFileSync(join(REPO_ROOT, 'scripts/example.mjs'), 'utf8');
    expect(script).toContain("lint('The integration with the mistakes', 'examples/integration', 1)");
    expect(script).toContain("lint('Its fixed twin', 'examples/integration-fixed', 0)");
  });
});

describe('what the bin needs', () => {
  it(
    'without ESLint: exit code 2 and the command that installs it',
    () => {
      const project = createProject({ eslint: null, withoutPeers: true });
      expect(project.has('eslint')).toBe(false);
      const cwd = project.workspace({ 'a.js': CLEAN_JS });
      expectUsageFailure(project.bin(BIN, [], cwd), 'npm install --save-dev eslint eslint-plugin-salesforce-session');
      // --version still answers.
      const version = project.bin(BIN, ['--version'], cwd);
      expect(version.status).toBe(0);
      expect(version.stdout).toMatch(/^eslint-plugin-salesforce-session \d+\.\d+\.\d+, ESLint not installed\n$/u);
    },
    SETUP_TIMEOUT_MS,
  );

  it(
    'without typescript (installed without peers): lints JavaScript, and for TypeScript says what to install',
    () => {
      const project = plainProject(10);
      expect(project.has('typescript')).toBe(false);
      const cwd = project.workspace({ 'src/bad.js': BAD_JS, 'src/bad.ts': BAD_TS });
      expect(project.bin(BIN, ['src/bad.js'], cwd).status).toBe(1);
      expectUsageFailure(project.bin(BIN, ['src'], cwd), 'npm install --save-dev typescript');
    },
    SETUP_TIMEOUT_MS,
  );
});

describe('the bin on ESLint 10, whatever the major', () => {
  let project: TestProject;
  beforeAll(() => {
    project = typescriptProject(10);
  }, SETUP_TIMEOUT_MS);

  it('--help: the usage, exit code 0', () => {
    const result = project.bin(BIN, ['--help'], project.dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: salesforce-session-lint \[options\] \[paths\.\.\.\]\n/u);
    for (const option of ['--config', '--format', '--output-file', '--fix', '--max-warnings', '--help', '--version']) {
      expect(result.stdout).toContain(option);
    }
  });

  it('--version: the plugin and ESLint', () => {
    const result = project.bin(BIN, ['--version'], project.dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^eslint-plugin-salesforce-session \d+\.\d+\.\d+, ESLint 10\.\d+\.\d+\n$/u);
  });

  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasScript)(
    'shows progress on a terminal for a large tree, files done of total, and erases it',
    () => {
      const files: Record<string, string> = {};
      for (let index = 0; index < 250; index += 1) files[`src/file${index}.js`] = CLEAN_JS;
      const cwd = project.workspace(files);
      // `script` runs the bin on a pseudo-terminal; its output is the terminal's.
      const command = `${join(project.dir, 'node_modules/.bin', BIN)} src`;
      const result = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, CI: '', TERM: 'xterm' },
      });
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('Linting:   0 of 250 files');
      expect(result.stdout).toContain('Linting: 250 of 250 files (100 %)');
      expect(result.stdout).toContain('\r\u001B[Ksalesforce-session-lint: no problems in 250 files');
    },
    CLI_TIMEOUT_MS,
  );
});
