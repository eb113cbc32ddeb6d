import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';

const defaults = { paths: ['.'], config: 'recommended', format: 'stylish', fix: false };

describe('parseArgs', () => {
  it('lints the current folder with the recommended config and stylish output by default', () => {
    expect(parseArgs([])).toEqual({ kind: 'lint', options: defaults });
  });

  it('reads every option, in both spellings where it has two', () => {
    expect(parseArgs(['--config', 'strict', '--format=sarif', '-o', 'out.sarif', '--fix', '--max-warnings', '0', 'src', 'lib'])).toEqual({
      kind: 'lint',
      options: { paths: ['src', 'lib'], config: 'strict', format: 'sarif', outputFile: 'out.sarif', fix: true, maxWarnings: 0 },
    });
    expect(parseArgs(['--config=all', '-f', 'json', '--output-file=r.json'])).toEqual({
      kind: 'lint',
      options: { ...defaults, config: 'all', format: 'json', outputFile: 'r.json' },
    });
  });

  it('answers --help and --version before anything else', () => {
    expect(parseArgs(['src', '--help', '--nope'])).toEqual({ kind: 'help' });
    expect(parseArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseArgs(['--version'])).toEqual({ kind: 'version' });
    expect(parseArgs(['-v'])).toEqual({ kind: 'version' });
  });

  it('takes everything after -- as paths', () => {
    expect(parseArgs(['--', '--fix', '-o'])).toEqual({ kind: 'lint', options: { ...defaults, paths: ['--fix', '-o'] } });
  });

  it.each([
    [['--nope'], "unknown option '--nope'"],
    [['--nope=1'], "unknown option '--nope'"],
    [['-x'], "unknown option '-x'"],
    [['--config'], "option '--config' needs a value"],
    [['--config='], "option '--config' needs a value"],
    [['--config', 'lax'], "--config must be one of recommended, strict, all, not 'lax'"],
    [['--format', 'html'], "--format must be one of stylish, github, sarif, json, not 'html'"],
    [['--max-warnings', '-1'], "--max-warnings needs a whole number, not '-1'"],
    [['--max-warnings', 'ten'], "--max-warnings needs a whole number, not 'ten'"],
    [['-o'], "option '-o' needs a value"],
  ])('refuses %j with a one-line message', (argv, message) => {
    expect(parseArgs(argv)).toEqual({ kind: 'error', message });
  });
});
