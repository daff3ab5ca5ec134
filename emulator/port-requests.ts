/**
 * Plain requests over a MessagePort (the `request` and `response` messages of
 * in-page-port-protocol.ts), answered by a request target. The in-page emulator's port host uses it
 * for the page's requests; in Node, the local DynamoDB's thread and the gateway use it for the calls
 * Lambda environments make through the SDK (direct-sdk-transport.ts), which then cross no socket.
 */
import type { InPageRequestTarget } from './in-page-sdk-handler.ts';
import type { PortReply, PortRequest } from './in-page-port-protocol.ts';

type RequestMessage = Extract<PortRequest, { type: 'request' }>;

/** Answers one request message; a target that throws answers 500 with the reason, as a server would. */
export async function answerPortRequest(target: InPageRequestTarget, message: RequestMessage, reply: (message: PortReply) => void): Promise<void> {
  const { id, method, url, headers, body } = message;
  try {
    const { pathname, search } = new URL(url, 'http://local');
    const answer = await target.request(method, pathname + search, { headers, ...(body === undefined ? {} : { body }) });
    reply({ type: 'response', id, status: answer.status, headers: answer.headers, body: answer.body });
  } catch (error) {
    reply({ type: 'response', id, status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: error instanceof Error ? error.message : String(error) }) });
  }
}

/** The part of a Node MessagePort this needs. */
interface RequestPort {
  on(event: 'message', listener: (message: PortRequest) => void): unknown;
  postMessage(message: PortReply): void;
}

/** Serves every request message arriving on `port` with `target`; other messages are ignored. */
export function serveRequests(port: RequestPort, target: InPageRequestTarget): void {
  port.on('message', (message) => {
    if (message.type === 'request') void answerPortRequest(target, message, (reply) => port.postMessage(reply));
  });
}
