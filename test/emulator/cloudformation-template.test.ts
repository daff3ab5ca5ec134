import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCloudFormationTemplate } from '../../emulator/cloudformation-template.ts';

const CHAT_APP = resolve('test/fixtures/outside/aws-samples-simple-websockets-chat-app/template.yaml');
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A template folder with `src/app.mjs` and the given Resources (YAML, indented by two). */
async function template(resources: string, extra = ''): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'cloudformation-template-'));
  folders.push(folder);
  await mkdir(join(folder, 'src'));
  await writeFile(join(folder, 'src', 'app.mjs'), 'export const handler = async () => ({ statusCode: 200 });\n');
  const file = join(folder, 'template.yaml');
  await writeFile(file, `AWSTemplateFormatVersion: "2010-09-09"\n${extra}Resources:\n${resources}`);
  return file;
}

const API = `  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: T, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.type }
  Fn:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src/, Handler: app.handler }
  Integ:
    Type: AWS::ApiGatewayV2::Integration
    Properties: { ApiId: !Ref Api, IntegrationType: AWS_PROXY, IntegrationUri: !Sub "arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations" }
`;
const route = (key: string, extra = '') => `  Route${key.replace(/\W/g, '')}:
    Type: AWS::ApiGatewayV2::Route
    Properties: { ApiId: !Ref Api, RouteKey: ${key}, Target: !Join [/, [integrations, !Ref Integ]]${extra} }
`;

