/**
 * The emulator's end of a MessagePort (in-page-port-protocol.ts): connections, requests and
 * inspector subscriptions from one page or notebook worker, served by one in-page server. Several
 * ports can be served at once (the page and its notebook worker are two clients of one API).
 */
import type { InPageConnection, InPageHandshake, InPageServer } from './in-page-transport.ts';
import type { PortLike, PortReply, PortRequest } from './in-page-port-protocol.ts';
import { answerPortRequest } from './port-requests.ts';

export function servePort(server: InPageServer, port: PortLike<PortRequest, PortReply>): void {
  const connections = new Map<number, InPageConnection>();
  const subscriptions = new Map<number, () => void>();
  const reply = (message: PortReply) => port.postMessage(message);

  port.onmessage = ({ data: message }) => {
    switch (message.type) {
      case 'connect':
        void connect(message.id, message.url, message.headers, message.protocols);
        return;
      case 'send':
        connections.get(message.id)?.send(message.data, message.frameSizes);
        return;
      case 'close':
        connections.get(message.id)?.close(message.code, message.reason);
        return;
      case 'terminate':
        connections.get(message.id)?.terminate();
        return;
      case 'request':
        void answerPortRequest(server, message, reply);
        return;
      case 'subscribe':
        subscriptions.set(message.id, server.gateway.inspector.subscribe((entry) => reply({ type: 'entry', id: message.id, entry })));
        return;
      case 'unsubscribe':
        subscriptions.get(message.id)?.();
        subscriptions.delete(message.id);
        return;
    }
  };

  async function connect(id: number, url: string, headers: Record<string, string>, protocols: string[]): Promise<void> {
    const handshake = await server.connect({ url, headers, protocols }).catch((): InPageHandshake => ({ status: 500 }));
    if (!handshake.connection) {
      reply({ type: 'handshake', id, status: handshake.status, protocol: undefined });
      return;
    }
    const { connection } = handshake;
    connections.set(id, connection);
    connection.onmessage = (data) => reply({ type: 'message', id, data });
    connection.onclose = (code, reason) => {
      connections.delete(id);
      reply({ type: 'closed', id, code, reason });
    };
    reply({ type: 'handshake', id, status: 101, protocol: handshake.protocol });
  }
}
