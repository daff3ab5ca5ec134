/**
 * Sending to a client through the @connections management API. Its endpoint is the API's own
 * `https://{domainName}/{stage}`, which every event carries, so no configuration is needed.
 */
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import type { WebSocketEvent } from './websocket-event.ts';

// One client per endpoint, kept for as long as the execution environment stays warm.
const clients = new Map<string, ApiGatewayManagementApiClient>();

function clientFor(event: WebSocketEvent): ApiGatewayManagementApiClient {
  const { domainName, stage } = event.requestContext;
  const endpoint = `https://${domainName}/${stage}`;
  let client = clients.get(endpoint);
  if (!client) {
    client = new ApiGatewayManagementApiClient({ endpoint });
    clients.set(endpoint, client);
  }
  return client;
}

/** Posts `data` to one connection. Throws `GoneException` when that connection is closed. */
export async function postToConnection(event: WebSocketEvent, connectionId: string, data: string): Promise<void> {
  await clientFor(event).send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
}

/** Sends `message` as JSON back to the connection the event came from. */
export async function reply(event: WebSocketEvent, message: object): Promise<void> {
  await postToConnection(event, event.requestContext.connectionId, JSON.stringify(message));
}
