/**
 * Retry paths after an expired session: what leads from an expired branch (expired-branches.ts) back to
 * the same request. Each path is judged by bounds.ts.
 *
 * - recursion: the function calls itself (declaration, `const f = …`, named function expression, class
 *   or object method through `this`), directly or from a `.then` / `.catch` / RxJS / refresh callback;
 * - a loop that goes round again from the expired branch (`continue`, or falling through to the end
 *   of the body), including a loop whose own condition is the expired check;
 * - an axios response interceptor whose rejection handler replays `error.config` through the client
 *   the interceptor is registered on (`api(config)`, `api.request(config)`, `axios(config)`);
 * - p-retry / async-retry / retry configured to retry forever, whose handler refreshes on a 401.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ASTUtils } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../util/node-types';

import type { FunctionNode } from '../core/call-targets';
import type { HttpClient } from '../http/http-calls';
import type { Guard, Loop, PathFacts } from './expired-branches';
import type { Context } from './cells';
import type { RetryTrigger, Verdict } from './bounds';
import type { CallEdge } from './call-cycles';

import { contains, enclosingFunction, findProperty, memberName, propertyValue, staticKeyName, thisFunction, unwrap, variableOf, walk, walkFile } from '../core/ast';
import { calledFunction, functionNames, functionValue, isFunctionNode } from '../core/call-targets';
import { conditionGuards, fallThroughBranches, guardExpiredTest, isLoop, pathFacts, alwaysExits } from './expired-branches';
import { httpCallAt, httpModel, interceptorReceiver } from '../http/http-calls';
import { globalScopeFor, REQUIRE_NAMES } from '../http/libraries';
import { sessionExpiredTest } from './session-checks';
import { objectLiteralOf } from '../core/object-literals';
import { addToList } from '../../util/collections';
import { inRange, pathWrites, resolveTerm, stableConstant, staticValue } from './cells';
import { mayTriggerRetry } from './triggers';
import { callsBefore, expandGuards, expiredTrigger, judge, readsVerdict, triggerOf } from './bounds';
import { judgeCycle } from './cycle-bounds';
import { stepsOf } from './retry-cycles';
import { fileGraph } from './call-cycles';

export type { RetryTrigger, Verdict } from './bounds';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

export type RetryKind = 'recursion' | 'continue' | 'loop' | 'replay' | 'library';

export interface RetryPath {
  readonly kind: RetryKind;
  /** Where the retry happens: the recursive call, the `continue`, the loop, the replay, the option. */
  readonly node: TSESTree.Node;
  /** The function that recurses, the loop, the interceptor's handler, or the retry library call. */
  readonly region: TSESTree.Node;
  readonly trigger: RetryTrigger;
  readonly verdict: Verdict;
  /** The guards on the path, innermost first (loop conditions included). */
  readonly guards: readonly Guard[];
}

// ---------------------------------------------------------------------------------------------------
// Recursion

/** The calls inside `fn` that call `fn` itself. */
export function recursiveCalls(sourceCode: SourceCode, fn: FunctionNode): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  walk(sourceCode, fn.body, (child) => {
    if (child.type === AST_NODE_TYPES.CallExpression && calledFunction(sourceCode, child) === fn) calls.push(child);
    return undefined;
  });
  return calls;
}

/** The name a function goes by where it is written: its own name, its const, its method or property key. */
function writtenNames(fn: FunctionNode): string[] {
  const names: string[] = [];
  if ((fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.id) names.push(fn.id.name);
  let holder = fn.parent;
  while (holder && (holder.type === AST_NODE_TYPES.TSAsExpression || holder.type === AST_NODE_TYPES.TSSatisfiesExpression)) holder = holder.parent;
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) names.push(holder.id.name);
  if (holder?.type === AST_NODE_TYPES.MethodDefinition || holder?.type === AST_NODE_TYPES.PropertyDefinition || holder?.type === AST_NODE_TYPES.Property) {
    const key = staticKeyName(holder.key, holder.computed);
    if (key !== null) names.push(key);
  }
  // module.exports.call = async (…) => …, C.prototype.send = function …
  if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.right === fn && holder.left.type === AST_NODE_TYPES.MemberExpression) {
    const key = memberName(holder.left);
    if (key !== null) names.push(key);
  }
  return names;
}

const NO_NAMES: ReadonlySet<string> = new Set();
const namesAroundCache = new WeakMap<TSESTree.Node, ReadonlySet<string>>();

