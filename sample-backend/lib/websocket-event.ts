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
    requestTimeEpoch: number;
    domainName: string;
    stage: string;
    identity: { sourceIp: string; userAgent?: string };
  };
  body?: string;
}

/** What a WebSocket route's Lambda returns. Only two-way routes ever send `body` to the client. */
export interface WebSocketResult {
  statusCode: number;
  body?: string;
}
