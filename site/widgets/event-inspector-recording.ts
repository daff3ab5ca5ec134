/**
 * A session recorded from the emulator running the sample backend, for the inspector's static
 * example (shown without JavaScript or without a backend): connect, send `hello`,
 * `{"action":"whoami"}` and `{"action":"nope"}`, disconnect. `entries` is the inspector feed
 * for that connection, `client` what the browser saw. Only the port was changed, to the default 3001
 * (and `subprotocol: undefined`, which JSON leaves out, restored).
 */
import type { StampedEntry } from '../../emulator/inspector.ts';

export type RecordedClientEvent =
  | { kind: 'connecting'; at: string }
  | { kind: 'open'; handshakeMs: number; at: string }
  | { kind: 'sent' | 'received'; data: string; at: string }
  | { kind: 'close'; code: number; reason: string; at: string };

export const recordedUrl = 'ws://localhost:3001/local';

export const recordedEntries: StampedEntry[] = [
  {
    "type": "handshake",
    "connectionId": "ejzt7jPFzxyClzU=",
    "path": "/local",
    "headers": {
      "Origin": "http://localhost:4321",
      "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Sec-WebSocket-Version": "13",
      "Sec-WebSocket-Key": "RiUTFSkCOIEons8l/JnBog==",
      "Connection": "Upgrade",
      "Upgrade": "websocket",
      "Sec-WebSocket-Extensions": "permessage-deflate; client_max_window_bits",
      "Host": "localhost:3001"
    },
    "offeredSubprotocols": [],
    "seq": 51,
    "at": "2026-11-22T00:58:54.269Z"
  },
  {
    "type": "invoke",
    "connectionId": "ejzt7jPFzxyClzU=",
    "routeKey": "$connect",
    "functionName": "apigw-websocket-tutorial-local-connect",
    "requestId": "YHOgcldtEQUFd9E=",
    "event": {
      "headers": {
        "Origin": "http://localhost:4321",
        "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "RiUTFSkCOIEons8l/JnBog==",
        "Sec-WebSocket-Extensions": "permessage-deflate; client_max_window_bits",
        "Host": "localhost:3001",
        "X-Amzn-Trace-Id": "Root=1-6b023e4e-4d37ba79c0d1131f3d8006f1",
        "X-Forwarded-For": "127.0.0.1",
        "X-Forwarded-Port": "3001",
        "X-Forwarded-Proto": "http"
      },
      "multiValueHeaders": {
        "Origin": [
          "http://localhost:4321"
        ],
        "User-Agent": [
          "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
        ],
        "Sec-WebSocket-Version": [
          "13"
        ],
        "Sec-WebSocket-Key": [
          "RiUTFSkCOIEons8l/JnBog=="
        ],
        "Sec-WebSocket-Extensions": [
          "permessage-deflate; client_max_window_bits"
        ],
        "Host": [
          "localhost:3001"
        ],
        "X-Amzn-Trace-Id": [
          "Root=1-6b023e4e-4d37ba79c0d1131f3d8006f1"
        ],
        "X-Forwarded-For": [
          "127.0.0.1"
        ],
        "X-Forwarded-Port": [
          "3001"
        ],
        "X-Forwarded-Proto": [
          "http"
        ]
      },
      "requestContext": {
        "routeKey": "$connect",
        "eventType": "CONNECT",
        "extendedRequestId": "YHOgcldtEQUFd9E=",
        "requestTime": "22/Nov/2026:00:58:54 +0000",
        "messageDirection": "IN",
        "stage": "local",
        "connectedAt": 1795309134268,
        "requestTimeEpoch": 1795309134269,
        "identity": {
          "userAgent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
          "sourceIp": "127.0.0.1"
        },
        "requestId": "YHOgcldtEQUFd9E=",
        "domainName": "localhost:3001",
        "connectionId": "ejzt7jPFzxyClzU=",
        "apiId": "0e45bk77rj"
      },
      "isBase64Encoded": false
    },
    "seq": 52,
    "at": "2026-11-22T00:58:54.269Z"
  },
  {
    "type": "result",
    "connectionId": "ejzt7jPFzxyClzU=",
    "routeKey": "$connect",
    "requestId": "YHOgcldtEQUFd9E=",
    "durationMs": 39,
    "result": {
      "statusCode": 200
    },
    "seq": 53,
    "at": "2026-11-22T00:58:54.310Z"
  },
  {
    "type": "connected",
    "connectionId": "ejzt7jPFzxyClzU=",
    "subprotocol": undefined,
    "seq": 54,
    "at": "2026-11-22T00:58:54.313Z"
  },
  {
    "type": "message-in",
    "connectionId": "ejzt7jPFzxyClzU=",
    "body": "hello",
    "bytes": 5,
    "seq": 55,
    "at": "2026-11-22T00:58:54.820Z"
  },
  {
    "type": "route",
    "connectionId": "ejzt7jPFzxyClzU=",
    "expression": "$request.body.action",
    "routeKey": "$default",
    "value": null,
    "reason": "not-json",
    "seq": 56,
    "at": "2026-11-22T00:58:54.821Z"
  },
  {
    "type": "invoke",
    "connectionId": "ejzt7jPFzxyClzU=",
    "routeKey": "$default",
    "functionName": "apigw-websocket-tutorial-local-default",
    "requestId": "DzydkxrOC9wF0M8=",
    "event": {
      "requestContext": {
        "routeKey": "$default",
        "eventType": "MESSAGE",
        "extendedRequestId": "DzydkxrOC9wF0M8=",
        "requestTime": "22/Nov/2026:00:58:54 +0000",
        "messageDirection": "IN",
        "stage": "local",
        "connectedAt": 1795309134268,
        "requestTimeEpoch": 1795309134821,
        "identity": {
          "userAgent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
          "sourceIp": "127.0.0.1"
        },
        "requestId": "DzydkxrOC9wF0M8=",
        "domainName": "localhost:3001",
        "connectionId": "ejzt7jPFzxyClzU=",
        "apiId": "0e45bk77rj",
        "messageId": "XGxuJodhUpmCm24="
      },
      "body": "hello",
      "isBase64Encoded": false
    },
    "seq": 57,
    "at": "2026-11-22T00:58:54.821Z"
  },
  {
    "type": "message-out",
    "connectionId": "ejzt7jPFzxyClzU=",
    "via": "@connections",
    "body": "{\"type\":\"echo\",\"echo\":\"hello\",\"connectionId\":\"ejzt7jPFzxyClzU=\",\"routeKey\":\"$default\",\"receivedAt\":\"2026-11-22T00:58:54.821Z\",\"why\":\"The message is not JSON, so the route selection expression could not read an action.\"}",
    "bytes": 219,
    "binary": false,
    "seq": 58,
    "at": "2026-11-22T00:58:54.866Z"
  },
  {
    "type": "management",
    "connectionId": "ejzt7jPFzxyClzU=",
    "method": "POST",
    "status": 200,
    "seq": 59,
    "at": "2026-11-22T00:58:54.866Z"
  },
  {
    "type": "result",
    "connectionId": "ejzt7jPFzxyClzU=",
    "routeKey": "$default",
    "requestId": "DzydkxrOC9wF0M8=",
    "durationMs": 62,
    "result": {
      "statusCode": 200
    },
    "seq": 60,
    "at": "2026-11-22T00:58:54.884Z"
  },
  {
    "type": "message-in",
    "connectionId": "ejzt7jPFzxyClzU=",
    "body": "{\"action\":\"whoami\"}",
    "bytes": 19,
    "seq": 61,
    "at": "2026-11-22T00:58:55.523Z"
  },
  {
    "type": "route",
    "connectionId": "ejzt7jPFzxyClzU=",
    "expression": "$request.body.action",
    "routeKey": "whoami",
    "value": "whoami",
    "reason": "matched",
    "seq": 62,
    "at": "2026-11-22T00:58:55.523Z"
  },
  {
    "type": "invoke",
    "connectionId": "ejzt7jPFzxyClzU=",
    "routeKey": "whoami",
    "functionName": "apigw-websocket-tutorial-local-whoami",
    "requestId": "EEQv7wuQTjKFeMA=",
    "event": {
      "requestContext": {
        "routeKey": "whoami",
        "eventType": "MESSAGE",
        "extendedRequestId": "EEQv7wuQTjKFeMA=",
        "requestTime": "22/Nov/2026:00:58:55 +0000",
        "messageDirection": "IN",
        "stage": "local",
        "connectedAt": 1795309134268,
        "requestTimeEpoch": 1795309135523,
        "identity": {
          "userAgent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
          "sourceIp": "127.0.0.1"
        },
        "requestId": "EEQv7wuQTjKFeMA=",
        "domainName": "localhost:3001",
        "connectionId": "ejzt7jPFzxyClzU=",
        "apiId": "0e45bk77rj",
        "messageId": "hiEol4GTQD7CdU8="
      },
      "body": "{\"action\":\"whoami\"}",
      "isBase64Encoded": false
    },
    "seq": 63,
    "at": "2026-11-22T00:58:55.524Z"
  },
  {
    "type": "message-out",
    "connectionId": "ejzt7jPFzxyClzU=",
    "via": "@connections",
    "body": "{\"type\":\"whoami\",\"connectionId\":\"ejzt7jPFzxyClzU=\",\"connectedAt\":\"2026-11-22T00:58:54.268Z\",\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\"}",
    "bytes": 231,
    "binary": false,
    "seq": 64,
    "at": "2026-11-22T00:58:55.547Z"
  },
  {
    "type": "management",
    "connectionId": "ejzt7jPFzxyClzU=",
    "method": "POST",
    "status": 200,
    "seq": 65,
    "at": "2026-11-22T00:58:55.549Z"
  },
  {
    "type": "result",
    "connectionId": "ejzt7jPFzxyClzU=",
    "routeKey": "whoami",
    "requestId": "EEQv7wuQTjKFeMA=",
    "durationMs": 26,
    "result": {
      "statusCode": 200
    },
    "seq": 66,
    "at": "2026-11-22T00:58:55.550Z"
  },
  {
    "type": "message-in",
    "connectionId": "ejzt7jPFzxyClzU=",
    "body": "{\"action\":\"nope\"}",
    "bytes": 17,
    "seq": 67,
    "at": "2026-11-22T00:58:56.224Z"
  },
  {
    "type": "route",
    "connectionId": "ejzt7jPFzxyClzU=",
    "expression": "$request.body.action",
    "routeKey": "$default",
    "value": "nope",
    "reason": "no-match",
    "seq": 68,
    "at": "2026-11-22T00:58:56.224Z"
  },
  {
    "type": "invoke",
    "connectionId": "ejzt7jPFzxyClzU=",
    "routeKey": "$default",
    "functionName": "apigw-websocket-tutorial-local-default",
    "requestId": "4T2Easu27p-FiBU=",
    "event": {
      "requestContext": {
        "routeKey": "$default",
        "eventType": "MESSAGE",
        "extendedRequestId": "4T2Easu27p-FiBU=",
        "requestTime": "22/Nov/2026:00:58:56 +0000",
        "messageDirection": "IN",
        "stage": "local",
        "connectedAt": 1795309134268,
        "requestTimeEpoch": 1795309136224,
        "identity": {
          "userAgent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
          "sourceIp": "127.0.0.1"
        },
        "requestId": "4T2Easu27p-FiBU=",
        "domainName": "localhost:3001",
        "connectionId": "ejzt7jPFzxyClzU=",
        "apiId": "0e45bk77rj",
        "messageId": "eYFKrIWoLg5Cb_g="
      },
      "body": "{\"action\":\"nope\"}",
      "isBase64Encoded": false
    },
    "seq": 69,
    "at": "2026-11-22T00:58:56.224Z"
  },
  {
    "type": "message-out",
    "connectionId": "ejzt7jPFzxyClzU=",
    "via": "@connections",
    "body": "{\"type\":\"echo\",\"echo\":\"{\\\"action\\\":\\\"nope\\\"}\",\"connectionId\":\"ejzt7jPFzxyClzU=\",\"routeKey\":\"$default\",\"receivedAt\":\"2026-11-22T00:58:56.224Z\",\"why\":\"No route is named \\\"nope\\\", so API Gateway used $default.\"}",
    "bytes": 208,
    "binary": false,
    "seq": 70,
    "at": "2026-11-22T00:58:56.270Z"
  },
  {
    "type": "management",
    "connectionId": "ejzt7jPFzxyClzU=",
    "method": "POST",
    "status": 200,
    "seq": 71,
    "at": "2026-11-22T00:58:56.274Z"
  },
  {
    "type": "result",
    "connectionId": "ejzt7jPFzxyClzU=",
    "routeKey": "$default",
    "requestId": "4T2Easu27p-FiBU=",
    "durationMs": 55,
    "result": {
      "statusCode": 200
    },
    "seq": 72,
    "at": "2026-11-22T00:58:56.279Z"
  },
  {
    "type": "close",
    "connectionId": "ejzt7jPFzxyClzU=",
    "code": 1000,
    "reason": "",
    "by": "client",
    "seq": 73,
    "at": "2026-11-22T00:58:56.940Z"
  },
  {
    "type": "invoke",
    "connectionId": "ejzt7jPFzxyClzU=",
    "routeKey": "$disconnect",
    "functionName": "apigw-websocket-tutorial-local-disconnect",
    "requestId": "2O_tpaL93gBFCmE=",
    "event": {
      "headers": {
        "Host": "localhost:3001",
        "x-api-key": "",
        "X-Forwarded-For": "",
        "x-restapi": ""
      },
      "multiValueHeaders": {
        "Host": [
          "localhost:3001"
        ],
        "x-api-key": [
          ""
        ],
        "X-Forwarded-For": [
          ""
        ],
        "x-restapi": [
          ""
        ]
      },
      "requestContext": {
        "routeKey": "$disconnect",
        "eventType": "DISCONNECT",
        "extendedRequestId": "2O_tpaL93gBFCmE=",
        "requestTime": "22/Nov/2026:00:58:56 +0000",
        "messageDirection": "IN",
        "stage": "local",
        "connectedAt": 1795309134268,
        "requestTimeEpoch": 1795309136940,
        "identity": {
          "userAgent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
          "sourceIp": "127.0.0.1"
        },
        "requestId": "2O_tpaL93gBFCmE=",
        "domainName": "localhost:3001",
        "connectionId": "ejzt7jPFzxyClzU=",
        "apiId": "0e45bk77rj",
        "disconnectStatusCode": 1000,
        "disconnectReason": ""
      },
      "isBase64Encoded": false
    },
    "seq": 74,
    "at": "2026-11-22T00:58:56.941Z"
  },
  {
    "type": "result",
    "connectionId": "ejzt7jPFzxyClzU=",
    "routeKey": "$disconnect",
    "requestId": "2O_tpaL93gBFCmE=",
    "durationMs": 31,
    "result": {
      "statusCode": 200
    },
    "seq": 75,
    "at": "2026-11-22T00:58:56.972Z"
  }
];

