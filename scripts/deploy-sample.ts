/**
 * `npm run deploy:sample -- [--stage dev] [--region us-east-1]`: puts the sample backend in the
 * reader's own AWS account with osls, prints the `wss://` URL, and leaves it where the site finds it.
 */
import { checkAwsAccount, NO_CREDENTIALS_HELP } from './aws-account.ts';
import { endpointFile, writeDeployedEndpoint } from './deployed-endpoint-file.ts';
import { runServerless } from './run-serverless.ts';
import { parseSampleTarget } from './sample-options.ts';

const { stage, region } = parseSampleTarget('Usage: npm run deploy:sample -- [options]');
const target = ['--stage', stage, '--region', region];

const account = await checkAwsAccount(region);
if (!account.ok) {
  console.error(`${NO_CREDENTIALS_HELP}\n\n(The AWS SDK said: ${account.reason})`);
  process.exit(1);
}
console.log(`Deploying the sample backend as ${account.arn}, stage "${stage}", Region ${region}.\n`);

const deploy = await runServerless(['deploy', ...target]);
if (deploy.code !== 0) {
  console.error(`
The deployment failed, and CloudFormation rolled back what it had started. The site was not changed.
If this was the first deployment of stage "${stage}", remove the empty stack before trying again:
  npm run remove:sample -- --stage ${stage} --region ${region}`);
  process.exit(1);
}

const info = await runServerless(['info', '--verbose', ...target], { quiet: true });
const url = /WebSocketUrl:\s*(wss:\/\/\S+)/.exec(info.output)?.[1] ?? /(wss:\/\/\S+)/.exec(deploy.output)?.[1];
if (!url) {
  console.error('Deployed, but the wss:// URL could not be read from `serverless info`. Run it yourself: cd sample-backend && npx serverless info --verbose');
  process.exit(1);
}
await writeDeployedEndpoint(url);

console.log(`
Your WebSocket API is live:

  ${url}

It is saved in ${endpointFile()} for the site. Next:
  npm start                          the lessons now offer "Use my deployed endpoint"
  npx wscat -c ${url}      to talk to it from a terminal
  npm run remove:sample -- --stage ${stage} --region ${region}     to delete it all when you are done`);
