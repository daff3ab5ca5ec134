/**
 * Why a message goes to the route it goes to, for the route explainer. The choice itself is the
 * emulator's own pure route selection (emulator/route-selection.ts, reference §5.1), so the
 * prediction and the emulator can never disagree about the rules; this module adds the details a
 * reader needs to see: which fields the expression read and why nothing matched.
 */
import { readPath } from '../../emulator/read-path.ts';
import { selectRoute } from '../../emulator/route-selection.ts';

export type RouteOutcome =
  /** The expression's value is a route key. */
  | 'matched'
  /** The body is not a JSON object or array, so the expression has nothing to read. */
  | 'not-json'
  /** The body is JSON, but none of the fields the expression reads is there. */
  | 'no-field'
  /** The value names no route. */
  | 'no-route'
  /** The value names one of API Gateway's own `$` routes, which a message can never select. */
  | 'reserved';

export interface RouteExplanation {
  /** The body parsed as JSON, or undefined when it is not JSON. */
  parsed: unknown;
  /** The body fields the expression reads (`[['action']]` for `$request.body.action`). */
  paths: string[][];
  /** What the expression evaluated to; null when the body was not JSON. */
  value: string | null;
  /** The route chosen; null when nothing matched and there is no `$default`: a `Forbidden` error frame. */
  routeKey: string | null;
  outcome: RouteOutcome;
  /** A route key equal to the value except for case, when there is one: matching is case-sensitive. */
  differsInCaseFrom: string | null;
}

const RESERVED = new Set(['$connect', '$disconnect', '$default']);

/** Explains how `expression` routes `body` among `routeKeys`. */
export function explainRoute(expression: string, body: string, routeKeys: readonly string[]): RouteExplanation {
  const selection = selectRoute(expression, body, routeKeys);
  const paths = selectionPaths(expression);
  const parsed = selection.reason === 'not-json' ? undefined : (JSON.parse(body) as unknown);
  let outcome: RouteOutcome;
  if (selection.reason === 'matched') outcome = 'matched';
  else if (selection.reason === 'not-json') outcome = 'not-json';
  else if (paths.length > 0 && paths.every((path) => readPath(parsed, path.join('.')) == null)) outcome = 'no-field';
  else if (selection.value !== null && RESERVED.has(selection.value)) outcome = 'reserved';
  else outcome = 'no-route';

  const value = selection.value;
  const differsInCaseFrom =
    outcome === 'no-route' && value !== null
      ? (routeKeys.find((key) => !RESERVED.has(key) && key !== value && key.toLowerCase() === value.toLowerCase()) ?? null)
      : null;
  return { parsed, paths, value, routeKey: selection.routeKey, outcome, differsInCaseFrom };
}

/**
 * The body fields a route selection expression reads: `$request.body.a.b` reads `a.b`;
 * a template such as `${request.body.service}/${request.body.action}` reads each `${…}`.
 */
export function selectionPaths(expression: string): string[][] {
  const whole = /^\$request\.body\.(.+)$/.exec(expression);
  if (whole?.[1] !== undefined && !expression.includes('${')) return [whole[1].split('.')];
  return [...expression.matchAll(/\$\{request\.body\.([^}]+)\}/g)].map((match) => (match[1] ?? '').split('.'));
}