/** The names of `fn` and of every function around it, once per function (a call climbs only to its own function). */
function namesAround(fn: FunctionNode): ReadonlySet<string> {
  let names = namesAroundCache.get(fn);
  if (names) return names;
  const outer = enclosingFunction(fn);
  const own = writtenNames(fn);
  const inherited = outer ? namesAround(outer) : NO_NAMES;
  names = own.length === 0 ? inherited : new Set([...inherited, ...own]);
  namesAroundCache.set(fn, names);
  return names;
}

/**
 * A cheap look before resolving names: is the callee's name the name of a function around the call? A
 * name no function of the file is written under resolves to nothing (core/call-targets `functionNames`):
 * most calls stop there, before the climb to their function.
 */
function mayCallItsOwnFunction(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : null;
  if (name === null || functionNames(sourceCode)?.has(name) === false) return false;
  const fn = enclosingFunction(call);
  return fn !== null && namesAround(fn).has(name);
}

/** If `call` is a function calling itself after an expired session, the retry path it closes. */
export function recursiveRetry(sourceCode: SourceCode, call: TSESTree.CallExpression): RetryPath | null {
  if (!mayTriggerRetry(sourceCode) || !mayCallItsOwnFunction(sourceCode, call)) return null;
  const fn = calledFunction(sourceCode, call);
  if (!fn || fn.body === call || !contains(fn.body, call)) return null;
  const facts = pathFacts(sourceCode, call, fn);
  const ctx: Context = {
    sourceCode,
    kind: 'recursion',
    region: fn,
    freshRange: fn.range,
    fn,
    errorVariable: null,
    reentry: call,
    isReentry: (other) => calledFunction(sourceCode, other) === fn,
  };
  const trigger = triggerOf(ctx, facts, facts.guards);
  if (!trigger) return null;
  const events = pathWrites(ctx, facts.statements, facts.guards, null);
  let verdict = judge(ctx, facts.guards, events);
  if (verdict === 'bounded' && resetByAnotherCall(ctx, fn, call)) verdict = 'unbounded';
  return { kind: 'recursion', node: call, region: fn, trigger, verdict, guards: facts.guards };
}

/**
 * A counter that bounds one recursive call does not bound the retry when another call of the function
 * re-sends the same request (its arguments are only the parameters, constants and module constants,
 * nothing read from the response) and, going round through both calls, nothing stops it: that call
 * resets the counter (`call(req, path, 0, FALLBACK_HOST)`), and the retry's own call brings back what
 * the other one tests. Judged along the two calls as one cycle (bounds.ts `judgeCycle`).
 */
function resetByAnotherCall(ctx: Context, fn: FunctionNode, retry: TSESTree.CallExpression): boolean {
  const { sourceCode } = ctx;
  const others = recursiveCalls(sourceCode, fn).filter((other) => other !== retry && !contains(other, retry) && resendsSameRequest(ctx, other));
  return others.some((other) => {
    const edge = (site: TSESTree.CallExpression): CallEdge => ({ from: fn, to: fn, site, binding: 'call', handed: null, bind: null });
    return judgeCycle(stepsOf(sourceCode, [edge(retry), edge(other)])) === 'unbounded';
  });
}

/** Are a call's arguments only carried state and constants (a parameter, a written-out value, a module constant)? */
function resendsSameRequest(ctx: Context, call: TSESTree.CallExpression): boolean {
  return call.arguments.every((argument) => {
    if (argument.type === AST_NODE_TYPES.SpreadElement) return false;
    const term = resolveTerm(ctx, argument);
    if (term?.kind === 'static') return true;
    if (term?.kind !== 'cell') return false;
    return term.root.kind === 'param' || stableConstant(ctx, argument) !== null;
  });
}

// ---------------------------------------------------------------------------------------------------
// Loops

const labeledContinueIndex = new WeakMap<SourceCode, Map<TSESTree.Node, TSESTree.ContinueStatement[]>>();

/** The file's `continue label` statements, by the loop they continue. One walk, for files with a labeled loop. */
function labeledContinues(sourceCode: SourceCode): Map<TSESTree.Node, TSESTree.ContinueStatement[]> {
  let index = labeledContinueIndex.get(sourceCode);
  if (!index) {
    const found = new Map<TSESTree.Node, TSESTree.ContinueStatement[]>();
    walkFile(sourceCode, (child) => {
      if (child.type !== AST_NODE_TYPES.ContinueStatement || !child.label) return undefined;
      const target = continueTarget(child);
      if (!target) return undefined;
      addToList(found, target, child);
      return undefined;
    });
    index = found;
    labeledContinueIndex.set(sourceCode, index);
  }
  return index;
}

