import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `serverless package` (osls) offline, and assertions on the CloudFormation it would deploy.
interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}
interface Packaged {
  folder: string;
  resources: Record<string, Resource>;
  outputs: Record<string, unknown>;
}

async function packageService(config: string): Promise<Packaged> {
  const folder = await mkdtemp(join(tmpdir(), 'sample-package-'));
  await promisify(execFile)(resolve('node_modules/.bin/serverless'), ['package', '--config', config, '--stage', 'ci', '--region', 'eu-west-1', '--package', folder], {
    cwd: resolve('sample-backend'),
    // Packaging needs no AWS account: make sure none is used.
    env: { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', SLS_TELEMETRY_DISABLED: '1' },
  });
  const template = JSON.parse(await readFile(join(folder, 'cloudformation-template-update-stack.json'), 'utf8')) as {
    Resources: Record<string, Resource>;
    Outputs: Record<string, unknown>;
  };
  return { folder, resources: template.Resources, outputs: template.Outputs };
}

let folder: string;
let resources: Record<string, Resource>;
let outputs: Record<string, unknown>;
let auth: Packaged;

beforeAll(async () => {
  // One after the other: each packaging bundles with esbuild on both cores.
  ({ folder, resources, outputs } = await packageService('serverless.yml'));
  auth = await packageService('serverless.auth.yml');
}, 180_000);

afterAll(async () => {
  for (const made of [folder, auth?.folder]) if (made) await rm(made, { recursive: true, force: true });
});

const ofType = (type: string) => Object.values(resources).filter((resource) => resource.Type === type);

describe('the sample backend as CloudFormation', () => {
  it('creates a WebSocket API routed by $request.body.action', () => {
    expect(ofType('AWS::ApiGatewayV2::Api').map((api) => api.Properties)).toEqual([
      expect.objectContaining({ ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action', Name: 'apigw-websocket-tutorial-ci' }),
    ]);
  });

  it('has every route, and a route response only on the two-way route', () => {
    const routeKeys = ofType('AWS::ApiGatewayV2::Route').map((route) => route.Properties.RouteKey).sort();
    expect(routeKeys).toEqual(['$connect', '$default', '$disconnect', 'broadcast', 'inspect', 'ping', 'push', 'time', 'whoami']);
    const twoWay = ofType('AWS::ApiGatewayV2::Route').filter((route) => route.Properties.RouteResponseSelectionExpression);
    expect(twoWay.map((route) => route.Properties.RouteKey)).toEqual(['time']);
    expect(ofType('AWS::ApiGatewayV2::RouteResponse').map((response) => response.Properties.RouteResponseKey)).toEqual(['$default']);
  });

  it('throttles the stage', () => {
    expect(ofType('AWS::ApiGatewayV2::Stage')[0]?.Properties).toMatchObject({
      StageName: 'ci',
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it('keeps connections and events in PAY_PER_REQUEST tables with TTL', () => {
    expect(resources.ConnectionsTable?.Properties).toMatchObject({
      TableName: 'apigw-websocket-tutorial-ci-connections',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'connectionId', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    expect(resources.EventsTable?.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'connectionId', KeyType: 'HASH' }, { AttributeName: 'at', KeyType: 'RANGE' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('grants least privilege: these tables only, and ManageConnections on this API only', () => {
    expect(resources).not.toHaveProperty('IamRoleLambdaExecution');
    const statements = (ofType('AWS::IAM::Role')
      .flatMap((role) => role.Properties.Policies as { PolicyDocument: { Statement: { Action: string[]; Resource: unknown[] }[] } }[])
      .flatMap((policy) => policy.PolicyDocument.Statement));
    const text = JSON.stringify(statements);
    expect(text).not.toContain('"*"');
    expect(text).not.toContain('execute-api:*:*');
    const dynamo = statements.find((statement) => statement.Action.some((action) => action.startsWith('dynamodb:')));
    expect(dynamo?.Resource).toEqual([{ 'Fn::GetAtt': ['ConnectionsTable', 'Arn'] }, { 'Fn::GetAtt': ['EventsTable', 'Arn'] }]);
    const manage = statements.filter((statement) => statement.Action.includes('execute-api:ManageConnections'));
    expect(manage).toHaveLength(1);
    expect(JSON.stringify(manage[0]?.Resource)).toContain('{"Ref":"WebsocketsApi"},"/ci/POST/@connections/*"');
    for (const fn of ofType('AWS::Lambda::Function')) expect(fn.Properties.Role).toEqual({ 'Fn::GetAtt': ['SampleLambdaRole', 'Arn'] });
  });

  it('uses a current Node.js runtime and sets log retention', () => {
    for (const fn of ofType('AWS::Lambda::Function')) expect(fn.Properties.Runtime).toBe('nodejs22.x');
    for (const group of ofType('AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays).toBe(14);
  });

  it('outputs the wss:// URL', () => {
    expect(JSON.stringify(outputs.WebSocketUrl)).toContain('"wss://"');
    expect(JSON.stringify(outputs.WebSocketUrl)).toContain('.amazonaws.com/ci');
  });

  it('bundles each handler small, with the AWS SDK left to the runtime', async () => {
    const zips = (await readdir(folder)).filter((file) => file.endsWith('.zip'));
    expect(zips).toHaveLength(9);
    for (const zip of zips) expect((await stat(join(folder, zip))).size).toBeLessThan(10 * 1024);
  });
});

describe("the authentication lesson's API as CloudFormation", () => {
  const ofAuthType = (type: string) => Object.values(auth.resources).filter((resource) => resource.Type === type);

  it('is a WebSocket API of its own', () => {
    expect(ofAuthType('AWS::ApiGatewayV2::Api').map((api) => api.Properties)).toEqual([
      expect.objectContaining({ ProtocolType: 'WEBSOCKET', Name: 'apigw-websocket-tutorial-auth-ci' }),
    ]);
  });

  it('has a Lambda REQUEST authorizer reading the token query parameter', () => {
    const authorizers = ofAuthType('AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    expect(authorizers[0]?.Properties).toMatchObject({ AuthorizerType: 'REQUEST', IdentitySource: ['route.request.querystring.token'] });
    expect(JSON.stringify(authorizers[0]?.Properties.AuthorizerUri)).toContain('"AuthorizeLambdaFunction","Arn"');
  });

  it('guards $connect with it, and only $connect', () => {
    const routes = ofAuthType('AWS::ApiGatewayV2::Route');
    expect(routes.map((route) => route.Properties.RouteKey).sort()).toEqual(['$connect', '$default']);
    const authorizerId = Object.entries(auth.resources).find(([, resource]) => resource.Type === 'AWS::ApiGatewayV2::Authorizer')?.[0];
    for (const route of routes) {
      if (route.Properties.RouteKey === '$connect') {
        expect(route.Properties).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId } });
      } else {
        expect(route.Properties.AuthorizationType).toBe('NONE');
      }
    }
  });

  it('lets API Gateway invoke the authorizer', () => {
    const permissions = ofAuthType('AWS::Lambda::Permission').map((permission) => permission.Properties);
    expect(permissions).toContainEqual(
      expect.objectContaining({ Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', FunctionName: { 'Fn::GetAtt': ['AuthorizeLambdaFunction', 'Arn'] } }),
    );
  });

  it('answers $default as a two-way route and takes allowed origins from the deploying shell', () => {
    const defaultRoute = ofAuthType('AWS::ApiGatewayV2::Route').find((route) => route.Properties.RouteKey === '$default');
    expect(defaultRoute?.Properties.RouteResponseSelectionExpression).toBe('$default');
    for (const fn of ofAuthType('AWS::Lambda::Function')) {
      expect(fn.Properties.Environment).toEqual({ Variables: { ALLOWED_ORIGINS: '' } });
    }
  });

  it('grants its functions nothing beyond their own logs', () => {
    expect(auth.resources).not.toHaveProperty('IamRoleLambdaExecution');
    for (const fn of ofAuthType('AWS::Lambda::Function')) expect(fn.Properties.Role).toEqual({ 'Fn::GetAtt': ['AuthLambdaRole', 'Arn'] });
    const statements = ofAuthType('AWS::IAM::Role').flatMap(
      (role) => (role.Properties.Policies as { PolicyDocument: { Statement: { Action: string[] }[] } }[]).flatMap((policy) => policy.PolicyDocument.Statement),
    );
    expect(statements.flatMap((statement) => statement.Action)).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
  });

  it('outputs its wss:// URL', () => {
    expect(JSON.stringify(auth.outputs.WebSocketUrl)).toContain('"wss://"');
    expect(JSON.stringify(auth.outputs.WebSocketUrl)).toContain('.amazonaws.com/ci');
  });
});
