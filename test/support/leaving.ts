/** The ways a client can leave, for the load tests and the soak: politely, rudely, or by vanishing. */
import type { Socket } from 'node:net';
import type WebSocket from 'ws';

export const LEAVING_WAYS = ['close', 'close-without-code', 'destroy', 'destroy-mid-message'] as const;
export type LeavingWay = (typeof LEAVING_WAYS)[number];

export function leave(client: WebSocket, way: LeavingWay): void {
  // `ws` keeps the TCP socket in a field its types do not declare.
  const socket = (client as unknown as { _socket: Socket })._socket;
  switch (way) {
    case 'close':
      client.close(1000, 'bye');
      return;
    case 'close-without-code':
      client.close();
      return;
    case 'destroy':
      // No close frame: the emulator learns of it from the TCP connection ending.
      socket.destroy();
      return;
    case 'destroy-mid-message':
      // A message is on its way when the socket goes: its handler's reply finds the connection gone.
      client.send('one last message');
      socket.destroy();
      return;
  }
}