function isAnyLoop(node: TSESTree.Node): boolean {
  return isLoop(node) || node.type === AST_NODE_TYPES.ForInStatement || node.type === AST_NODE_TYPES.ForOfStatement;
}

function continueTarget(statement: TSESTree.ContinueStatement): TSESTree.Node | null {
  for (let current: TSESTree.Node | undefined = statement.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return null;
    if (statement.label) {
      if (current.type === AST_NODE_TYPES.LabeledStatement && current.label.name === statement.label.name) return current.body;
    } else if (isAnyLoop(current)) {
      return current;
    }
  }
  return null;
}

/** The retry paths of a loop: each `continue` after an expired session, and the fall-through to the next iteration. */
export function loopRetries(sourceCode: SourceCode, loop: Loop): RetryPath[] {
  if (!mayTriggerRetry(sourceCode)) return [];
  const ctx: Context = {
    sourceCode,
    kind: 'loop',
    region: loop,
    freshRange: loop.body.range,
    fn: null,
    errorVariable: null,
    reentry: null,
    isReentry: () => false,
  };
  const loopGuards = loop.test ? conditionGuards(loop.test, true, { kind: 'loop', node: loop }) : [];
  const update = loop.type === AST_NODE_TYPES.ForStatement ? loop.update : null;
  const paths: RetryPath[] = [];
  const consider = (kind: 'continue' | 'loop', node: TSESTree.Node, facts: PathFacts): void => {
    const guards = [...facts.guards, ...loopGuards];
    const trigger = triggerOf(ctx, facts, guards);
    if (!trigger) return;
    const events = pathWrites(ctx, facts.statements, guards, update);
    paths.push({ kind, node, region: loop, trigger, verdict: judge(ctx, guards, events), guards });
  };
  // One walk of the body finds both the fall-through branches and the `continue`s. It stops at nested
  // loops (an unlabeled `continue` there continues that loop), so each statement is visited by its
  // innermost loop and the cost stays linear; `continue label` from a nested loop comes from the file's
  // index of labeled continues.
  const continues: TSESTree.ContinueStatement[] = [];
  const branches = fallThroughBranches(sourceCode, loop, (visit) =>
    walk(sourceCode, loop.body, (child) => {
      if (child.type === AST_NODE_TYPES.ContinueStatement && !child.label && continueTarget(child) === loop) continues.push(child);
      return visit(child);
    }),
  );
  if (loop.parent.type === AST_NODE_TYPES.LabeledStatement) continues.push(...(labeledContinues(sourceCode).get(loop) ?? []));
  for (const statement of continues) consider('continue', statement, pathFacts(sourceCode, statement, loop));
  for (const branch of branches) consider('loop', loop, branch.facts);
  // while (res.status === 401) { … }  /  do { … } while (res.status === 401): the body's end goes round again.
  if (loop.body.type === AST_NODE_TYPES.BlockStatement && loop.body.body.length > 0 && loopGuards.some((guard) => guardExpiredTest(sourceCode, guard))) {
    const last = loop.body.body.at(-1)!;
    if (!loop.body.body.some((statement) => alwaysExits(statement))) {
      consider('loop', loop, pathFacts(sourceCode, last, loop, { includeNode: true }));
    }
  }
  return paths;
}

// ---------------------------------------------------------------------------------------------------
// axios response interceptors

/** Is a call a replay through the client the interceptor is registered on (`api(config)`, `api.request(config)`)? */
/** axios shorthands that take a URL, not a config: `api.get(url)` is a new request, not a replay. */
const AXIOS_SHORTHANDS = new Set(['get', 'delete', 'head', 'options', 'post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']);

function isReplayCall(sourceCode: SourceCode, call: TSESTree.CallExpression, client: HttpClient | null): boolean {
  const httpCall = httpCallAt(sourceCode, call);
  if (!httpCall || httpCall.library !== 'axios' || httpCall.client !== client) return false;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return true;
  const name = memberName(callee);
  if (name === 'request' || name === 'default') return true;
  // A client read from a field: `this.api(config)`.
  return client !== null && name !== null && !AXIOS_SHORTHANDS.has(name);
}

