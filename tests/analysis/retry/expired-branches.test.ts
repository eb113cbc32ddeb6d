import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { enclosingFunction, walk } from '../../../src/analysis/core/ast';
import {
  alwaysExits,
  expiredGuards,
  fallThroughBranches,
  isInExpiredBranch,
  pathFacts,
  reachesLoopEnd,
} from '../../../src/analysis/retry/expired-branches';
import { callsNamed, withSource, type SourceCode } from '../helpers';

/** The first `retry()` call and the function it is written in. */
function retryCall(sourceCode: SourceCode): { call: TSESTree.CallExpression; root: TSESTree.Node } {
  const [call] = callsNamed(sourceCode, 'retry');
  if (!call) throw new Error('no retry() call');
  return { call, root: enclosingOuterFunction(call) };
}

/** The outermost function around a node (callbacks inside it belong to its path). */
function enclosingOuterFunction(node: TSESTree.Node): TSESTree.Node {
  let fn: TSESTree.Node | null = enclosingFunction(node);
  for (let outer = fn && enclosingFunction(fn); outer; outer = enclosingFunction(outer)) fn = outer;
  if (!fn) throw new Error('not in a function');
  return fn;
}

function expired(code: string, ts = false): boolean {
  return withSource(code, (sourceCode) => {
    const { call, root } = retryCall(sourceCode);
    return isInExpiredBranch(sourceCode, call, root);
  }, { ts });
}

describe('isInExpiredBranch', () => {
  it.each([
    ['if consequent', 'function f(res) { if (res.status === 401) retry(); }'],
    ['else of a negated test', 'function f(res) { if (res.status !== 401) ok(); else retry(); }'],
    ['conjunction with a flag', 'function f(res, retried) { if (res.status === 401 && !retried) { retry(); } }'],
    ['negated disjunction', 'function f(res, retried) { if (!(res.status !== 401 || retried)) retry(); }'],
    ['early return on a live session', 'function f(res) { if (res.status !== 401) return res; refresh(); retry(); }'],
    ['early throw in an enclosing block', `function f(res) { if (!res.ok && res.status !== 401) throw new Error(); { retry(); } }`],
    ['early exit with the expired branch in the else', 'function f(res) { if (res.status === 401) {} else { return res; } retry(); }'],
    ['conditional expression', 'function f(res) { return res.status === 401 ? retry() : res; }'],
    ['conditional alternate', 'function f(res) { return res.status !== 401 ? res : retry(); }'],
    ['&& guard', 'function f(res) { return res.status === 401 && retry(); }'],
    ['|| guard', 'function f(res) { return res.status !== 401 || retry(); }'],
    ['switch case', 'function f(res) { switch (res.status) { case 401: return retry(); default: return res; } }'],
    ['switch case reached by fall-through', 'function f(res) { switch (res.status) { case 401: case 403: return retry(); default: return res; } }'],
    ['INVALID_SESSION_ID in a catch', `async function f() { try { await g(); } catch (e) { if (e.errorCode === 'INVALID_SESSION_ID') return retry(); throw e; } }`],
    ['inside a .then callback', 'function f(res) { if (res.status === 401) return refresh().then(() => retry()); }'],
    ['inside a .catch callback with an early exit', 'function f(p) { return p.catch((err) => { if (err.response?.status !== 401) throw err; return retry(); }); }'],
    ['while loop on the expired check', 'async function f() { let res = await g(); while (res.status === 401) { retry(); } }'],
    ['named test', 'function f(res) { const expired = res.status === 401; if (expired) retry(); }'],
  ])('%s', (_name, code) => {
    expect(expired(code)).toBe(true);
  });

  it.each([
    ['live-session branch', 'function f(res) { if (res.status !== 401) retry(); }'],
    ['after an early exit on the expired check', 'function f(res) { if (res.status === 401) throw new Error(); retry(); }'],
    ['else of an expired check', 'function f(res) { if (res.status === 401) refresh(); else retry(); }'],
    ['other status', 'function f(res) { if (res.status === 429) retry(); }'],
    ['no check', 'function f(res) { retry(); }'],
    ['default case', 'function f(res) { switch (res.status) { case 401: throw new Error(); default: return retry(); } }'],
    ['after a case that exits', 'function f(res) { switch (res.status) { case 401: return null; case 500: return retry(); } }'],
    ['do-while body (the first run is not guarded)', 'async function f() { let res; do { retry(); } while (res.status === 401); }'],
    ['after an expired branch that completes', 'function f(res) { if (res.status === 401) { refresh(); } retry(); }'],
    ['disjunction holding', 'function f(res, x) { if (res.status === 401 || x) {} else retry(); }'],
  ])('not: %s', (_name, code) => {
    expect(expired(code)).toBe(false);
  });

  it('reads TypeScript', () => {
    expect(expired('function f(res: Response) { if ((res as Response).status === 401) retry(); }', true)).toBe(true);
  });
});

