import type { Lang } from '../lib/i18n.ts';

/** What answers at an endpoint, as far as its name tells: the in-page emulator, the local one, or an API elsewhere. */
export type EndpointKind = 'in-page' | 'local' | 'remote';

/** The words <apigw-endpoint-note> shows, per language; the server renders the first, the script the rest. */
export const endpointNoteText = {
  ja: {
    kinds: {
      'in-page': 'インページ・エミュレーター：このブラウザーの中で動き、API Gateway の WebSocket API と同じように振る舞います。本物のソケットで試すには npm start を使います。',
      local: 'ローカル・エミュレーター（npm start）：このパソコンで動く本物のソケットです。',
      remote: 'ネットワーク上の API：デプロイしたエンドポイントなど、このページの外にあるバックエンドです。',
    } satisfies Record<EndpointKind, string>,
    useInPage: 'インページ・エミュレーターを使う',
    useLocal: 'ローカル・エミュレーター（npm start）を使う',
  },
  en: {
    kinds: {
      'in-page': "In-page emulator: runs in your browser, and behaves as API Gateway's WebSocket API. npm start runs the real sockets.",
      local: 'Local emulator (npm start): real sockets, on this computer.',
      remote: 'An API on the network: your deployed endpoint, or another backend outside this page.',
    } satisfies Record<EndpointKind, string>,
    useInPage: 'Use the in-page emulator',
    useLocal: 'Use my local emulator (npm start)',
  },
} satisfies Record<Lang, unknown>;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function endpointKind(endpoint: string, isInPage: (endpoint: string) => boolean): EndpointKind {
  if (isInPage(endpoint)) return 'in-page';
  try {
    return LOOPBACK.has(new URL(endpoint).hostname) ? 'local' : 'remote';
  } catch {
    return 'remote';
  }
}
