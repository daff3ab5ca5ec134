/**
 * Who the reader's AWS credentials belong to, asked before anything is deployed, so that missing or
 * expired credentials end with a clear message instead of half a deployment.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

export type AccountCheck = { ok: true; account: string; arn: string } | { ok: false; reason: string };

export async function checkAwsAccount(region: string): Promise<AccountCheck> {
  const sts = new STSClient({ region });
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    return { ok: true, account: identity.Account ?? 'unknown', arn: identity.Arn ?? 'unknown' };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    sts.destroy();
  }
}

export const NO_CREDENTIALS_HELP = `No usable AWS credentials were found, so nothing was deployed or changed.
Set them up in one of the usual ways, then run the command again:
  aws configure                      (or: aws configure sso, then export AWS_PROFILE=<profile>)
  export AWS_PROFILE=<profile>       to use a profile you already have
  export AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=...`;
