/**
 * A Lambda REQUEST authorizer on `$connect`, as API Gateway runs one for a WebSocket API (reference
 * §3.5 and §4; AWS: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html).
 * Pure functions: which identity source is missing, the authorizer's input event, and what its
 * answer means for the handshake. The emulator core does the invoking.
 */
import type { ConnectionContext, WebSocketEvent } from './events.ts';
import { connectEvent, type HandshakeRequest } from './events.ts';

/** What the route's `authorizer` setting says. */
export interface AuthorizerSettings {
  /**
   * Where the identity comes from: `route.request.header.{Name}` (case-insensitive, as HTTP
   * headers are) and `route.request.querystring.{name}`. Each must be present and non-empty.
   */
  identitySource: string[];
}

/** The authorizer's input: `type`, `methodArn` and `stageVariables` beside a `$connect`-like request. */
export interface AuthorizerEvent extends WebSocketEvent {
  type: 'REQUEST';
  methodArn: string;
  stageVariables: Record<string, string>;
}

/** What the authorizer may put in its `context`. */
type AuthorizerContext = Record<string, string | number | boolean>;

export type AuthorizationDecision =
  /** `context`: what `requestContext.authorizer` holds on `$connect` and every later event of the connection. */
  | { allow: true; context: Record<string, string> }
  | { allow: false; status: 401 | 403 | 500; reason: string };

const SOURCE = /^route\.request\.(header|querystring)\.(.+)$/;

/** Throws for an identity source the emulator cannot read, so a typo fails at start-up, not at connect. */
export function checkIdentitySources(identitySource: string[], where: string): void {
  for (const source of identitySource) {
    if (!SOURCE.test(source)) {
      throw new Error(`${where}: identity source "${source}" is not route.request.header.<Name> or route.request.querystring.<name>`);
    }
  }
}

/**
 * The first identity source the handshake lacks, or null. AWS answers 401 without invoking the
 * authorizer then; AWS's WebSocket page shows the 401, and that it is given without an invocation
 * is what AWS documents for REST REQUEST authorizers (UNCONFIRMED for WebSocket, §4).
 */
/**
 * The first identity source that is missing or empty, or null. Headers are those of the authorizer's
 * event: what the client sent and what API Gateway adds (`X-Forwarded-Proto` and the rest), so an
 * identity source on one of those is there, as on AWS.
 */
export function missingIdentitySource(identitySource: string[], event: Pick<AuthorizerEvent, 'headers' | 'queryStringParameters'>): string | null {
  const headers = new Map(Object.entries(event.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  for (const source of identitySource) {
    const [, where, name = ''] = SOURCE.exec(source) ?? [];
    const value = where === 'header' ? headers.get(name.toLowerCase()) : event.queryStringParameters?.[name];
    if (value === undefined || value === null || value.trim() === '') return source;
  }
  return null;
}

/** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect` (AUTH). */
export function connectMethodArn(region: string, accountId: string, apiId: string, stage: string): string {
  return `arn:aws:execute-api:${region}:${accountId}:${apiId}/${stage}/$connect`;
}

/**
 * The REQUEST authorizer's input (§3.5): the handshake's headers including `Connection`,
 * `Upgrade` and `content-length`, which integration events leave out; the query string;
 * `stageVariables: {}`; and a request context whose identity is only the source IP.
 */
export function authorizerEvent(connection: ConnectionContext, request: HandshakeRequest, methodArn: string, now = Date.now()): AuthorizerEvent {
  const base = connectEvent({ ...connection, userAgent: undefined, authorizer: undefined }, request, now);
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i] as string;
    if (name.toLowerCase() === 'connection' || name.toLowerCase() === 'upgrade') (multiValueHeaders[name] ??= []).push(request.rawHeaders[i + 1] as string);
  }
  multiValueHeaders['content-length'] = ['0'];
  Object.assign(multiValueHeaders, base.multiValueHeaders);
  const headers = Object.fromEntries(Object.entries(multiValueHeaders).map(([name, values]) => [name, values.at(-1) ?? '']));
  const { queryStringParameters, multiValueQueryStringParameters, requestContext } = base;
  return {
    type: 'REQUEST',
    methodArn,
    headers,
    multiValueHeaders,
    ...(queryStringParameters ? { queryStringParameters, multiValueQueryStringParameters } : {}),
    stageVariables: {},
    requestContext,
    isBase64Encoded: false,
  };
}

