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