/** Does a replay's argument carry the failed request's config (itself, an alias, a spread of it, or its fields)? */
function carriesConfig(ctx: Context, argument: TSESTree.Node): boolean {
  let found = false;
  walk(ctx.sourceCode, argument, (child) => {
    if (found || isFunctionNode(child)) return false;
    if (child.type === AST_NODE_TYPES.Identifier || child.type === AST_NODE_TYPES.MemberExpression) {
      const term = resolveTerm(ctx, child);
      if (term?.kind === 'cell' && term.root.kind === 'config') found = true;
      if (term) return false;
    }
    return undefined;
  });
  return found;
}

/** Do two expressions name the same object: one variable, the same `this`, the same fields of it? */
function sameReceiver(sourceCode: SourceCode, a: TSESTree.Node, b: TSESTree.Node): boolean {
  const left = unwrap(a);
  const right = unwrap(b);
  if (left.type === AST_NODE_TYPES.Identifier && right.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, left);
    return variable !== null && variable === variableOf(sourceCode, right);
  }
  if (left.type === AST_NODE_TYPES.ThisExpression && right.type === AST_NODE_TYPES.ThisExpression) return thisFunction(left) === thisFunction(right);
  if (left.type === AST_NODE_TYPES.MemberExpression && right.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(left);
    return name !== null && name === memberName(right) && sameReceiver(sourceCode, left.object, right.object);
  }
  return false;
}

/**
 * The `X.interceptors.response.use(…)` calls on objects the HTTP model does not know as axios clients:
 * one handed in (`install(client)`), returned by a factory of the file, read from a field. The shape is
 * axios's; a replay through the same object comes back through the same interceptor.
 */
function otherRegistrations(sourceCode: SourceCode, known: ReadonlySet<TSESTree.CallExpression>): { use: TSESTree.CallExpression; receiver: TSESTree.Expression }[] {
  const found: { use: TSESTree.CallExpression; receiver: TSESTree.Expression }[] = [];
  for (const call of fileGraph(sourceCode).calls) {
    if (known.has(call)) continue;
    const receiver = interceptorReceiver(call);
    if (receiver) found.push({ use: call, receiver });
  }
  return found;
}

/** Is a call a replay through `receiver` itself, or its `request` method? */
function isReplayOn(sourceCode: SourceCode, call: TSESTree.CallExpression, receiver: TSESTree.Expression): boolean {
  const callee = unwrap(call.callee);
  if (sameReceiver(sourceCode, callee, receiver)) return true;
  return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'request' && sameReceiver(sourceCode, callee.object, receiver);
}

/**
 * The replays in axios response interceptors' rejection handlers: for the global axios, each
 * `axios.create` client, and any other object an interceptor is registered on in the same shape.
 */
export function interceptorRetries(sourceCode: SourceCode): RetryPath[] {
  if (!mayTriggerRetry(sourceCode)) return [];
  const model = httpModel(sourceCode);
  const registrations: { use: TSESTree.CallExpression; client: HttpClient | null; receiver?: TSESTree.Expression }[] = [
    ...model.responseInterceptors.map((use) => ({ use, client: null })),
    ...model.clients.flatMap((client) => client.responseInterceptors.map((use) => ({ use, client }))),
  ];
  registrations.push(...otherRegistrations(sourceCode, new Set(registrations.map((registration) => registration.use))).map(({ use, receiver }) => ({ use, client: null, receiver })));
  const paths: RetryPath[] = [];
  for (const { use, client, receiver } of registrations) {
    const handler = functionValue(sourceCode, use.arguments[1]);
    const errorParameter = handler?.params[0];
    if (!handler || !errorParameter) continue;
    const declared = sourceCode.getDeclaredVariables(handler);
    let errorVariable: Variable | null = null;
    let configVariable: Variable | null = null;
    if (errorParameter.type === AST_NODE_TYPES.Identifier) {
      errorVariable = declared.find((variable) => variable.name === errorParameter.name) ?? null;
    } else if (errorParameter.type === AST_NODE_TYPES.ObjectPattern) {
      // async ({ config, response }) => …
      const property = errorParameter.properties.find(
        (item): item is TSESTree.Property => item.type === AST_NODE_TYPES.Property && staticKeyName(item.key, item.computed) === 'config',
      );
      const name = property?.value.type === AST_NODE_TYPES.Identifier ? property.value.name : null;
      configVariable = declared.find((variable) => variable.name === name) ?? null;
    }
    if (!errorVariable && !configVariable) continue;
    const replays: TSESTree.CallExpression[] = [];
    walk(sourceCode, handler.body, (child) => {
      if (child.type === AST_NODE_TYPES.CallExpression && (receiver ? isReplayOn(sourceCode, child, receiver) : isReplayCall(sourceCode, child, client))) replays.push(child);
      return undefined;
    });
    for (const replay of replays) {
      const ctx: Context = {
        sourceCode,
        kind: 'replay',
        region: handler,
        freshRange: handler.range,
        fn: null,
        errorVariable,
        configVariable,
        reentry: replay,
        isReentry: (other) => replays.includes(other),
      };
      const [argument] = replay.arguments;
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement || !carriesConfig(ctx, argument)) continue;
      const facts = pathFacts(sourceCode, replay, handler);
      const trigger = triggerOf(ctx, facts, facts.guards, handler);
      if (!trigger) continue;
      const events = pathWrites(ctx, facts.statements, facts.guards, null);
      paths.push({ kind: 'replay', node: replay, region: handler, trigger, verdict: judge(ctx, facts.guards, events), guards: facts.guards });
    }
  }
  return paths;
}

