/** The lesson page and the widget's accessible names in each language, as a reader sees them. */
export const LANGUAGES = [
  {
    lang: 'ja',
    lessonPath: '/introduction/',
    endpoint: 'エンドポイント',
    connect: '接続',
    disconnect: '切断',
    useDeployed: 'デプロイしたエンドポイントを使う',
    message: 'メッセージ',
    send: '送信',
    log: 'ログ',
  },
  {
    lang: 'en',
    lessonPath: '/en/introduction/',
    endpoint: 'Endpoint',
    connect: 'Connect',
    disconnect: 'Disconnect',
    useDeployed: 'Use my deployed endpoint',
    message: 'Message',
    send: 'Send',
    log: 'Log',
  },
] as const;

export type Language = (typeof LANGUAGES)[number];