describe('pathFacts', () => {
  it('lists guards innermost first, with their origin', () => {
    const facts = withSource(
      `async function f(res, retries) {
        if (retries <= 0) throw new Error('no more');
        if (res.status === 401) {
          if (ready) retry();
        }
      }`,
      (sourceCode) => {
        const { call, root } = retryCall(sourceCode);
        const path = pathFacts(sourceCode, call, root);
        return path.guards.map((guard) => (guard.kind === 'condition' ? `${sourceCode.getText(guard.test)}:${guard.holds}:${guard.origin.kind}` : 'case'));
      },
    );
    expect(facts).toEqual(['ready:true:if', 'res.status === 401:true:if', 'retries <= 0:false:early-exit']);
  });

  it('keeps the statements run on the way, in order, and the calls and handlers around the node', () => {
    const result = withSource(
      `async function f(req) {
        counter++;
        try { await send(req); } catch (err) {
          log(err);
          await refresh();
          return p.catch((e) => refresh().then(() => retry()));
        }
      }`,
      (sourceCode) => {
        const { call, root } = retryCall(sourceCode);
        const path = pathFacts(sourceCode, call, root);
        return {
          statements: path.statements.map((statement) => sourceCode.getText(statement)),
          calls: path.enclosingCalls.map((enclosing) => sourceCode.getText(enclosing.callee)),
          handlers: path.handlers.map((handler) => handler.type),
        };
      },
    );
    expect(result.statements).toEqual(['counter++;', 'log(err);', 'await refresh();']);
    expect(result.calls).toEqual(['refresh().then', 'p.catch']);
    expect(result.handlers).toEqual([AST_NODE_TYPES.ArrowFunctionExpression, AST_NODE_TYPES.CatchClause]);
  });

  it('recognises RxJS catchError only when imported from rxjs', () => {
    const handlers = (code: string) =>
      withSource(code, (sourceCode) => {
        const { call, root } = retryCall(sourceCode);
        return pathFacts(sourceCode, call, root).handlers.length;
      });
    expect(handlers(`import { catchError } from 'rxjs/operators'; function f(o) { return o.pipe(catchError(() => retry())); }`)).toBe(1);
    expect(handlers(`import { catchError } from '../mine'; function f(o) { return o.pipe(catchError(() => retry())); }`)).toBe(0);
  });

  it('collects the early exits after the node with throughEnd', () => {
    const guards = withSource(
      `async function f(res) {
        if (res.status === 401) { retry(); }
        attempts += 1;
        if (attempts > 3) throw new Error('give up');
      }`,
      (sourceCode) => {
        const { call, root } = retryCall(sourceCode);
        const path = pathFacts(sourceCode, call.parent, root, { throughEnd: true, includeNode: true });
        return {
          guards: path.guards.map((guard) => (guard.kind === 'condition' ? `${sourceCode.getText(guard.test)}:${guard.holds}` : 'case')),
          statements: path.statements.map((statement) => sourceCode.getText(statement)),
          expired: expiredGuards(sourceCode, path).length,
        };
      },
    );
    expect(guards.guards).toEqual(['res.status === 401:true', 'attempts > 3:false']);
    expect(guards.statements).toEqual(['retry();', 'attempts += 1;', "if (attempts > 3) throw new Error('give up');"]);
    expect(guards.expired).toBe(1);
  });
});

function firstStatement(sourceCode: SourceCode): TSESTree.Statement {
  const fn = sourceCode.ast.body[0];
  if (fn?.type !== AST_NODE_TYPES.FunctionDeclaration) throw new Error('no function');
  return fn.body.body[0]!;
}

