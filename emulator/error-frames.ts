/**
 * The text frames API Gateway sends when a message cannot be handled, byte for byte as in real
 * transcripts (reference section 5.4): a space after `"message":` and after the first comma only.
 * Template strings on purpose: `JSON.stringify` would not reproduce that spacing.
 */

export function forbiddenFrame(connectionId: string, requestId: string): string {
  return `{"message": "Forbidden", "connectionId":"${connectionId}", "requestId":"${requestId}"}`;
}

export function internalServerErrorFrame(connectionId: string, requestId: string): string {
  return `{"message": "Internal server error", "connectionId":"${connectionId}", "requestId":"${requestId}"}`;
}

export function endpointTimedOutFrame(connectionId: string, requestId: string): string {
  return `{"message": "Endpoint request timed out", "connectionId":"${connectionId}", "requestId":"${requestId}"}`;
}
