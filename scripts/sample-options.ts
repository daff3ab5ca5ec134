/** The `--stage` and `--region` options `deploy:sample` and `remove:sample` share, checked before anything reaches AWS. */
import { parseCommandLine, USAGE_ERROR_EXIT } from './cli-support.ts';
import { readServiceDefinition, SAMPLE_SERVICES } from './sample-services.ts';

export interface SampleTarget {
  stage: string;
  region: string;
}

/** Lambda refuses a function name longer than this. */
const LAMBDA_FUNCTION_NAME_MAX = 64;
/** Letters, digits and hyphens: the characters a CloudFormation stack name (`service-stage`) allows. */
const STAGE_PATTERN = /^[a-zA-Z0-9-]+$/;
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

export function parseSampleTarget(command: string): SampleTarget {
  const usage = `Usage: npm run ${command} -- [options]

  --stage <name>     stage name, part of every resource name (default dev; letters, digits and
                     hyphens, at most ${longestStage()} characters)
  --region <region>  AWS Region (default AWS_REGION, or us-east-1)`;
  const { values } = parseCommandLine(
    {
      options: {
        stage: { type: 'string', default: 'dev' },
        region: { type: 'string', default: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1' },
        help: { type: 'boolean', default: false },
      },
    },
    usage,
  );
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const problem = stageProblem(values.stage) ?? regionProblem(values.region);
  if (problem) {
    console.error(`${problem}\n\n${usage}`);
    process.exit(USAGE_ERROR_EXIT);
  }
  return { stage: values.stage, region: values.region };
}

/** Why `stage` cannot be deployed, or undefined when it can. */
export function stageProblem(stage: string): string | undefined {
  if (!STAGE_PATTERN.test(stage)) return `--stage may contain only letters, digits and hyphens, got "${stage}".`;
  const longest = longestFunctionName(stage);
  if (longest.length > LAMBDA_FUNCTION_NAME_MAX) {
    return `--stage "${stage}" is too long: it would name a Lambda function "${longest}" (${longest.length} characters), and Lambda allows at most ${LAMBDA_FUNCTION_NAME_MAX}. Use a stage of at most ${longestStage()} characters.`;
  }
  return undefined;
}

function regionProblem(region: string): string | undefined {
  return REGION_PATTERN.test(region) ? undefined : `--region must be an AWS Region such as us-east-1 or ap-northeast-1, got "${region}".`;
}

/** The longest stage name whose function names all fit. */
export function longestStage(): number {
  return LAMBDA_FUNCTION_NAME_MAX - (longestFunctionName('').length);
}

/** The longest Lambda function name the sample's services get for `stage`: `${service}-${stage}-${function}`, as the framework names them. */
function longestFunctionName(stage: string): string {
  const names = SAMPLE_SERVICES.flatMap(({ config }) => {
    const service = readServiceDefinition(config);
    return service.functionNames.map((fn) => `${service.name}-${stage}-${fn}`);
  });
  return names.reduce((longest, name) => (name.length > longest.length ? name : longest), '');
}
