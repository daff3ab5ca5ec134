/**
 * Who the reader's AWS credentials belong to, asked before anything is deployed, so that missing,
 * refused or unreachable credentials end with a message that says which of those it was, instead
 * of half a deployment or a wait of minutes.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

export type AccountFailure = 'no-credentials' | 'rejected' | 'unreachable' | 'timeout' | 'other';
export type AccountCheck = { ok: true; account: string; arn: string } | { ok: false; failure: AccountFailure; detail: string };

/** STS answers in well under a second; past this the network or a proxy is holding the request. */
export const ACCOUNT_CHECK_TIMEOUT_MS = 15_000;

/** Network errors that mean "no connection", as Node's sockets and DNS report them. */
const UNREACHABLE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ENETUNREACH', 'EHOSTUNREACH', 'EPIPE']);

export async function checkAwsAccount(region: string, timeoutMs = ACCOUNT_CHECK_TIMEOUT_MS): Promise<AccountCheck> {
  // Two attempts, not the SDK's three: a retry helps a dropped packet, not a wrong network.
  const sts = new STSClient({ region, maxAttempts: 2 });
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<AccountCheck>((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve({ ok: false, failure: 'timeout', detail: `no answer within ${timeoutMs / 1000} s` });
    }, timeoutMs);
  });
  const asked = sts
    .send(new GetCallerIdentityCommand({}), { abortSignal: abort.signal })
    .then((identity): AccountCheck => ({ ok: true, account: identity.Account ?? 'unknown', arn: identity.Arn ?? 'unknown' }))
    .catch((error: unknown): AccountCheck => ({ ok: false, failure: classify(error), detail: describe(error) }));
  try {
    return await Promise.race([asked, timedOut]);
  } finally {
    clearTimeout(timer);
    sts.destroy();
  }
}

function classify(error: unknown): AccountFailure {
  const { name, code, $metadata } = (error ?? {}) as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') return 'no-credentials';
  if (code && UNREACHABLE_CODES.has(code)) return 'unreachable';
  if (name === 'TimeoutError' || code === 'ETIMEDOUT') return 'timeout';
  // STS answered, and said no: InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken, AccessDenied…
  if ($metadata?.httpStatusCode && $metadata.httpStatusCode >= 400 && $metadata.httpStatusCode < 500) return 'rejected';
  return 'other';
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code } = error as { code?: string };
  const label = code && !error.message.includes(code) ? `${code}: ` : error.name !== 'Error' && !error.message.startsWith(error.name) ? `${error.name}: ` : '';
  return `${label}${error.message}`;
}

const NOTHING_CHANGED = 'so nothing was deployed or changed';

/** What to tell the reader when the check failed, and what to do about it. */
export function explainAccountFailure(check: Extract<AccountCheck, { ok: false }>, region: string): string {
  const said = `(The AWS SDK said: ${check.detail})`;
  switch (check.failure) {
    case 'no-credentials':
      return `No usable AWS credentials were found, ${NOTHING_CHANGED}.
Set them up in one of the usual ways, then run the command again:
  aws configure                      (or: aws configure sso, then export AWS_PROFILE=<profile>)
  export AWS_PROFILE=<profile>       to use a profile you already have
  export AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=...

${said}`;
    case 'rejected':
      return `AWS refused these credentials, ${NOTHING_CHANGED}.
They may have expired (an SSO session: aws sso login), been deactivated, or belong to another
partition than ${region}. Renew them, or choose another profile with AWS_PROFILE, and run the command again.

${said}`;
    case 'unreachable':
      return `AWS STS in ${region} could not be reached, ${NOTHING_CHANGED}.
Check this machine's network connection and firewall, and that "${region}" is a Region you can use.

${said}`;
    case 'timeout':
      return `AWS STS in ${region} did not answer, ${NOTHING_CHANGED}.
The network is slow or something between this machine and AWS holds the connection. Try again in a moment.

${said}`;
    case 'other':
      return `Your AWS credentials could not be checked, ${NOTHING_CHANGED}.

${said}`;
  }
}
