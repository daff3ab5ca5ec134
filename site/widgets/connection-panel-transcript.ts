/**
 * A session recorded from the emulator running the sample backend (`npm run emulator`, a warm
 * Lambda worker): what ConnectionPanel shows a reader who has no backend yet, or no JavaScript.
 * Times are as the panel showed them; the connectionId is the one the emulator gave.
 */
export const recordedSession = {
  endpoint: 'ws://localhost:3001/local',
  connectingAt: '09:57:38.683',
  openAt: '09:57:38.754',
  handshakeMs: 71,
  sentAt: '09:57:40.257',
  sent: 'hello',
  receivedAt: '09:57:40.280',
  gapMs: 23,
  received:
    '{"type":"echo","echo":"hello","connectionId":"WL9Kq4NiojeCKaU=","routeKey":"$default","receivedAt":"2026-11-22T00:57:40.258Z","why":"The message is not JSON, so the route selection expression could not read an action."}',
  closedAt: '09:57:42.287',
  closeCode: 1000,
};
