/**
 * What a template that deploys the sample backend must hold, whichever tool wrote it: osls from
 * serverless.yml (test/integration/sample-package.test.ts) or the CDK app
 * (test/integration/sample-cdk.test.ts). The checks read the template by what resources mean
 * (a function's name, the tables it may touch), not by logical ids, which each tool names its own way.
 */
import { describe, expect, it } from 'vitest';

export interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}
export interface Template {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: unknown }>;
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const SERVICE = 'apigw-websocket-tutorial';

/** What each handler calls (beside writing its own log), by function key. */
export const SAMPLE_PERMISSIONS: Record<string, { connections: string[]; events: string[]; replies: boolean }> = {
  connect: { connections: ['dynamodb:PutItem'], events: ['dynamodb:PutItem'], replies: false },
  disconnect: { connections: ['dynamodb:DeleteItem'], events: [], replies: false },
  default: { connections: [], events: ['dynamodb:PutItem'], replies: true },
  whoami: { connections: [], events: ['dynamodb:PutItem'], replies: true },
  broadcast: { connections: ['dynamodb:DeleteItem', 'dynamodb:Scan', 'dynamodb:UpdateItem'], events: ['dynamodb:PutItem'], replies: true },
  push: { connections: [], events: ['dynamodb:PutItem'], replies: true },
  inspect: { connections: [], events: ['dynamodb:PutItem', 'dynamodb:Query'], replies: true },
  ping: { connections: [], events: [], replies: false },
  time: { connections: [], events: ['dynamodb:PutItem'], replies: false },
};

const ofType = (template: Template, type: string) => Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
const refTo = (value: unknown): string | undefined => {
  const object = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return object?.Ref ?? object?.['Fn::GetAtt']?.[0];
};
/** Every resource a value refers to, however deep (pseudo parameters such as AWS::Region left out). */
const referencedIds = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (typeof value !== 'object' || value === null) return [];
  const own = refTo(value);
  return [...(own && !own.startsWith('AWS::') ? [own] : []), ...Object.values(value).flatMap(referencedIds)];
};

function functionLogicalId(template: Template, key: string, stage: string): string {
  const found = ofType(template, 'AWS::Lambda::Function').find(([, fn]) => fn.Properties.FunctionName === `${SERVICE}-${stage}-${key}`);
  if (!found) throw new Error(`no function named ${SERVICE}-${stage}-${key}`);
  return found[0];
}

