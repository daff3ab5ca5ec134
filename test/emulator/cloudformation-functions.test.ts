import { describe, expect, it } from 'vitest';
import { evaluateIntrinsics, type StackValues } from '../../emulator/cloudformation-functions.ts';

const stack: StackValues = {
  region: 'ap-northeast-1',
  accountId: '000000000000',
  stackName: 'chat-dev',
  resources: {
    WebsocketsApi: { type: 'AWS::ApiGatewayV2::Api', ref: 'k3x9q2m7pa', attributes: { ApiId: 'k3x9q2m7pa', ApiEndpoint: 'wss://k3x9q2m7pa.execute-api.ap-northeast-1.amazonaws.com' } },
    Connections: { type: 'AWS::DynamoDB::Table', ref: 'chat-dev-connections', attributes: { Arn: 'arn:aws:dynamodb:ap-northeast-1:000000000000:table/chat-dev-connections' } },
  },
  otherResources: { Topic: 'AWS::SNS::Topic' },
};
const ENDPOINT = 'https://k3x9q2m7pa.execute-api.ap-northeast-1.amazonaws.com/dev';

describe('evaluateIntrinsics', () => {
  it.each([
    ['Ref to the WebSocket API gives its id', { Ref: 'WebsocketsApi' }, 'k3x9q2m7pa'],
    ['Ref to a table gives its name', { Ref: 'Connections' }, 'chat-dev-connections'],
    ['Ref to AWS::Region', { Ref: 'AWS::Region' }, 'ap-northeast-1'],
    ['Ref to AWS::AccountId', { Ref: 'AWS::AccountId' }, '000000000000'],
    ['Ref to AWS::Partition', { Ref: 'AWS::Partition' }, 'aws'],
    ['Ref to AWS::URLSuffix', { Ref: 'AWS::URLSuffix' }, 'amazonaws.com'],
    ['Ref to AWS::StackName', { Ref: 'AWS::StackName' }, 'chat-dev'],
    ['Fn::Join of the endpoint', { 'Fn::Join': ['', ['https://', { Ref: 'WebsocketsApi' }, '.execute-api.', { Ref: 'AWS::Region' }, '.amazonaws.com/', 'dev']] }, ENDPOINT],
    ['Fn::Join with a delimiter', { 'Fn::Join': ['.', [{ Ref: 'WebsocketsApi' }, 'execute-api', { Ref: 'AWS::Region' }, { Ref: 'AWS::URLSuffix' }]] }, 'k3x9q2m7pa.execute-api.ap-northeast-1.amazonaws.com'],
    ['Fn::Sub of pseudo parameters and the API', { 'Fn::Sub': 'https://${WebsocketsApi}.execute-api.${AWS::Region}.amazonaws.com/dev' }, ENDPOINT],
    ['Fn::Sub without the scheme', { 'Fn::Sub': '${WebsocketsApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/dev' }, 'k3x9q2m7pa.execute-api.ap-northeast-1.amazonaws.com/dev'],
    ['Fn::Sub with its own variables, which may be functions', { 'Fn::Sub': ['https://${Id}.execute-api.${AWS::Region}.amazonaws.com/${Stage}', { Id: { Ref: 'WebsocketsApi' }, Stage: 'dev' }] }, ENDPOINT],
    ['Fn::Sub of an attribute', { 'Fn::Sub': '${Connections.Arn}/index/*' }, 'arn:aws:dynamodb:ap-northeast-1:000000000000:table/chat-dev-connections/index/*'],
    ['Fn::Sub keeps ${!Literal} as ${Literal}', { 'Fn::Sub': '${!NotAVariable}-${AWS::Region}' }, '${NotAVariable}-ap-northeast-1'],
    ['Fn::GetAtt in list form', { 'Fn::GetAtt': ['WebsocketsApi', 'ApiEndpoint'] }, 'wss://k3x9q2m7pa.execute-api.ap-northeast-1.amazonaws.com'],
    ['Fn::GetAtt in dotted form', { 'Fn::GetAtt': 'Connections.Arn' }, 'arn:aws:dynamodb:ap-northeast-1:000000000000:table/chat-dev-connections'],
    ['Fn::Select', { 'Fn::Select': [1, ['a', { Ref: 'AWS::Region' }]] }, 'ap-northeast-1'],
    ['plain strings unchanged', 'https://example.com', 'https://example.com'],
  ])('%s', (_name, input, expected) => {
    expect(evaluateIntrinsics(input, stack, 'functions.default.environment.X')).toBe(expected);
  });

  it.each([
    ['Fn::GetAtt of a resource nobody declared', { 'Fn::GetAtt': ['Foo', 'Arn'] }, 'Fn::GetAtt of unknown resource Foo'],
    ['Fn::GetAtt of a resource the emulator does not create', { 'Fn::GetAtt': ['Topic', 'TopicName'] }, 'Fn::GetAtt of Topic, a AWS::SNS::Topic the emulator does not create'],
    ['Fn::GetAtt of an attribute it does not know', { 'Fn::GetAtt': ['Connections', 'StreamArn'] }, 'Fn::GetAtt of Connections.StreamArn: the emulator knows Arn of a AWS::DynamoDB::Table'],
    ['Ref to a resource nobody declared', { Ref: 'Foo' }, 'Ref to unknown resource Foo'],
    ['Ref to a pseudo parameter it does not know', { Ref: 'AWS::StackId' }, 'Ref to AWS::StackId, a pseudo parameter the emulator does not know'],
    ['Fn::Sub of an unknown name', { 'Fn::Sub': 'https://${Nope}' }, 'Ref to unknown resource Nope'],
    ['a function it does not evaluate', { 'Fn::ImportValue': 'shared' }, 'Fn::ImportValue is not supported by the emulator (it evaluates Ref, Fn::Join, Fn::Sub, Fn::GetAtt, Fn::Select)'],
    ['a condition function', { 'Fn::If': ['IsProd', 'a', 'b'] }, 'Fn::If is not supported by the emulator (it evaluates Ref, Fn::Join, Fn::Sub, Fn::GetAtt, Fn::Select)'],
    ['a malformed Fn::Join', { 'Fn::Join': ['only one'] }, 'Fn::Join needs [delimiter, [values]], got ["only one"]'],
    ['Fn::Join of something that is not a string', { 'Fn::Join': ['', ['a', { Nested: 1 }]] }, 'Fn::Join needs strings, got {"Nested":1}'],
  ])('refuses %s, naming the key', (_name, input, problem) => {
    expect(() => evaluateIntrinsics(input, stack, 'functions.default.environment.X')).toThrow(`functions.default.environment.X: ${problem}`);
  });
});
