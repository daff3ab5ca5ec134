/**
 * Route selection as API Gateway does it for WebSocket APIs.
 *
 * Follows reference section 5.1 and
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html
 * Pure: no Node imports, so the site and the tests can share it.
 */
import { readPath } from './read-path.ts';

/** Why a message went to the route it went to. */
export type SelectionReason =
  /** The expression's value equals a custom route key. */
  | 'matched'
  /** The body is not a JSON object, so only `$default` can take it. */
  | 'not-json'
  /** The body is JSON but the value names no route. */
  | 'no-match';

export interface RouteSelection {
  /** The chosen route key, or `null` when nothing matches and there is no `$default` (a "Forbidden" frame). */
  routeKey: string | null;
  /** What the selection expression evaluated to; `null` when the body was not JSON. */
  value: string | null;
  reason: SelectionReason;
}

const RESERVED_ROUTE_KEYS = new Set(['$connect', '$disconnect', '$default']);

/** Chooses the route for one incoming text message. */
export function selectRoute(
  expression: string,
  body: string,
  routeKeys: Iterable<string>,
): RouteSelection {
  const keys = new Set(routeKeys);
  const fallback = keys.has('$default') ? '$default' : null;
  const parsed = parseJsonObject(body);
  if (parsed === undefined) {
    return { routeKey: fallback, value: null, reason: 'not-json' };
  }
  const value = evaluateSelectionExpression(expression, parsed);
  // Matching is an exact string comparison, and custom keys never start with `$`.
  if (keys.has(value) && !RESERVED_ROUTE_KEYS.has(value)) {
    return { routeKey: value, value, reason: 'matched' };
  }
  return { routeKey: fallback, value, reason: 'no-match' };
}

/**
 * Evaluates `$request.body.a.b` or a template such as `${request.body.service}/${request.body.action}`.
 * A path that does not resolve becomes "", as the AWS docs describe.
 */
export function evaluateSelectionExpression(expression: string, body: unknown): string {
  const whole = /^\$request\.body\.(.+)$/.exec(expression);
  if (whole?.[1] !== undefined && !expression.includes('${')) {
    return stringifySelected(readPath(body, whole[1]));
  }
  return expression.replace(/\$\{request\.body\.([^}]+)\}/g, (_match, path: string) =>
    stringifySelected(readPath(body, path)),
  );
}

function parseJsonObject(body: string): unknown {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}


// The AWS docs show an array selected as "[item1, item2]": not JSON, just the items joined.
function stringifySelected(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return `[${value.map(stringifySelected).join(', ')}]`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
