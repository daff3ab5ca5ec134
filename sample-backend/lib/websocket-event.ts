/**
 * The parts of API Gateway's WebSocket proxy event the sample reads. The full shape, with
 * annotated real examples, is in the tutorial's "events" lesson.
 */
export interface WebSocketEvent {
  requestContext: {
    routeKey: string;
    eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
    connectionId: string;
    connectedAt: number;
    requestId: string;
    requestTimeEpoch: number;
    domainName: string;
    stage: string;
    identity: { sourceIp: string; userAgent?: string };
    disconnectStatusCode?: number;
    disconnectReason?: string;
    /** What the `$connect` authorizer allowed the connection as, on every event of the connection; values are strings. */
    authorizer?: Record<string, string>;
  };
  /** Only on `$connect` (and a fixed few on `$disconnect`). */
  headers?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  /** Only on messages. */
  body?: string;
}

/** What a WebSocket route's Lambda returns. Only two-way routes ever send `body` to the client. */
export interface WebSocketResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

/** A Lambda REQUEST authorizer's input on `$connect` (the parts the sample reads). */
export interface AuthorizerEvent {
  type: 'REQUEST';
  /** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect` */
  methodArn: string;
  headers?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
}

/** What an authorizer answers: who the caller is, an IAM policy for `methodArn`, and values for later events. */
export interface AuthorizerResult {
  principalId: string;
  policyDocument: {
    Version: '2012-10-17';
    Statement: { Action: 'execute-api:Invoke'; Effect: 'Allow' | 'Deny'; Resource: string }[];
  };
  /** Only strings, numbers and booleans; later events see them as strings. */
  context?: Record<string, string | number | boolean>;
}
