/**
 * The WebSocket endpoint every widget starts with: the local emulator on its default port and
 * stage, unless the site was built for another one with PUBLIC_WS_ENDPOINT.
 */
export const DEFAULT_ENDPOINT: string = import.meta.env.PUBLIC_WS_ENDPOINT || 'ws://localhost:3001/local';