describe('alwaysExits', () => {
  it.each([
    ['return', 'return 1;'],
    ['throw', 'throw e;'],
    ['block ending in return', '{ a(); return; }'],
    ['if with both branches exiting', 'if (x) return 1; else throw e;'],
    ['try whose block and catch exit', 'try { return a(); } catch (e) { throw e; }'],
    ['finally that exits', 'try { a(); } finally { return; }'],
    ['switch whose cases all exit', 'switch (x) { case 1: return 1; default: throw e; }'],
  ])('%s', (_name, statement) => {
    expect(withSource(`function f() { ${statement} }`, (sourceCode) => alwaysExits(firstStatement(sourceCode)))).toBe(true);
  });

  it.each([
    ['call', 'a();'],
    ['if without else', 'if (x) return 1;'],
    ['try whose catch completes', 'try { return a(); } catch (e) { log(e); }'],
    ['switch with a break', 'switch (x) { case 1: break; default: return; }'],
    ['switch without default', 'switch (x) { case 1: return 1; }'],
    ['loop', 'while (x) { return; }'],
  ])('not: %s', (_name, statement) => {
    expect(withSource(`function f() { ${statement} }`, (sourceCode) => alwaysExits(firstStatement(sourceCode)))).toBe(false);
  });
});

function firstLoop(sourceCode: SourceCode) {
  let loop: TSESTree.WhileStatement | TSESTree.ForStatement | TSESTree.DoWhileStatement | null = null;
  walk(sourceCode, sourceCode.ast, (node) => {
    if (!loop && (node.type === AST_NODE_TYPES.WhileStatement || node.type === AST_NODE_TYPES.ForStatement || node.type === AST_NODE_TYPES.DoWhileStatement)) loop = node;
  });
  if (!loop) throw new Error('no loop');
  return loop as TSESTree.WhileStatement | TSESTree.ForStatement | TSESTree.DoWhileStatement;
}

describe('reachesLoopEnd and fallThroughBranches', () => {
  function branches(code: string): string[] {
    return withSource(code, (sourceCode) => {
      const loop = firstLoop(sourceCode);
      return fallThroughBranches(sourceCode, loop, (visit) => walk(sourceCode, loop.body, visit)).map((branch) => branch.anchor.type);
    });
  }

  it('finds an expired branch that completes and goes round again', () => {
    expect(branches('async function f() { while (true) { const res = await g(); if (res.status === 401) { await refresh(); } else { return res; } } }')).toEqual([
      AST_NODE_TYPES.BlockStatement,
    ]);
  });

  it('finds the code after an early exit on a live session', () => {
    expect(branches('async function f() { for (;;) { const res = await g(); if (res.status !== 401) return res; await refresh(); } }')).toEqual([
      AST_NODE_TYPES.IfStatement,
    ]);
  });

  it('finds a `case 401:` that breaks out of the switch', () => {
    expect(
      branches('async function f() { while (true) { const res = await g(); switch (res.status) { case 401: await refresh(); break; default: return res; } } }'),
    ).toEqual([AST_NODE_TYPES.ExpressionStatement]);
  });

  it('finds a branch in a catch clause, and the catch body itself', () => {
    expect(branches(`async function f() { while (true) { try { return await g(); } catch (e) { if (e.errorCode === 'INVALID_SESSION_ID') await refresh(); else throw e; } } }`)).toEqual([
      AST_NODE_TYPES.BlockStatement,
      AST_NODE_TYPES.ExpressionStatement,
    ]);
  });

  it.each([
    ['throws', 'async function f() { while (true) { const res = await g(); if (res.status === 401) throw new Error(); await sleep(); } }'],
    ['breaks', 'async function f() { while (true) { const res = await g(); if (res.status === 401) { await refresh(); break; } } }'],
    ['is followed by a return', 'async function f() { while (true) { const res = await g(); if (res.status === 401) { await refresh(); } return res; } }'],
    ['is in a nested loop', 'async function f() { while (true) { for (const x of xs) { if (x.status === 401) { await refresh(); } } return; } }'],
    ['is in a nested function', 'async function f() { while (true) { on((res) => { if (res.status === 401) refresh(); }); } }'],
  ])('no fall-through when the branch %s', (_name, code) => {
    expect(branches(code)).toEqual([]);
  });

  it('reachesLoopEnd stops at a finally that exits', () => {
    const reaches = withSource('function f() { while (true) { try { a(); } finally { return; } } }', (sourceCode) => {
      const loop = firstLoop(sourceCode);
      const body = loop.body as TSESTree.BlockStatement;
      const tryStatement = body.body[0] as TSESTree.TryStatement;
      return reachesLoopEnd(tryStatement.block.body[0]!, loop);
    });
    expect(reaches).toBe(false);
  });
});
