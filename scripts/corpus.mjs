// @ts-check
/**
 * The real-code corpus that the smoke run (scripts/smoke.mjs) and the benchmark (scripts/bench.mjs) lint:
 * every `.js`, `.cjs`, `.mjs` and `.ts` file (not `.d.ts`) under the installed node_modules, code no one
 * here wrote. The choice is deterministic: paths sorted by code unit, files over a size cap left out, and,
 * when a count cap applies, an evenly spaced sample of the sorted list.
 *
 * How each file is parsed follows Node and TypeScript: `.ts` with @typescript-eslint/parser as a module;
 * `.mjs` as a module and `.cjs` as CommonJS with espree; `.js` as its nearest package.json `type` says
 * (`module`, else CommonJS), then as the other kind when that does not parse.
 */
import tsParser from '@typescript-eslint/parser';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** @typedef {'module' | 'commonjs'} SourceType */
/** @typedef {{ name: string, sourceType: SourceType, typescript: boolean, jsx: boolean }} ParseMode */
/**
 * @typedef {object} CorpusFile
 * @property {string} path absolute path
 * @property {string} name path relative to the repository root, with `/`
 * @property {number} bytes
 * @property {readonly ParseMode[]} modes the ways to parse it, the likeliest first
 */

const EXTENSIONS = /\.(?:c?js|mjs|ts)$/u;
const DECLARATION = /\.d\.ts$/u;

/** @type {Record<string, ParseMode>} */
export const PARSE_MODES = {
  module: { name: 'module', sourceType: 'module', typescript: false, jsx: false },
  commonjs: { name: 'commonjs', sourceType: 'commonjs', typescript: false, jsx: false },
  moduleJsx: { name: 'module+jsx', sourceType: 'module', typescript: false, jsx: true },
  commonjsJsx: { name: 'commonjs+jsx', sourceType: 'commonjs', typescript: false, jsx: true },
  typescript: { name: 'typescript', sourceType: 'module', typescript: true, jsx: false },
  tsx: { name: 'tsx', sourceType: 'module', typescript: true, jsx: true },
};

/**
 * The ways to parse a file known by its name only (no package.json to read), the likeliest first:
 * TypeScript for `.ts`, `.mts`, `.cts` and, with JSX, `.tsx`; a module for `.mjs`, CommonJS for `.cjs`;
 * `.js` as a module, then as CommonJS, then either with JSX; `.jsx` as a module or CommonJS, with JSX.
 * @param {string} path
 * @returns {readonly ParseMode[]}
 */
export function parseModesByName(path) {
  if (/\.[cm]?ts$/u.test(path)) return [PARSE_MODES.typescript];
  if (path.endsWith('.tsx')) return [PARSE_MODES.tsx];
  if (path.endsWith('.mjs')) return [PARSE_MODES.module];
  if (path.endsWith('.cjs')) return [PARSE_MODES.commonjs];
  if (path.endsWith('.jsx')) return [PARSE_MODES.moduleJsx, PARSE_MODES.commonjsJsx];
  return [PARSE_MODES.module, PARSE_MODES.commonjs, PARSE_MODES.moduleJsx, PARSE_MODES.commonjsJsx];
}

/** Files under `directory`, not following symbolic links and skipping dot folders (`.bin`, caches). */
function listFiles(directory, found = []) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.')) listFiles(path, found);
    } else if (entry.isFile() && EXTENSIONS.test(entry.name) && !DECLARATION.test(entry.name)) {
      found.push(path);
    }
  }
  return found;
}

/**
 * The `type` of the package.json nearest to `directory`, looking no higher than `root`.
 * @param {string} directory
 * @param {string} root
 * @param {Map<string, string | null>} cache
 * @returns {string | null}
 */
function packageType(directory, root, cache) {
  const cached = cache.get(directory);
  if (cached !== undefined) return cached;
  /** @type {string | null} */
  let type;
  try {
    const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
    type = typeof manifest.type === 'string' ? manifest.type : 'commonjs';
  } catch {
    const parent = dirname(directory);
    type = directory === root || parent === directory ? null : packageType(parent, root, cache);
  }
  cache.set(directory, type);
  return type;
}

