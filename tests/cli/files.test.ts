import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isLintedName, lintRoot, needsTypescriptParser, selectFiles } from '../../src/cli/files';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A temporary tree holding `files` (a path ending in `/` is an empty folder). */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'cli-files-'));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    if (path.endsWith('/')) mkdirSync(join(root, path), { recursive: true });
    else {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
  }
  return root;
}

function selected(root: string, paths: string[], cwd = root): string[] | { missing: string } {
  const selection = selectFiles(paths, cwd);
  return 'missing' in selection ? selection : selection.files.map((file) => relative(root, file));
}

describe('isLintedName', () => {
  it.each(['a.js', 'a.mjs', 'a.cjs', 'a.jsx', 'a.ts', 'a.mts', 'a.cts', 'a.tsx', 'admin.js', 'minimal.ts'])('lints %s', (name) => {
    expect(isLintedName(name)).toBe(true);
  });
  it.each(['a.min.js', 'a-min.js', 'a.min.mjs', 'a.d.ts', 'a.d.mts', 'a.json', 'a.md', 'a.vue', 'js'])('skips %s', (name) => {
    expect(isLintedName(name)).toBe(false);
  });
});

describe('selectFiles', () => {
  it('walks a folder, skipping dependencies, build output, minified and declaration files', () => {
    const root = tree({
      'src/a.ts': '',
      'src/b.js': '',
      'src/nested/c.mjs': '',
      'src/vendor.min.js': '',
      'src/types.d.ts': '',
      'src/notes.md': '',
      'node_modules/pkg/index.js': '',
      'packages/x/node_modules/y/index.js': '',
      'dist/index.js': '',
      'build/index.js': '',
      'coverage/lcov.js': '',
      '.git/hooks/x.js': '',
      '.next/server.js': '',
      '.config/eslint.js': '',
    });
    expect(selected(root, ['.'])).toEqual(['.config/eslint.js', 'src/a.ts', 'src/b.js', 'src/nested/c.mjs']);
  });

  it('skips what .gitignore files ignore: the folder’s own, deeper ones, and those above it up to the repository root', () => {
    const root = tree({
      '.git/': '',
      '.gitignore': 'generated/\n*.gen.ts\n',
      'app/.gitignore': 'local.js\n!keep.gen.ts\n',
      'app/main.ts': '',
      'app/local.js': '',
      'app/x.gen.ts': '',
      'app/keep.gen.ts': '',
      'app/generated/a.js': '',
      'other/local.js': '',
    });
    expect(selected(root, ['.'])).toEqual(['app/keep.gen.ts', 'app/main.ts', 'other/local.js']);
    // Started inside the repository: the root's .gitignore still applies.
    expect(selected(root, ['app'])).toEqual(['app/keep.gen.ts', 'app/main.ts']);
    expect(selected(root, ['.'], join(root, 'app'))).toEqual(['app/keep.gen.ts', 'app/main.ts']);
  });

  it('reads no .gitignore above a folder outside any repository', () => {
    const root = tree({ '.gitignore': '*.js\n', 'app/a.js': '' });
    expect(selected(root, ['app'])).toEqual(['app/a.js']);
    expect(selected(root, ['.'])).toEqual([]);
  });

  it('lints a named file whatever the skips say, if it is JavaScript or TypeScript', () => {
    const root = tree({ 'dist/out.js': '', 'a.min.js': '', 'README.md': '', 'src/a.js': '' });
    expect(selected(root, ['dist/out.js', 'a.min.js', 'README.md', 'src', 'src/a.js'])).toEqual(['a.min.js', 'dist/out.js', 'src/a.js']);
  });

  it('follows symbolic links to files but not to folders', () => {
    const root = tree({ 'real/a.js': '', 'src/b.js': '' });
    symlinkSync(join(root, 'real/a.js'), join(root, 'src/link.js'));
    symlinkSync(join(root, 'real'), join(root, 'src/loop'));
    symlinkSync(join(root, 'nowhere.js'), join(root, 'src/dangling.js'));
    expect(selected(root, ['src'])).toEqual(['src/b.js', 'src/link.js']);
  });

  it('gives the first path that does not exist', () => {
    const root = tree({ 'a.js': '' });
    expect(selected(root, ['a.js', 'nope', 'nope2'])).toEqual({ missing: 'nope' });
  });
});

describe('lintRoot', () => {
  it('is the working folder when every file is inside it, else the deepest folder holding them all', () => {
    expect(lintRoot(['/w/p/a.js', '/w/p/src/b.js'], '/w/p')).toBe('/w/p');
    expect(lintRoot(['/w/other/src/a.js', '/w/other/lib/b.js'], '/w/p')).toBe('/w/other');
    expect(lintRoot(['/w/p/a.js', '/w/q/b.js'], '/w/p')).toBe('/w');
    expect(lintRoot(['/w/other/a.js'], '/w/p')).toBe('/w/other');
  });
});

describe('needsTypescriptParser', () => {
  it.each([
    ['src/a.ts', true],
    ['src/a.tsx', true],
    ['src/a.mts', true],
    ['force-app/main/default/lwc/list/list.js', true],
    ['lwc/list/list.js', true],
    ['src/a.js', false],
    ['force-app/main/default/lwc/list/list.html', false],
    ['src/lwc-helpers/a.js', false],
  ])('%s: %s', (path, expected) => {
    expect(needsTypescriptParser(path)).toBe(expected);
  });
});