/**
 * What the authorizer's outcome means for the handshake, as for REST API Lambda authorizers
 * (§4; the 401/403 split is [L] in the reference):
 * - it threw "Unauthorized" (or called back with it): 401;
 * - it threw anything else, timed out, or returned something that is not a policy: 500;
 * - its policy denies `methodArn` explicitly, or allows nothing that matches: 403;
 * - it allows `methodArn`: the connection goes on to `$connect`, with `principalId` and
 *   `context` as `requestContext.authorizer`.
 */
export function decideAuthorization(
  outcome: { ok: true; result: unknown } | { ok: false; error?: { message: string } },
  methodArn: string,
): AuthorizationDecision {
  if (!outcome.ok) {
    if (outcome.error?.message === 'Unauthorized') return { allow: false, status: 401, reason: 'the authorizer answered Unauthorized' };
    return { allow: false, status: 500, reason: `the authorizer failed${outcome.error ? `: ${outcome.error.message}` : ''}` };
  }
  const response = outcome.result;
  if (typeof response !== 'object' || response === null) return { allow: false, status: 500, reason: 'the authorizer returned no policy' };
  const { principalId, policyDocument, context } = response as Record<string, unknown>;
  const statements = policyStatements(policyDocument);
  if (statements === null) return { allow: false, status: 500, reason: 'the authorizer returned no valid policyDocument' };
  const authorizerContext = contextValues(context);
  if (authorizerContext === null) {
    return { allow: false, status: 500, reason: 'the authorizer context holds a value that is not a string, number or boolean' };
  }
  const applying = statements.filter((statement) => statement.actions.some(actionMatches) && statement.resources.some((resource) => wildcardMatches(resource, methodArn)));
  if (applying.some((statement) => statement.effect === 'Deny')) return { allow: false, status: 403, reason: `the policy denies ${methodArn}` };
  if (!applying.some((statement) => statement.effect === 'Allow')) return { allow: false, status: 403, reason: `the policy allows nothing that matches ${methodArn}` };
  // Later events carry the values as strings (§3.1, after VARS: [M]).
  const values: Record<string, string> = Object.fromEntries(Object.entries(authorizerContext).map(([key, value]) => [key, String(value)]));
  if (principalId !== undefined && principalId !== null) values.principalId = String(principalId);
  return { allow: true, context: values };
}

interface Statement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources: string[];
}

function policyStatements(document: unknown): Statement[] | null {
  if (typeof document !== 'object' || document === null) return null;
  const raw = (document as Record<string, unknown>).Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const statements: Statement[] = [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null) return null;
    const { Effect, Action, Resource } = item as Record<string, unknown>;
    if (Effect !== 'Allow' && Effect !== 'Deny') return null;
    statements.push({ effect: Effect, actions: stringList(Action), resources: stringList(Resource) });
  }
  return statements;
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function actionMatches(action: string): boolean {
  return wildcardMatches(action.toLowerCase(), 'execute-api:invoke');
}

/** IAM's wildcards in actions and ARNs: `*` any run of characters, `?` any one. */
export function wildcardMatches(pattern: string, text: string): boolean {
  const expression = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${expression}$`).test(text);
}

/** The authorizer's `context`: string, number and boolean values only, as AWS requires. */
function contextValues(context: unknown): AuthorizerContext | null {
  if (context === undefined || context === null) return {};
  if (typeof context !== 'object' || Array.isArray(context)) return null;
  const result: AuthorizerContext = {};
  for (const [key, value] of Object.entries(context)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return null;
    result[key] = value;
  }
  return result;
}

/** A header from Node-style raw headers (name, value, name, value…), by case-insensitive name. */
export function headerValue(rawHeaders: string[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if ((rawHeaders[i] as string).toLowerCase() === wanted) return rawHeaders[i + 1];
  }
  return undefined;
}