/** The statements of a function's role: its inline policies and any AWS::IAM::Policy attached to it. */
function statementsOf(template: Template, functionId: string): Statement[] {
  const roleId = refTo(template.Resources[functionId]?.Properties.Role) as string;
  const inline = ((template.Resources[roleId]?.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap((policy) => policy.PolicyDocument.Statement);
  const attached = ofType(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties.Roles as unknown[]).some((role) => refTo(role) === roleId))
    .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  return [...inline, ...attached];
}

const tableNamed = (template: Template, id: string) => template.Resources[id]?.Properties.TableName as string | undefined;
const logGroupOf = (template: Template, functionName: string) =>
  ofType(template, 'AWS::Logs::LogGroup').find(([, group]) => group.Properties.LogGroupName === `/aws/lambda/${functionName}`);

/** Registers the checks on the template `load()` returns (call it once the template is made), for stage `stage`. */
export function describeDeployedSample(label: string, load: () => Template, stage: string): void {
  describe(`${label}: the sample backend as CloudFormation`, () => {
    const template = () => load();

    it('creates one WebSocket API routed by $request.body.action', () => {
      expect(ofType(template(), 'AWS::ApiGatewayV2::Api').map(([, api]) => api.Properties)).toEqual([
        expect.objectContaining({ ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action', Name: `${SERVICE}-${stage}` }),
      ]);
    });

    it('has every route, each to its own function, and a route response only on the two-way route', () => {
      const t = template();
      const routes = ofType(t, 'AWS::ApiGatewayV2::Route');
      expect(routes.map(([, route]) => route.Properties.RouteKey).sort()).toEqual(['$connect', '$default', '$disconnect', 'broadcast', 'inspect', 'ping', 'push', 'time', 'whoami']);
      const responses = ofType(t, 'AWS::ApiGatewayV2::RouteResponse').map(([, response]) => response.Properties);
      expect(responses.map((response) => response.RouteResponseKey)).toEqual(['$default']);
      const twoWayRouteId = routes.find(([, route]) => route.Properties.RouteKey === 'time')?.[0];
      expect(referencedIds(responses[0]?.RouteId)).toEqual([twoWayRouteId]);
      // Each integration calls one of the nine functions.
      const integrated = ofType(t, 'AWS::ApiGatewayV2::Integration').flatMap(([, integration]) => referencedIds(integration.Properties.IntegrationUri)).filter((id) => t.Resources[id]?.Type === 'AWS::Lambda::Function');
      expect(new Set(integrated).size).toBe(9);
    });

    it('throttles every route: 50 requests per second, burst 100, as DefaultRouteSettings', () => {
      expect(ofType(template(), 'AWS::ApiGatewayV2::Stage').map(([, s]) => s.Properties)).toEqual([
        expect.objectContaining({ StageName: stage, DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 } }),
      ]);
    });

    it('keeps connections and events in PAY_PER_REQUEST tables with TTL', () => {
      const tables = Object.fromEntries(ofType(template(), 'AWS::DynamoDB::Table').map(([, table]) => [table.Properties.TableName, table.Properties]));
      expect(tables[`${SERVICE}-${stage}-connections`]).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'connectionId', KeyType: 'HASH' }],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      });
      expect(tables[`${SERVICE}-${stage}-events`]).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'connectionId', KeyType: 'HASH' }, { AttributeName: 'at', KeyType: 'RANGE' }],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      });
    });

    it('runs nine functions on nodejs24.x, arm64, with their tables named in the environment and 14-day logs', () => {
      const t = template();
      const functions = ofType(t, 'AWS::Lambda::Function');
      expect(functions).toHaveLength(9);
      for (const [, fn] of functions) {
        expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Timeout: 10 });
        const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
        expect([variables.CONNECTIONS_TABLE, variables.EVENTS_TABLE].map((value) => (typeof value === 'string' ? value : tableNamed(t, refTo(value) as string)))).toEqual([
          `${SERVICE}-${stage}-connections`,
          `${SERVICE}-${stage}-events`,
        ]);
        expect(logGroupOf(t, fn.Properties.FunctionName as string)?.[1].Properties.RetentionInDays).toBe(14);
      }
      const roles = functions.map(([, fn]) => refTo(fn.Properties.Role));
      expect(new Set(roles).size).toBe(9);
    });

    it.each(Object.entries(SAMPLE_PERMISSIONS))('lets %s do only what its handler calls', (key, expected) => {
      const t = template();
      const functionId = functionLogicalId(t, key, stage);
      const statements = statementsOf(t, functionId);
      expect(statements.every((statement) => statement.Effect === 'Allow')).toBe(true);
      const granted = (tableName: string) =>
        statements.filter((statement) => referencedIds(statement.Resource).some((id) => tableNamed(t, id) === tableName)).flatMap((statement) => [statement.Action].flat()).sort();
      expect(granted(`${SERVICE}-${stage}-connections`)).toEqual(expected.connections);
      expect(granted(`${SERVICE}-${stage}-events`)).toEqual(expected.events);
      // Logs: its own log group, nothing else.
      const ownLogGroup = logGroupOf(t, `${SERVICE}-${stage}-${key}`)?.[0];
      const logs = statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('logs:')));
      expect(logs.flatMap((statement) => [statement.Action].flat()).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      expect(new Set(logs.flatMap((statement) => referencedIds(statement.Resource)))).toEqual(new Set([ownLogGroup]));
      // @connections: only this API's own stage, and only for functions that reply.
      const manage = statements.filter((statement) => [statement.Action].flat().includes('execute-api:ManageConnections'));
      expect(manage.length > 0).toBe(expected.replies);
      const apiId = ofType(t, 'AWS::ApiGatewayV2::Api')[0]?.[0];
      for (const statement of manage) {
        expect(referencedIds(statement.Resource)).toContain(apiId);
        expect(JSON.stringify(statement.Resource)).toContain(`/${stage}/POST/@connections/*`);
      }
      const everyAction = statements.flatMap((statement) => [statement.Action].flat());
      expect(everyAction.filter((action) => !/^(logs:|dynamodb:|execute-api:ManageConnections$)/.test(action))).toEqual([]);
      expect(JSON.stringify(statements)).not.toMatch(/"Resource":"\*"|"\*"/);
    });

    it('lets only this API invoke each function (a SourceArn on every permission)', () => {
      const t = template();
      const apiId = ofType(t, 'AWS::ApiGatewayV2::Api')[0]?.[0];
      const permissions = ofType(t, 'AWS::Lambda::Permission').map(([, permission]) => permission.Properties);
      expect(permissions).toHaveLength(9);
      for (const permission of permissions) {
        expect(permission).toMatchObject({ Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' });
        expect(JSON.stringify(permission.SourceArn)).toContain('":execute-api:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":"');
        expect(referencedIds(permission.SourceArn)).toContain(apiId);
      }
    });

    it("outputs the wss:// URL, with the partition's DNS suffix", () => {
      const t = template();
      const apiId = ofType(t, 'AWS::ApiGatewayV2::Api')[0]?.[0];
      expect(t.Outputs?.WebSocketUrl?.Value).toEqual({ 'Fn::Join': ['', ['wss://', { Ref: apiId }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, `/${stage}`]] });
    });
  });
}
