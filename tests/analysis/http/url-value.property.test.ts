/**
 * Property tests: URL values built from generated compositions of literals, templates, concatenations,
 * constants, `concat`/`join` and `new URL(path, base)` resolve to what evaluating the code gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { isFullyKnown, parseUrl, renderValue, stringValues } from '../../../src/analysis/http/url-value';
import { probeArgument, withSource } from '../helpers';

/** A generated expression: its source text and the declarations it needs. */
interface Built {
  readonly code: string;
  readonly declarations: readonly string[];
}

const piece = fc.stringMatching(/^[a-z0-9/:.?=&_-]{0,12}$/u);

function quote(text: string): string {
  return `'${text}'`;
}

let counter = 0;

const expression: fc.Arbitrary<Built> = fc.letrec<{ node: Built }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    piece.map((text) => ({ code: quote(text), declarations: [] })),
    piece.map((text) => {
      counter += 1;
      const name = `c${counter}`;
      return { code: name, declarations: [`const ${name} = ${quote(text)};`] };
    }),
    fc.tuple(tie('node'), tie('node')).map(([left, right]) => ({
      code: `(${left.code} + ${right.code})`,
      declarations: [...left.declarations, ...right.declarations],
    })),
    fc.tuple(piece, tie('node'), piece).map(([before, inner, after]) => ({
      code: `\`${before}\${${inner.code}}${after}\``,
      declarations: inner.declarations,
    })),
    fc.tuple(tie('node'), tie('node')).map(([left, right]) => ({
      code: `${left.code}.concat(${right.code})`,
      declarations: [...left.declarations, ...right.declarations],
    })),
    fc.tuple(tie('node'), tie('node'), piece).map(([left, right, separator]) => ({
      code: `[${left.code}, ${right.code}].join(${quote(separator)})`,
      declarations: [...left.declarations, ...right.declarations],
    })),
    tie('node').map((inner) => {
      counter += 1;
      const name = `v${counter}`;
      return { code: name, declarations: [...inner.declarations, `const ${name} = ${inner.code};`] };
    }),
  ),
})).node;

function evaluate(built: Built): string {
  return new Function(`${built.declarations.join('\n')}\nreturn ${built.code};`)() as string;
}

function analyse(built: Built): ReturnType<typeof stringValues> {
  return withSource(`${built.declarations.join('\n')}\nprobe(${built.code});`, (sourceCode) => stringValues(sourceCode, probeArgument(sourceCode)));
}

