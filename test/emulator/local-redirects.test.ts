import { describe, expect, it } from 'vitest';
import { redirectTarget, type LocalEndpoints } from '../../emulator/local-redirects.ts';

const endpoints: LocalEndpoints = { emulatorPort: 3001, apiId: 'k3x9q2m7pa', region: 'ap-northeast-1', dynamoDbEndpoint: 'http://127.0.0.1:40123' };
const EMULATOR = { hostname: '127.0.0.1', port: 3001 };
const DYNAMODB = { hostname: '127.0.0.1', port: 40123 };

describe('redirectTarget', () => {
  it.each([
    ['the emulator as domainName gives it', 'localhost', '3001', EMULATOR],
    ['the emulator by IPv4 address', '127.0.0.1', 3001, EMULATOR],
    ['the emulator by IPv6 address from a URL', '[::1]', '3001', EMULATOR],
    ["this API's own execute-api host", 'k3x9q2m7pa.execute-api.ap-northeast-1.amazonaws.com', undefined, EMULATOR],
    ["this API's host with port 443 written out", 'k3x9q2m7pa.execute-api.ap-northeast-1.amazonaws.com', '443', EMULATOR],
    ["this API's host in capitals, with the root's dot", 'K3X9Q2M7PA.execute-api.ap-northeast-1.amazonaws.com.', '', EMULATOR],
    ["this Region's DynamoDB", 'dynamodb.ap-northeast-1.amazonaws.com', undefined, DYNAMODB],
  ])('sends %s to the local stand-in', (_name, hostname, port, expected) => {
    expect(redirectTarget(hostname, port, endpoints)).toEqual(expected);
  });

  it.each([
    ['another API id', 'zzzzzzzzzz.execute-api.ap-northeast-1.amazonaws.com', undefined],
    ['the same API id in another Region', 'k3x9q2m7pa.execute-api.us-east-1.amazonaws.com', undefined],
    ['execute-api with no API id (a forgotten endpoint)', 'execute-api.ap-northeast-1.amazonaws.com', undefined],
    ["this API's host on another port", 'k3x9q2m7pa.execute-api.ap-northeast-1.amazonaws.com', '8443'],
    ["another Region's DynamoDB", 'dynamodb.us-east-1.amazonaws.com', undefined],
    ['another AWS service', 'sts.ap-northeast-1.amazonaws.com', undefined],
    ['a look-alike host', 'k3x9q2m7pa.execute-api.ap-northeast-1.amazonaws.com.example.net', undefined],
    ['loopback on another port', 'localhost', '4321'],
    ['some other host', 'example.com', undefined],
  ])('leaves %s to the network', (_name, hostname, port) => {
    expect(redirectTarget(hostname, port, endpoints)).toBeUndefined();
  });

  it('leaves DynamoDB to the network when the stack has no local store', () => {
    expect(redirectTarget('dynamodb.ap-northeast-1.amazonaws.com', undefined, { ...endpoints, dynamoDbEndpoint: undefined })).toBeUndefined();
  });
});