// ---------------------------------------------------------------------------------------------------
// Client hooks: ky `afterResponse`, ofetch `onResponse` / `onResponseError`

/** The functions a hook option registers: a list of them (ky, ofetch) or one function (ofetch). */
function hookFunctions(sourceCode: SourceCode, value: TSESTree.Node | null): FunctionNode[] {
  const target = value ? unwrap(value) : null;
  if (!target) return [];
  const items = target.type === AST_NODE_TYPES.ArrayExpression ? target.elements : [target];
  return items.flatMap((item) => {
    const fn = item && item.type !== AST_NODE_TYPES.SpreadElement ? functionValue(sourceCode, item) : null;
    return fn ? [fn] : [];
  });
}

/**
 * Client hooks that send the request they were given again through a client that runs the same hooks:
 *
 * - ky `afterResponse` hooks replaying through the client that owns them (`api(request, options)`):
 *   the replay runs the same hooks with that request and those options, so it is the hook calling
 *   itself, judged as recursion (the third parameter, the response, is made anew). A replay through
 *   another client cannot come back: the bare `ky` (`return ky(request)`, as ky's documentation
 *   writes it) has no hooks.
 * - ofetch `onResponse` / `onResponseError` hooks (see `ofetchHookRetries`).
 */
export function hookRetries(sourceCode: SourceCode): RetryPath[] {
  if (!mayTriggerRetry(sourceCode)) return [];
  const paths: RetryPath[] = [];
  for (const client of httpModel(sourceCode).clients) {
    if (client.library === 'ofetch') paths.push(...ofetchHookRetries(sourceCode, client));
    if (client.library !== 'ky') continue;
    const hooks = propertyValue(client.options, 'hooks');
    for (const hook of hookFunctions(sourceCode, propertyValue(hooks ? objectLiteralOf(sourceCode, hooks) : null, 'afterResponse'))) {
      const request = hook.params[0];
      const requestVariable = request?.type === AST_NODE_TYPES.Identifier ? sourceCode.getDeclaredVariables(hook).find((variable) => variable.name === request.name) : null;
      if (!requestVariable) continue;
      const replays = client.calls
        .map((httpCall) => httpCall.node)
        .filter((call) => {
          const [first] = call.arguments;
          return contains(hook.body, call) && first?.type === AST_NODE_TYPES.Identifier && variableOf(sourceCode, first) === requestVariable;
        });
      for (const replay of replays) {
        const ctx: Context = {
          sourceCode,
          kind: 'recursion',
          region: hook,
          freshRange: hook.range,
          fn: hook,
          errorVariable: null,
          reentry: replay,
          isReentry: (other) => replays.includes(other),
          // ky fills the request and the options from the replay; the response is the new one.
          freshParameter: (variable) => hook.params.findIndex((parameter) => parameter.type === AST_NODE_TYPES.Identifier && parameter.name === variable.name) >= 2,
        };
        const path = hookPath(ctx, replay, hook, null);
        if (path) paths.push(path);
      }
    }
  }
  return paths;
}