/**
 * @param {string} path
 * @param {string} root
 * @param {Map<string, string | null>} cache
 * @returns {readonly ParseMode[]}
 */
function parseModes(path, root, cache) {
  if (path.endsWith('.ts')) return [PARSE_MODES.typescript];
  if (path.endsWith('.mjs')) return [PARSE_MODES.module];
  if (path.endsWith('.cjs')) return [PARSE_MODES.commonjs];
  return packageType(dirname(path), root, cache) === 'module'
    ? [PARSE_MODES.module, PARSE_MODES.commonjs]
    : [PARSE_MODES.commonjs, PARSE_MODES.module];
}

/**
 * The corpus: every candidate file under `root/node_modules`, sorted, at most `maxBytes` each; when more
 * than `maxFiles` remain, an evenly spaced sample of them.
 * @param {{ root: string, maxBytes?: number, maxFiles?: number }} options
 * @returns {{ files: CorpusFile[], candidates: number, tooLarge: number }}
 */
export function collectCorpus({ root, maxBytes = 1_000_000, maxFiles = Number.POSITIVE_INFINITY }) {
  const base = join(root, 'node_modules');
  const names = listFiles(base)
    .map((path) => ({ path, name: relative(root, path).split(sep).join('/') }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const cache = new Map();
  /** @type {CorpusFile[]} */
  const sized = [];
  let tooLarge = 0;
  for (const { path, name } of names) {
    const bytes = statSync(path).size;
    if (bytes > maxBytes) {
      tooLarge += 1;
      continue;
    }
    sized.push({ path, name, bytes, modes: parseModes(path, base, cache) });
  }
  let files = sized;
  if (sized.length > maxFiles) {
    const step = sized.length / maxFiles;
    files = Array.from({ length: maxFiles }, (_, index) => /** @type {CorpusFile} */ (sized[Math.floor(index * step)]));
  }
  return { files, candidates: names.length, tooLarge };
}

/**
 * The flat config that parses a file in `mode` and turns on `rules`. Inline config comments are
 * ignored: real files carry `eslint-disable` comments and settings for rules that are not loaded here.
 * @param {ParseMode} mode
 * @param {object} extra plugins and rules
 * @returns {import('eslint').Linter.Config[]}
 */
export function configFor(mode, extra) {
  return [
    {
      // Named extensions: ESLint lints no file that only a universal pattern such as `**/*` matches.
      files: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'],
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType: mode.sourceType,
        ...(mode.typescript ? { parser: /** @type {import('eslint').Linter.Parser} */ (tsParser) } : {}),
        ...(mode.jsx ? { parserOptions: { ecmaFeatures: { jsx: true } } } : {}),
      },
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      ...extra,
    },
  ];
}

/**
 * The file name the linter is told. ESLint ignores `node_modules` folders whatever the config says, so
 * each `node_modules` segment becomes `nm`; the extension stays.
 * @param {CorpusFile} file
 */
export function lintFilename(file) {
  return file.name.replace(/(^|\/)node_modules(?=\/)/gu, '$1nm');
}

const QUOTED_URL = /(['"])https?:\/\/[^'"\\\r\n]*\1/gu;
const TEMPLATE_URL_HEAD = /`https?:\/\/[^`$\\\s]*/gu;
// eslint-disable-next-line salesforce-session/no-login-host-api-calls -- the mistake the variants plant on purpose
const LOGIN_DATA_URL = 'https://login.salesforce.com/services/data/v59.0/';

/**
 * The file with every quoted URL literal, and every URL at the head of a template literal, replaced by a
 * data API URL on the Salesforce login host: real code shapes (HTTP clients, URL building, config
 * objects) holding the mistake the rules look for. A text substitution: it may also hit a comment or a
 * regular expression, and the result may not parse (then it is skipped). Null when nothing matched.
 * @param {string} code
 * @returns {string | null}
 */
export function salesforceVariant(code) {
  const variant = code
    .replace(QUOTED_URL, (_, quote) => `${quote}${LOGIN_DATA_URL}query${quote}`)
    .replace(TEMPLATE_URL_HEAD, `\`${LOGIN_DATA_URL}`);
  return variant === code ? null : variant;
}