describe('URL values (property)', () => {
  it('resolve known compositions to the evaluated string', () => {
    fc.assert(
      fc.property(expression, (built) => {
        const values = analyse(built);
        expect(values).toHaveLength(1);
        expect(isFullyKnown(values[0]!)).toBe(true);
        expect(renderValue(values[0]!)).toBe(evaluate(built));
      }),
      { numRuns: 300 },
    );
  });

  it('keep unknown parts unknown and every known part in place', () => {
    fc.assert(
      fc.property(expression, piece, expression, (left, filler, right) => {
        // `param` is a parameter: its value is unknown and must not be guessed.
        const built: Built = { code: `(${left.code} + param + ${right.code})`, declarations: [...left.declarations, ...right.declarations] };
        const values = withSource(
          `${built.declarations.join('\n')}\nfunction f(param) { probe(${built.code}); }`,
          (sourceCode) => stringValues(sourceCode, probeArgument(sourceCode)),
        );
        expect(values).toHaveLength(1);
        const [value] = values;
        expect(value!.segments.filter((segment) => segment === null)).toHaveLength(1);
        const actual = new Function('param', `${built.declarations.join('\n')}\nreturn ${built.code};`)(filler) as string;
        const pattern = new RegExp(`^${value!.segments.map((segment) => (segment === null ? '[\\s\\S]*' : segment.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&'))).join('')}$`, 'u');
        expect(actual).toMatch(pattern);
      }),
      { numRuns: 200 },
    );
  });

  const host = fc.stringMatching(/^[a-z][a-z0-9]{0,8}(?:\.[a-z]{2,5}){1,2}$/u);
  const segment = fc.stringMatching(/^[a-z0-9_-]{1,6}$/u);
  const path = fc.array(segment, { maxLength: 3 }).map((parts) => parts.join('/'));

  it('resolve new URL(path, base) as the WHATWG URL parser does', () => {
    fc.assert(
      fc.property(host, path, fc.constantFrom('/', '', 'https://other.example/'), path, (baseHost, basePath, prefix, relative) => {
        const base = `https://${baseHost}/${basePath}`;
        const input = `${prefix}${relative}`;
        const code = `const base = ${quote(base)};\nprobe(new URL(${quote(input)}, base).href);`;
        const values = withSource(code, (sourceCode) => stringValues(sourceCode, probeArgument(sourceCode)));
        expect(values.map(renderValue)).toEqual([new URL(input, base).href]);
      }),
      { numRuns: 200 },
    );
  });

  const analysedTexts = (code: string): string[] =>
    withSource(code, (sourceCode) => stringValues(sourceCode, probeArgument(sourceCode))).map((value) =>
      isFullyKnown(value) ? renderValue(value) : '<unknown>',
    );

  it('give every value an alternative can take, and no other (?:, ||, ??, reassignment)', () => {
    fc.assert(
      fc.property(expression, expression, fc.constantFrom('?:', '||', '??', 'let'), fc.boolean(), (left, right, form, condition) => {
        const declarations = [...left.declarations, ...right.declarations].join('\n');
        const probe =
          form === '?:' ? `probe(flag ? ${left.code} : ${right.code});`
          : form === 'let' ? `let chosen = ${left.code};\nif (flag) chosen = ${right.code};\nprobe(chosen);`
          : `probe(${left.code} ${form} ${right.code});`;
        const code = `${declarations}\nconst flag = Math.random() > 2;\n${probe}`;
        const analysed = analysedTexts(code);
        const possible = [evaluate(left), evaluate(right)];
        // Sound: what the code evaluates to, for either value of the flag, is among the analysed values.
        const actual = new Function('flag', `${declarations}\nlet result;\nconst probe = (value) => { result = value; };\n${probe}\nreturn result;`)(condition) as string;
        expect(analysed).toContain(actual);
        // And no invention: every analysed value is one of the two alternatives.
        for (const value of analysed) expect(possible).toContain(value);
      }),
      { numRuns: 200 },
    );
  });

  it('follow object properties, destructuring and its defaults', () => {
    fc.assert(
      fc.property(expression, expression, fc.constantFrom('member', 'computed', 'destructure', 'fallback', 'nested-fallback'), (inner, fallback, form) => {
        const declarations = [...inner.declarations, ...fallback.declarations].join('\n');
        const config = `const config = { sf: { api: ${inner.code} } };`;
        const probe = {
          member: 'probe(config.sf.api);',
          computed: "probe(config['sf'][`api`]);",
          destructure: 'const { sf: { api } } = config;\nprobe(api);',
          fallback: `const { sf: { missing = ${fallback.code} } } = config;\nprobe(missing);`,
          'nested-fallback': `const { other: { api = ${fallback.code} } = {} } = config;\nprobe(api);`,
        }[form];
        const code = `${declarations}\n${config}\n${probe}`;
        if (form === 'fallback' || form === 'nested-fallback') {
          // A key missing from the literal takes the default; the analysis does not conclude that the key
          // is missing, so it keeps an unknown next to the default: sound, not exact.
          expect(analysedTexts(code).toSorted()).toEqual(['<unknown>', evaluate(fallback)].toSorted());
        } else {
          expect(analysedTexts(code)).toEqual([evaluate(inner)]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('read URL objects the way the URL class does (href, toString, String, origin)', () => {
    fc.assert(
      fc.property(host, path, fc.constantFrom('.href', '.toString()', 'String', '.origin', 'template'), (urlHost, urlPath, member) => {
        const input = `https://${urlHost}/${urlPath}`;
        const read =
          member === 'String' ? 'String(url)' : member === 'template' ? '`${url}`' : `url${member}`;
        const code = `const url = new URL(${quote(input)});\nprobe(${read});`;
        const [analysed, ...rest] = withSource(code, (sourceCode) => stringValues(sourceCode, probeArgument(sourceCode)));
        expect(rest).toEqual([]);
        const url = new URL(input);
        const actual = member === '.origin' ? url.origin : url.href;
        // The analysis keeps the text as written; the URL class normalises it. Host and path must agree.
        const parsed = parseUrl(analysed!);
        const expected = new URL(actual);
        expect(parsed?.host).toBe(expected.hostname);
        if (member !== '.origin') expect(parsed?.path).toBe(expected.pathname + expected.search);
      }),
      { numRuns: 200 },
    );
  });
});