/** The path of a replay in a hook, when something on it can set off a retry. */
function hookPath(ctx: Context, replay: TSESTree.CallExpression, hook: FunctionNode, handler: FunctionNode | null): RetryPath | null {
  const facts = pathFacts(ctx.sourceCode, replay, hook);
  const trigger = triggerOf(ctx, facts, facts.guards, handler);
  if (!trigger) return null;
  const events = pathWrites(ctx, facts.statements, facts.guards, null);
  return { kind: 'replay', node: replay, region: hook, trigger, verdict: judge(ctx, facts.guards, events), guards: facts.guards };
}

/** The ofetch hooks a replay inside them comes back to. */
const OFETCH_RESPONSE_HOOKS = ['onResponse', 'onResponseError'];

/**
 * ofetch `onResponse` / `onResponseError` hooks of an `ofetch.create` client (`{ request, options,
 * response }`, or one context parameter) that send `request` again through the client that owns them,
 * or through any ofetch function given the context's `options` (ofetch resolves a client's hooks into
 * the options it hands its hooks, so they come along). Either way the replay runs the same hook, so it
 * is judged as an interceptor's replay: a flag set on the options it carries, checked with the expired
 * test, bounds it. A hook's return value is ignored, so the replay cannot answer the failed request;
 * it still goes round while the session stays expired. ofetch's own `retry` with `retryStatusCodes`
 * is a count and is not looked at here.
 */
function ofetchHookRetries(sourceCode: SourceCode, client: HttpClient): RetryPath[] {
  const paths: RetryPath[] = [];
  const model = httpModel(sourceCode);
  for (const name of OFETCH_RESPONSE_HOOKS) {
    for (const hook of hookFunctions(sourceCode, propertyValue(client.options, name))) {
      const parameter = hook.params[0];
      const declared = sourceCode.getDeclaredVariables(hook);
      const named = (key: string): Variable | null => {
        if (parameter?.type !== AST_NODE_TYPES.ObjectPattern) return null;
        const property = parameter.properties.find((item): item is TSESTree.Property => item.type === AST_NODE_TYPES.Property && staticKeyName(item.key, item.computed) === key);
        const value = property?.value;
        return value?.type === AST_NODE_TYPES.Identifier ? (declared.find((variable) => variable.name === value.name) ?? null) : null;
      };
      const contextVariable = parameter?.type === AST_NODE_TYPES.Identifier ? (declared.find((variable) => variable.name === parameter.name) ?? null) : null;
      const requestVariable = named('request');
      const optionsVariable = named('options');
      if (!contextVariable && !requestVariable) continue;
      const isRequest = (node: TSESTree.Node | undefined): boolean => {
        const target = node && node.type !== AST_NODE_TYPES.SpreadElement ? unwrap(node) : null;
        if (target?.type === AST_NODE_TYPES.Identifier) return requestVariable !== null && variableOf(sourceCode, target) === requestVariable;
        if (target?.type !== AST_NODE_TYPES.MemberExpression || memberName(target) !== 'request') return false;
        const object = unwrap(target.object);
        return contextVariable !== null && object.type === AST_NODE_TYPES.Identifier && variableOf(sourceCode, object) === contextVariable;
      };
      const ctxFor = (replay: TSESTree.CallExpression, replays: readonly TSESTree.CallExpression[]): Context => ({
        sourceCode,
        kind: 'replay',
        region: hook,
        freshRange: hook.range,
        fn: null,
        errorVariable: contextVariable,
        configVariable: optionsVariable,
        configField: 'options',
        configArgument: 1,
        reentry: replay,
        isReentry: (other) => replays.includes(other),
      });
      const candidates = model.calls.filter((httpCall) => httpCall.library === 'ofetch' && contains(hook.body, httpCall.node) && isRequest(httpCall.node.arguments[0]));
      const replays = candidates
        .filter((httpCall) => {
          if (httpCall.client === client) return true;
          const options = httpCall.node.arguments[1];
          return options !== undefined && options.type !== AST_NODE_TYPES.SpreadElement && carriesConfig(ctxFor(httpCall.node, []), options);
        })
        .map((httpCall) => httpCall.node);
      for (const replay of replays) {
        // ofetch calls `onResponseError` only for a failed response: a refresh there is a catch-all's.
        const path = hookPath(ctxFor(replay, replays), replay, hook, name === 'onResponseError' ? hook : null);
        if (path) paths.push(path);
      }
    }
  }
  return paths;
}

