/** `npm run remove:sample -- [--stage dev] [--region us-east-1]`: deletes the deployed sample backend and forgets its URL. */
import { checkAwsAccount, NO_CREDENTIALS_HELP } from './aws-account.ts';
import { writeDeployedEndpoint } from './deployed-endpoint-file.ts';
import { runServerless } from './run-serverless.ts';
import { parseSampleTarget } from './sample-options.ts';

const { stage, region } = parseSampleTarget('Usage: npm run remove:sample -- [options]');

const account = await checkAwsAccount(region);
if (!account.ok) {
  console.error(`${NO_CREDENTIALS_HELP}\n\n(The AWS SDK said: ${account.reason})`);
  process.exit(1);
}

const removal = await runServerless(['remove', '--stage', stage, '--region', region]);
if (removal.code !== 0) {
  console.error(`\nThe removal failed; see the message above. Your URL stays saved until the stack is gone.`);
  process.exit(1);
}
await writeDeployedEndpoint(undefined);
console.log(`\nThe sample backend (stage "${stage}", ${region}) is removed, and the site no longer offers its URL.`);
