/**
 * `npm run deploy:sample -- [--stage dev] [--region us-east-1]`: puts the sample backend and the
 * authentication lesson's API in the reader's own AWS account with osls, prints their `wss://`
 * URLs, and leaves them where the site finds them.
 */
import { checkAwsAccount, explainAccountFailure } from './aws-account.ts';
import { endpointFile, readDeployedEndpoints, writeDeployedEndpoints, type DeployedEndpoints } from './deployed-endpoint-file.ts';
import { runServerless } from './run-serverless.ts';
import { parseSampleTarget } from './sample-options.ts';
import { SAMPLE_SERVICES, stackName } from './sample-services.ts';
import { explainStackState, readStackState } from './stack-state.ts';

const { stage, region } = parseSampleTarget('deploy:sample');
const target = ['--stage', stage, '--region', region];
const removeCommand = `npm run remove:sample -- --stage ${stage} --region ${region}`;

const account = await checkAwsAccount(region);
if (!account.ok) {
  console.error(explainAccountFailure(account, region));
  process.exit(1);
}

// URLs saved before stay unless this run replaces them: a failure halfway must not forget a live endpoint.
const endpoints: DeployedEndpoints = await readDeployedEndpoints();
for (const { api, config, what } of SAMPLE_SERVICES) {
  console.log(`Deploying ${what} (sample-backend/${config}) as ${account.arn}, stage "${stage}", Region ${region}.\n`);
  const deploy = await runServerless(['deploy', ...target], { config });
  if (deploy.code !== 0) {
    const stack = stackName(config, stage);
    const state = await readStackState(stack, region);
    const deployedFirst = api !== SAMPLE_SERVICES[0].api ? ` ${SAMPLE_SERVICES[0].what} was deployed before it, and its URL is saved.` : '';
    console.error(`\nThe deployment of ${what} failed; the message above says why.${deployedFirst}\n${explainStackState(stack, state, removeCommand)}`);
    await writeDeployedEndpoints(endpoints);
    process.exit(1);
  }
  const info = await runServerless(['info', '--verbose', ...target], { quiet: true, config });
  const url = /WebSocketUrl:\s*(wss:\/\/\S+)/.exec(info.output)?.[1] ?? /(wss:\/\/\S+)/.exec(deploy.output)?.[1];
  if (!url) {
    console.error(`Deployed, but the wss:// URL of ${what} could not be read from \`serverless info\`. Run it yourself: cd sample-backend && npx serverless info --verbose --config ${config}`);
    await writeDeployedEndpoints(endpoints);
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
  ${removeCommand}     to delete it all when you are done

A web page from another site may connect to the authentication lesson's API only if you list its
origin when you deploy: ALLOWED_ORIGINS=https://example.com npm run deploy:sample`);