export const recordedClient: RecordedClientEvent[] = [
  {
    "kind": "connecting",
    "at": "2026-11-22T00:58:54.240Z"
  },
  {
    "kind": "open",
    "handshakeMs": 78,
    "at": "2026-11-22T00:58:54.318Z"
  },
  {
    "kind": "sent",
    "data": "hello",
    "at": "2026-11-22T00:58:54.819Z"
  },
  {
    "kind": "received",
    "data": "{\"type\":\"echo\",\"echo\":\"hello\",\"connectionId\":\"ejzt7jPFzxyClzU=\",\"routeKey\":\"$default\",\"receivedAt\":\"2026-11-22T00:58:54.821Z\",\"why\":\"The message is not JSON, so the route selection expression could not read an action.\"}",
    "at": "2026-11-22T00:58:54.872Z"
  },
  {
    "kind": "sent",
    "data": "{\"action\":\"whoami\"}",
    "at": "2026-11-22T00:58:55.522Z"
  },
  {
    "kind": "received",
    "data": "{\"type\":\"whoami\",\"connectionId\":\"ejzt7jPFzxyClzU=\",\"connectedAt\":\"2026-11-22T00:58:54.268Z\",\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\"}",
    "at": "2026-11-22T00:58:55.549Z"
  },
  {
    "kind": "sent",
    "data": "{\"action\":\"nope\"}",
    "at": "2026-11-22T00:58:56.223Z"
  },
  {
    "kind": "received",
    "data": "{\"type\":\"echo\",\"echo\":\"{\\\"action\\\":\\\"nope\\\"}\",\"connectionId\":\"ejzt7jPFzxyClzU=\",\"routeKey\":\"$default\",\"receivedAt\":\"2026-11-22T00:58:56.224Z\",\"why\":\"No route is named \\\"nope\\\", so API Gateway used $default.\"}",
    "at": "2026-11-22T00:58:56.276Z"
  },
  {
    "kind": "close",
    "code": 1000,
    "reason": "",
    "at": "2026-11-22T00:58:56.937Z"
  }
];