// ---------------------------------------------------------------------------------------------------
// Retry libraries

const { ReferenceTracker } = ASTUtils;
const { CALL } = ReferenceTracker;

type LibraryKind = 'p-retry' | 'async-retry' | 'retry-operation';
type TraceMap = Record<string, unknown>;

function traced(kind: LibraryKind): TraceMap {
  return { [CALL]: kind } as unknown as TraceMap;
}

const LIBRARY_MAP: TraceMap = {
  'p-retry': { ...traced('p-retry'), default: traced('p-retry') },
  'async-retry': { ...traced('async-retry'), default: traced('async-retry') },
  retry: { operation: traced('retry-operation'), default: { operation: traced('retry-operation') } },
};

/** Calls that do not refresh anything: logging, waiting, rejecting, aborting. */
const NOT_A_REFRESH = /^(?:sleep|delay|wait|setTimeout|setImmediate|bail|reject|resolve|abort|log|info|warn|error|debug|trace)$/u;

function calleeName(call: TSESTree.CallExpression): string | null {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : null;
}

function mayRefresh(call: TSESTree.CallExpression): boolean {
  const name = calleeName(call);
  if (name !== null && NOT_A_REFRESH.test(name)) return false;
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrap(callee.object);
    if (object.type === AST_NODE_TYPES.Identifier && /^(?:console|logger|log|Promise)$/u.test(object.name)) return false;
  }
  return true;
}

function handlerContext(sourceCode: SourceCode, handler: FunctionNode): Context {
  return { sourceCode, kind: 'handler', region: handler, freshRange: handler.range, fn: null, errorVariable: null, reentry: null, isReentry: () => false };
}

/** Are all guards on a path in a handler either expired checks or checks of fresh values (no attempt counters)? */
function onlyFreshGuards(ctx: Context, guards: readonly Guard[]): boolean {
  return expandGuards(ctx, guards).every(
    (guard) => guard.kind === 'case' || sessionExpiredTest(ctx.sourceCode, guard.test) !== null || readsVerdict(ctx, guard.test, []) === 'not-bound',
  );
}

/** A failure handler (`onFailedAttempt`, `onRetry`) that refreshes on an expired session and never throws. */
function refreshingFailureHandler(sourceCode: SourceCode, handler: FunctionNode): boolean {
  let throws = false;
  const calls: TSESTree.CallExpression[] = [];
  walk(sourceCode, handler.body, (child) => {
    if (child !== handler.body && isFunctionNode(child)) return false;
    if (child.type === AST_NODE_TYPES.ThrowStatement) throws = true;
    if (child.type === AST_NODE_TYPES.CallExpression) calls.push(child);
    return undefined;
  });
  if (throws) return false;
  const ctx = handlerContext(sourceCode, handler);
  return calls.some((call) => {
    if (!mayRefresh(call)) return false;
    const facts = pathFacts(sourceCode, call, handler);
    return expiredTrigger(ctx, facts.guards) !== null && onlyFreshGuards(ctx, facts.guards);
  });
}

