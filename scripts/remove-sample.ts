/**
 * `npm run remove:sample -- [--stage dev] [--region us-east-1]`: deletes that stage of the deployed
 * sample backend and the authentication lesson's API, and forgets their URLs, and only theirs: a
 * saved URL of another stage or Region stays.
 */
import { checkAwsAccount, explainAccountFailure } from './aws-account.ts';
import { isEndpointOf, readDeployedEndpoints, writeDeployedEndpoints } from './deployed-endpoint-file.ts';
import { runServerless } from './run-serverless.ts';
import { parseSampleTarget } from './sample-options.ts';
import { SAMPLE_SERVICES, stackName } from './sample-services.ts';
import { explainStackState, readStackState } from './stack-state.ts';

const { stage, region } = parseSampleTarget('remove:sample');

const account = await checkAwsAccount(region);
if (!account.ok) {
  console.error(explainAccountFailure(account, region));
  process.exit(1);
}

const saved = await readDeployedEndpoints();
// The authentication lesson's API first: it was deployed second.
for (const { api, config, what } of [...SAMPLE_SERVICES].reverse()) {
  const stack = stackName(config, stage);
  const state = await readStackState(stack, region);
  if ('exists' in state && !state.exists) {
    console.log(`There is no stack ${stack} in ${region}: ${what} has nothing to remove.`);
  } else if (!(await removeStack(config))) {
    await writeDeployedEndpoints(saved);
    const now = explainStackState(stack, await readStackState(stack, region), 'npm run remove:sample again');
    console.error(`\nThe removal of ${what} failed; see the message above. Its URL stays saved until its stack is gone.\n${now}`);
    process.exit(1);
  }
  const url = saved[api];
  if (url !== undefined && isEndpointOf(url, stage, region)) delete saved[api];
}
await writeDeployedEndpoints(saved);
console.log(`\nThe sample backend and the authentication lesson's API (stage "${stage}", ${region}) are removed, and the site no longer offers their URLs.`);

async function removeStack(config: string): Promise<boolean> {
  return (await runServerless(['remove', '--stage', stage, '--region', region], { config })).code === 0;
}
