/**
 * `npm run deploy:sample -- [--stage dev] [--region us-east-1]`: puts the sample backend and the
 * authentication lesson's API in the reader's own AWS account with osls, prints their `wss://`
 * URLs, and leaves them where the site finds them.
 */
import { checkAwsAccount, NO_CREDENTIALS_HELP } from './aws-account.ts';
import { endpointFile, writeDeployedEndpoints, type DeployedEndpoints } from './deployed-endpoint-file.ts';
import { runServerless, SAMPLE_SERVICES } from './run-serverless.ts';
import { parseSampleTarget } from './sample-options.ts';

const { stage, region } = parseSampleTarget('Usage: npm run deploy:sample -- [options]');
const target = ['--stage', stage, '--region', region];

const account = await checkAwsAccount(region);
if (!account.ok) {
  console.error(`${NO_CREDENTIALS_HELP}\n\n(The AWS SDK said: ${account.reason})`);
  process.exit(1);
}

const endpoints: DeployedEndpoints = {};
for (const { api, config, what } of SAMPLE_SERVICES) {
  console.log(`Deploying ${what} (sample-backend/${config}) as ${account.arn}, stage "${stage}", Region ${region}.\n`);
  const deploy = await runServerless(['deploy', ...target], { config });
  if (deploy.code !== 0) {
    console.error(`
The deployment of ${what} failed, and CloudFormation rolled back what it had started.${Object.keys(endpoints).length > 0 ? '' : ' The site was not changed.'}
If this was the first deployment of stage "${stage}", remove the empty stack before trying again:
  npm run remove:sample -- --stage ${stage} --region ${region}`);
    await writeDeployedEndpoints(endpoints);
    process.exit(1);
  }
  const info = await runServerless(['info', '--verbose', ...target], { quiet: true, config });
  const url = /WebSocketUrl:\s*(wss:\/\/\S+)/.exec(info.output)?.[1] ?? /(wss:\/\/\S+)/.exec(deploy.output)?.[1];
  if (!url) {
    console.error(`Deployed, but the wss:// URL of ${what} could not be read from \`serverless info\`. Run it yourself: cd sample-backend && npx serverless info --verbose --config ${config}`);
    process.exit(1);
  }
  endpoints[api] = url;
}
await writeDeployedEndpoints(endpoints);

console.log(`
Your WebSocket APIs are live:

  ${endpoints.sample}          the sample backend
  ${endpoints.auth}          the authentication lesson's API ($connect has an authorizer)

They are saved in ${endpointFile()} for the site. Next:
  npm start                          the lessons now offer "Use my deployed endpoint"
  npx wscat -c ${endpoints.sample}      to talk to it from a terminal
  npx wscat -c "${endpoints.auth}?token=tutorial-token-alice"
  npm run remove:sample -- --stage ${stage} --region ${region}     to delete it all when you are done

A web page from another site may connect to the authentication lesson's API only if you list its
origin when you deploy: ALLOWED_ORIGINS=https://example.com npm run deploy:sample`);