describe('loadCloudFormationTemplate', () => {
  it('reads AWS\'s SAM chat sample: API, routes, stage, functions with CodeUri and Runtime, the table from a parameter', () => {
    const service = loadCloudFormationTemplate(CHAT_APP, { region: 'eu-west-1', apiId: 'abcdefghij' });
    expect(service).toMatchObject({ service: 'SimpleChatWebSocket', stage: 'Prod', region: 'eu-west-1', routeSelectionExpression: '$request.body.action' });
    expect(service.tables).toEqual([
      {
        logicalId: 'ConnectionsTable',
        TableName: 'simplechat_connections',
        KeySchema: [{ AttributeName: 'connectionId', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'connectionId', AttributeType: 'S' }],
        TimeToLiveAttribute: undefined,
      },
    ]);
    expect(service.functions.map((fn) => [fn.key, fn.routes, fn.runtime, fn.memorySize, fn.timeoutSeconds, fn.environment])).toEqual([
      ['OnConnectFunction', [{ routeKey: '$connect', twoWay: false }], 'nodejs20.x', 256, 3, { TABLE_NAME: 'simplechat_connections' }],
      ['OnDisconnectFunction', [{ routeKey: '$disconnect', twoWay: false }], 'nodejs20.x', 256, 3, { TABLE_NAME: 'simplechat_connections' }],
      ['SendMessageFunction', [{ routeKey: 'sendmessage', twoWay: false }], 'nodejs20.x', 256, 3, { TABLE_NAME: 'simplechat_connections' }],
    ]);
    expect(service.functions[0]?.handlerModule).toBe(resolve('test/fixtures/outside/aws-samples-simple-websockets-chat-app/onconnect/app.js'));
    expect(loadCloudFormationTemplate(CHAT_APP, { parameters: { TableName: 'other_table' } }).tables[0]?.TableName).toBe('other_table');
    expect(loadCloudFormationTemplate(CHAT_APP, { stage: 'local' }).stage).toBe('local');
  });

  it('makes a route two-way with a $default RouteResponse or a RouteResponseSelectionExpression', async () => {
    const file = await template(`${API}${route('$default')}${route('echo', ', RouteResponseSelectionExpression: $default')}  Reply:
    Type: AWS::ApiGatewayV2::RouteResponse
    Properties: { ApiId: !Ref Api, RouteId: !Ref Routedefault, RouteResponseKey: $default }
`);
    expect(loadCloudFormationTemplate(file).functions[0]?.routes).toEqual([
      { routeKey: '$default', twoWay: true },
      { routeKey: 'echo', twoWay: true },
    ]);
  });

  it('reads a REQUEST authorizer on $connect, SAM Globals, and names a table CloudFormation would name', async () => {
    const file = await template(
      `${API}${route('$connect', ', AuthorizationType: CUSTOM, AuthorizerId: !Ref Auth')}  Auth:
    Type: AWS::ApiGatewayV2::Authorizer
    Properties: { ApiId: !Ref Api, AuthorizerType: REQUEST, Name: auth, IdentitySource: [route.request.querystring.token], AuthorizerUri: !Sub "arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations" }
  Items:
    Type: AWS::DynamoDB::Table
    Properties: { KeySchema: [{ AttributeName: id, KeyType: HASH }], AttributeDefinitions: [{ AttributeName: id, AttributeType: S }] }
`,
      'Globals:\n  Function:\n    Runtime: nodejs22.x\n    Timeout: 9\n    Environment:\n      Variables:\n        TABLE: !Ref Items\n',
    );
    const service = loadCloudFormationTemplate(file);
    expect(service.connectAuthorizer).toEqual({ functionKey: 'Fn', identitySource: ['route.request.querystring.token'] });
    expect(service.functions[0]).toMatchObject({ runtime: 'nodejs22.x', timeoutSeconds: 9, environment: { TABLE: expect.stringMatching(/-Items$/) } });
    expect(service.stage).toBe('dev');
  });

  it.each([
    ['no WebSocket API', '  Fn:\n    Type: AWS::Serverless::Function\n    Properties: { CodeUri: src/, Handler: app.handler }\n', 'Resources: no AWS::ApiGatewayV2::Api with ProtocolType WEBSOCKET'],
    ['an integration that is not a Lambda proxy', API.replace('AWS_PROXY', 'HTTP_PROXY') + route('$default'), 'Resources.Integ.Properties.IntegrationType: is HTTP_PROXY; the emulator runs Lambda proxy (AWS_PROXY) integrations only'],
    ['code in S3', API.replace('CodeUri: src/', 'CodeUri: { Bucket: b, Key: k }') + route('$default'), 'Resources.Fn.Properties.CodeUri: points to code elsewhere (S3, ZipFile or an image)'],
    ['a function the integration does not name', API.replace('${Fn.Arn}', 'arn:aws:lambda:us-east-1:1:function:elsewhere') + route('$default'), 'Resources.Integ.Properties.IntegrationUri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:elsewhere/invocations" invokes no function of this template'],
    ['an authorizer on a message route', API + route('chat', ', AuthorizationType: CUSTOM, AuthorizerId: !Ref Api'), 'Resources.Routechat.Properties.AuthorizationType: API Gateway allows an authorizer only on the $connect route, not on chat'],
    ['IAM authorization', API + route('$connect', ', AuthorizationType: AWS_IAM'), 'Resources.Routeconnect.Properties.AuthorizationType: is AWS_IAM; the emulator runs NONE and CUSTOM'],
    ['a function it cannot evaluate', API.replace('Handler: app.handler', 'Handler: app.handler, Environment: { Variables: { X: !ImportValue shared } }') + route('$default'), 'Resources.Fn.Properties.Environment.Variables.X: Fn::ImportValue is not supported by the emulator'],
    ['a Ref to a resource it does not create', API.replace('Handler: app.handler', 'Handler: app.handler, Environment: { Variables: { Q: !Ref Queue } }') + route('$default') + '  Queue:\n    Type: AWS::SQS::Queue\n', 'Ref to Queue, a AWS::SQS::Queue the emulator does not create'],
  ])('names the resource and property for %s', async (_case, resources, message) => {
    const file = await template(resources);
    expect(() => loadCloudFormationTemplate(file)).toThrow(message);
  });

  it('asks for a parameter that has no default', async () => {
    const file = await template(API + route('$default'), 'Parameters:\n  Secret:\n    Type: String\n');
    expect(() => loadCloudFormationTemplate(file)).toThrow('Parameters.Secret: has no Default; give it with --param Secret=<value>');
    expect(() => loadCloudFormationTemplate(file, { parameters: { Secret: 's' } })).not.toThrow();
  });
});
