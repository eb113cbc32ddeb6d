/**
 * `.gitignore` patterns, as git reads them (gitignore(5)): comments, `!` negation, a trailing `/` for folders
 * only, patterns with a `/` anchored to the file's folder, `*`, `?`, `[…]` and `**`. The last matching line of
 * a file decides; a deeper file decides before the ones above it. Pure: text in, a matcher out.
 */

export interface IgnoreRule {
  negated: boolean;
  directoryOnly: boolean;
  regex: RegExp;
}

/** A bracket expression, from `[` at `start`: its regex text and where it ends, or null when unclosed. */
function bracket(pattern: string, start: number): { source: string; end: number } | null {
  let index = start + 1;
  let source = '[';
  if (pattern[index] === '!' || pattern[index] === '^') {
    source += '^';
    index += 1;
  }
  if (pattern[index] === ']') {
    source += '\\]';
    index += 1;
  }
  for (; index < pattern.length; index += 1) {
    const char = pattern[index]!;
    if (char === ']') return { source: `${source}]`, end: index };
    if (char === '\\' && index + 1 < pattern.length) {
      index += 1;
      const escaped = pattern[index]!;
      source += /[\\\]^[-]/u.test(escaped) ? `\\${escaped}` : escaped;
    } else source += char === '[' || char === '^' ? `\\${char}` : char;
  }
  return null;
}

const REGEX_SPECIAL = /[.+*?^${}()|[\]\\/]/u;

/** The regex text of a glob body (no leading or trailing `/`). */
function globSource(glob: string): string {
  let source = '';
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index]!;
    if (char === '*') {
      if (glob[index + 1] === '*') {
        const atStart = index === 0 || glob[index - 1] === '/';
        const atEnd = index + 2 === glob.length || glob[index + 2] === '/';
        if (atStart && atEnd) {
          if (index + 2 === glob.length) source += '.*';
          else {
            source += '(?:.*/)?';
            index += 1; // and the `/` after it
          }
          index += 1;
          continue;
        }
      }
      source += '[^/]*';
    } else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const parsed = bracket(glob, index);
      if (parsed) {
        source += parsed.source;
        index = parsed.end;
      } else source += '\\[';
    } else if (char === '\\' && index + 1 < glob.length) {
      index += 1;
      const next = glob[index]!;
      source += REGEX_SPECIAL.test(next) ? `\\${next}` : next;
    } else source += REGEX_SPECIAL.test(char) ? `\\${char}` : char;
  }
  return source;
}

/** One line of a `.gitignore`, or null for a blank line or a comment. */
export function parseIgnoreLine(line: string): IgnoreRule | null {
  let text = line.replace(/\r$/u, '');
  // Trailing spaces go, unless escaped with a backslash.
  text = text.replace(/(?<!\\)\s+$/u, '');
  if (text === '' || text.startsWith('#')) return null;
  let negated = false;
  if (text.startsWith('!')) {
    negated = true;
    text = text.slice(1);
  } else if (text.startsWith('\\!') || text.startsWith('\\#')) text = text.slice(1);
  const directoryOnly = text.endsWith('/');
  if (directoryOnly) text = text.replace(/\/+$/u, '');
  if (text === '') return null;
  const anchored = text.includes('/');
  text = text.replace(/^\//u, '');
  const body = globSource(text);
  return { negated, directoryOnly, regex: new RegExp(`${anchored ? '^' : '(?:^|/)'}${body}$`, 'u') };
}

/** The rules of one `.gitignore` file, in order. */
export function parseIgnoreFile(text: string): IgnoreRule[] {
  return text
    .split('\n')
    .map(parseIgnoreLine)
    .filter((rule) => rule !== null);
}

/**
 * What one file's rules say about `path` (relative to that file's folder, `/`-separated): true ignored,
 * false re-included by a `!` line, undefined when no line matches.
 */
export function ignoredBy(rules: readonly IgnoreRule[], path: string, isDirectory: boolean): boolean | undefined {
  for (let index = rules.length - 1; index >= 0; index -= 1) {
    const rule = rules[index]!;
    if (rule.directoryOnly && !isDirectory) continue;
    if (rule.regex.test(path)) return !rule.negated;
  }
  return undefined;
}