function isAbort(argument: TSESTree.Node | null | undefined): boolean {
  const target = argument ? unwrap(argument) : null;
  if (target?.type !== AST_NODE_TYPES.NewExpression) return false;
  const callee = unwrap(target.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : null;
  return name === 'AbortError';
}

/** A retried function that, on an expired session, refreshes and then throws (so the library tries again). */
function refreshingAttempt(sourceCode: SourceCode, fn: FunctionNode): boolean {
  const ctx = handlerContext(sourceCode, fn);
  let found = false;
  walk(sourceCode, fn.body, (child) => {
    if (found) return false;
    if (child !== fn.body && isFunctionNode(child)) return false;
    if (child.type !== AST_NODE_TYPES.ThrowStatement || isAbort(child.argument)) return undefined;
    const facts = pathFacts(sourceCode, child, fn);
    if (expiredTrigger(ctx, facts.guards) && onlyFreshGuards(ctx, facts.guards) && callsBefore(sourceCode, facts).some(mayRefresh)) found = true;
    return undefined;
  });
  return found;
}

/** The option that makes a retry library retry forever (`forever: true`, `retries: Infinity`). */
function foreverOption(sourceCode: SourceCode, options: TSESTree.ObjectExpression | null): TSESTree.Property | null {
  if (!options) return null;
  if (findProperty(options, 'maxRetryTime') || findProperty(options, 'shouldRetry') || findProperty(options, 'retryIf')) return null;
  const forever = findProperty(options, 'forever');
  if (forever && forever.value.type !== AST_NODE_TYPES.AssignmentPattern && staticValue(sourceCode, forever.value)?.value === true) return forever;
  const retries = findProperty(options, 'retries');
  if (retries && retries.value.type !== AST_NODE_TYPES.AssignmentPattern && staticValue(sourceCode, retries.value)?.value === Infinity) return retries;
  return null;
}

function argumentAt(call: TSESTree.CallExpression, index: number): TSESTree.Expression | null {
  const value = call.arguments[index];
  return value && value.type !== AST_NODE_TYPES.SpreadElement ? value : null;
}

/** For `const op = retry.operation(…)`, the functions handed to `op.attempt(…)` that also call `op.retry(…)`. */
function operationAttempts(sourceCode: SourceCode, creation: TSESTree.CallExpression): FunctionNode[] {
  const declarator = creation.parent;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = variableOf(sourceCode, declarator.id);
  const attempts: FunctionNode[] = [];
  for (const reference of variable?.references ?? []) {
    const member = reference.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || memberName(member) !== 'attempt') continue;
    const call = member.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) continue;
    const fn = functionValue(sourceCode, argumentAt(call, 0));
    if (!fn) continue;
    const retriesHere = variable!.references.some((other) => {
      const retry = other.identifier.parent;
      return retry !== undefined && retry.type === AST_NODE_TYPES.MemberExpression && memberName(retry) === 'retry' && inRange(fn.range, retry);
    });
    if (retriesHere) attempts.push(fn);
  }
  return attempts;
}

/** p-retry, async-retry and `retry.operation` set to retry forever while their handler refreshes on an expired session. */
export function libraryRetries(sourceCode: SourceCode): RetryPath[] {
  const globalScope = sourceCode.scopeManager?.globalScope;
  // Every library retry this reports refreshes behind an expired check: the trigger's first look says.
  if (!mayTriggerRetry(sourceCode)) return [];
  if (!globalScope) return [];
  const tracker = new ReferenceTracker(globalScopeFor(globalScope, REQUIRE_NAMES), { mode: 'legacy' });
  const found = [...tracker.iterateCjsReferences<LibraryKind>(LIBRARY_MAP as never), ...tracker.iterateEsmReferences<LibraryKind>(LIBRARY_MAP as never)];
  const paths: RetryPath[] = [];
  const seen = new Set<TSESTree.Node>();
  for (const { node, info } of found) {
    if (node.type !== AST_NODE_TYPES.CallExpression || seen.has(node)) continue;
    seen.add(node);
    const optionsArgument = argumentAt(node, info === 'retry-operation' ? 0 : 1);
    const options = optionsArgument ? objectLiteralOf(sourceCode, optionsArgument) : null;
    const option = foreverOption(sourceCode, options);
    if (!option || !options) continue;
    let refreshes: boolean;
    if (info === 'retry-operation') {
      refreshes = operationAttempts(sourceCode, node).some((fn) => {
        const ctx = handlerContext(sourceCode, fn);
        let hit = false;
        walk(sourceCode, fn.body, (child) => {
          if (hit || (child !== fn.body && isFunctionNode(child))) return false;
          if (child.type === AST_NODE_TYPES.CallExpression && mayRefresh(child)) {
            const facts = pathFacts(sourceCode, child, fn);
            if (expiredTrigger(ctx, facts.guards) && onlyFreshGuards(ctx, facts.guards)) hit = true;
          }
          return undefined;
        });
        return hit;
      });
    } else {
      const handlerName = info === 'p-retry' ? 'onFailedAttempt' : 'onRetry';
      const handler = functionValue(sourceCode, propertyValue(options, handlerName));
      const attempt = functionValue(sourceCode, argumentAt(node, 0));
      refreshes = (handler !== null && refreshingFailureHandler(sourceCode, handler)) || (attempt !== null && refreshingAttempt(sourceCode, attempt));
    }
    if (!refreshes) continue;
    paths.push({ kind: 'library', node: option, region: node, trigger: { kind: 'refresh', call: node }, verdict: 'unbounded', guards: [] });
  }
  return paths;
}
