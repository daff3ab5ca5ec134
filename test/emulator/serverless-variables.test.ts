import { describe, expect, it } from 'vitest';
import { resolveVariables, type VariableSources } from '../../emulator/serverless-variables.ts';

const document = {
  service: 'chat',
  custom: { table: '${self:service}-${sls:stage}-connections', nested: { size: 5 } },
};
const sources: VariableSources = {
  document,
  stage: 'local',
  region: 'ap-northeast-1',
  options: { stage: 'local' },
  env: { TABLE_SUFFIX: 'x' },
  file: 'serverless.yml',
};

describe('resolveVariables', () => {
  it.each([
    ['resolves self references recursively', '${self:custom.table}', 'chat-local-connections'],
    ['resolves sls:stage', 'api-${sls:stage}', 'api-local'],
    ['uses an option when given', "${opt:stage, 'dev'}", 'local'],
    ['falls back to the quoted default', "${opt:region, 'us-east-1'}", 'us-east-1'],
    ['reads the environment', '${env:TABLE_SUFFIX}', 'x'],
    ['falls back when the environment has no such variable', "${env:MISSING, 'fallback'}", 'fallback'],
    ['resolves aws:region', '${aws:region}', 'ap-northeast-1'],
    ['keeps the type of a value that is the variable alone', '${self:custom.nested}', { size: 5 }],
  ])('%s', (_name, input, expected) => {
    expect(resolveVariables(input, sources)).toEqual(expected);
  });

  it('names the key and file when a variable cannot be resolved', () => {
    expect(() => resolveVariables({ provider: { environment: { A: '${env:NOT_SET}' } } }, sources)).toThrow(
      'Cannot resolve "${env:NOT_SET}" at "provider.environment.A" in serverless.yml',
    );
  });

  it('treats an unquoted default as an error rather than an empty value', () => {
    expect(() => resolveVariables('${env:MISSING, fallback}', sources)).toThrow(
      '"fallback" at "" in serverless.yml is not a variable the emulator understands',
    );
  });

  it('names the source it does not support', () => {
    expect(() => resolveVariables('${ssm:/path}', sources)).toThrow('"${ssm:/path}" at "" in serverless.yml uses a source the emulator does not support');
  });
});

describe("CloudFormation's own ${...}", () => {
  it.each([
    ['a resource in Fn::Sub', 'https://${WebsocketsApi}.execute-api', 'https://${WebsocketsApi}.execute-api'],
    ['a pseudo parameter', '${AWS::Region}', '${AWS::Region}'],
    ['an attribute', '${Table.Arn}/index/*', '${Table.Arn}/index/*'],
    ['next to a Serverless variable, which still resolves', 'https://${WebsocketsApi}.execute-api.${AWS::Region}.amazonaws.com/${sls:stage}', 'https://${WebsocketsApi}.execute-api.${AWS::Region}.amazonaws.com/local'],
  ])('leaves %s for CloudFormation, as the Serverless Framework does', (_name, input, expected) => {
    expect(resolveVariables(input, sources)).toBe(expected);
  });
});
