/** The `--stage` and `--region` options `deploy:sample` and `remove:sample` share. */
import { parseArgs } from 'node:util';

export interface SampleTarget {
  stage: string;
  region: string;
}

export function parseSampleTarget(usage: string): SampleTarget {
  const { values } = parseArgs({
    options: {
      stage: { type: 'string', default: 'dev' },
      region: { type: 'string', default: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(`${usage}

  --stage <name>     stage name, part of every resource name (default dev)
  --region <region>  AWS Region (default AWS_REGION, or us-east-1)`);
    process.exit(0);
  }
  if (!/^[a-zA-Z0-9-]+$/.test(values.stage)) {
    console.error(`--stage may contain only letters, digits and hyphens, got "${values.stage}"`);
    process.exit(1);
  }
  return { stage: values.stage, region: values.region };
}
