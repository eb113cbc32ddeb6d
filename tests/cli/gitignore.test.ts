import { describe, expect, it } from 'vitest';
import { ignoredBy, parseIgnoreFile, parseIgnoreLine } from '../../src/cli/gitignore';

/** What `text`, as one `.gitignore`, says about each path (a trailing `/` marks a folder). */
function verdicts(text: string, paths: string[]): Record<string, boolean | undefined> {
  const rules = parseIgnoreFile(text);
  return Object.fromEntries(paths.map((path) => [path, ignoredBy(rules, path.replace(/\/$/u, ''), path.endsWith('/'))]));
}

describe('.gitignore patterns', () => {
  it('skips blank lines and comments, and keeps escaped # and !', () => {
    expect(parseIgnoreFile('\n# a comment\n   \n')).toEqual([]);
    expect(verdicts('\\#notes.js\n\\!bang.js\n', ['#notes.js', '!bang.js', 'notes.js'])).toEqual({
      '#notes.js': true,
      '!bang.js': true,
      'notes.js': undefined,
    });
  });

  it('matches a name without a slash at any depth, and one with a slash from the file’s folder only', () => {
    expect(verdicts('generated.js\n/top.js\nsrc/deep.js\n', ['generated.js', 'a/b/generated.js', 'top.js', 'a/top.js', 'src/deep.js', 'x/src/deep.js'])).toEqual({
      'generated.js': true,
      'a/b/generated.js': true,
      'top.js': true,
      'a/top.js': undefined,
      'src/deep.js': true,
      'x/src/deep.js': undefined,
    });
  });

  it('matches a trailing-slash pattern on folders only', () => {
    expect(verdicts('tmp/\n', ['tmp/', 'a/tmp/', 'tmp'])).toEqual({ 'tmp/': true, 'a/tmp/': true, tmp: undefined });
  });

  it('reads *, ?, [...] and ** as git does', () => {
    expect(
      verdicts('*.gen.ts\nfile?.js\n[ab]x.js\n[!c]y.js\n**/fixtures/**\nlogs/**/debug.js\n', [
        'a.gen.ts',
        'src/a.gen.ts',
        'file1.js',
        'file12.js',
        'ax.js',
        'cx.js',
        'by.js',
        'cy.js',
        'test/fixtures/a.js',
        'fixtures/deep/b.js',
        'logs/debug.js',
        'logs/a/b/debug.js',
      ]),
    ).toEqual({
      'a.gen.ts': true,
      'src/a.gen.ts': true,
      'file1.js': true,
      'file12.js': undefined,
      'ax.js': true,
      'cx.js': undefined,
      'by.js': true,
      'cy.js': undefined,
      'test/fixtures/a.js': true,
      'fixtures/deep/b.js': true,
      'logs/debug.js': true,
      'logs/a/b/debug.js': true,
    });
  });

  it('lets the last matching line decide, so ! re-includes', () => {
    expect(verdicts('*.js\n!keep.js\n', ['drop.js', 'keep.js'])).toEqual({ 'drop.js': true, 'keep.js': false });
    expect(verdicts('!keep.js\n*.js\n', ['keep.js'])).toEqual({ 'keep.js': true });
  });

  it('takes regex characters literally', () => {
    expect(verdicts('a+b(c).js\n', ['a+b(c).js', 'aab(c).js'])).toEqual({ 'a+b(c).js': true, 'aab(c).js': undefined });
  });

  it('drops trailing spaces unless escaped, and CR line ends', () => {
    expect(parseIgnoreLine('name.js   ')?.regex.test('name.js')).toBe(true);
    expect(parseIgnoreLine('name.js\r')?.regex.test('name.js')).toBe(true);
    expect(parseIgnoreLine('name\\ ')?.regex.test('name ')).toBe(true);
  });
});
