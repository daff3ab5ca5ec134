/** `npm run remove:sample -- [--stage dev] [--region us-east-1]`: deletes the deployed sample backend and the authentication lesson's API, and forgets their URLs. */
import { checkAwsAccount, NO_CREDENTIALS_HELP } from './aws-account.ts';
import { writeDeployedEndpoints } from './deployed-endpoint-file.ts';
import { runServerless, SAMPLE_SERVICES } from './run-serverless.ts';
import { parseSampleTarget } from './sample-options.ts';

const { stage, region } = parseSampleTarget('Usage: npm run remove:sample -- [options]');

const account = await checkAwsAccount(region);
if (!account.ok) {
  console.error(`${NO_CREDENTIALS_HELP}\n\n(The AWS SDK said: ${account.reason})`);
  process.exit(1);
}

// The authentication lesson's API first: it was deployed second.
for (const { config, what } of [...SAMPLE_SERVICES].reverse()) {
  const removal = await runServerless(['remove', '--stage', stage, '--region', region], { config });
  if (removal.code !== 0) {
    console.error(`\nThe removal of ${what} failed; see the message above. Your URLs stay saved until the stacks are gone.`);
    process.exit(1);
  }
}
await writeDeployedEndpoints({});
console.log(`\nThe sample backend and the authentication lesson's API (stage "${stage}", ${region}) are removed, and the site no longer offers their URLs.`);
