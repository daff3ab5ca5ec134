/**
 * The AWS CLI the emulator tests drive: Debian's (`/usr/bin/aws`) or AWS's own installer's
 * (`/usr/local/bin/aws`). Not whatever `aws` is first on PATH, which may be the older v1 with
 * other flags. Without one the test reports itself skipped, except under CI, where .ci/run
 * installs it and a missing CLI is a failure.
 */
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/aws', '/usr/local/bin/aws'];

/** The AWS CLI's path; skips the test (or fails it under CI) when there is none. */
export function awsCliOrSkip(context: { skip: (note: string) => void }): string {
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  const missing = `the AWS CLI is not installed at ${CANDIDATES.join(' or ')} (apt-get install awscli)`;
  if (process.env.CI === 'true') throw new Error(`Under CI every test runs, and ${missing}; .ci/run installs it.`);
  context.skip(missing);
  throw new Error('unreachable: context.skip() ends the test');
}
