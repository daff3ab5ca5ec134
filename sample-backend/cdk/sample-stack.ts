/**
 * The sample backend as an AWS CDK stack, for readers who deploy with the CDK: the same WebSocket
 * API, handlers, tables, per-function permissions and throttling as serverless.yml, checked by the
 * same assertions (test/integration/sample-cdk.test.ts). The authentication lesson's API is
 * deployed with serverless.auth.yml only.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { join } from 'node:path';

/** The name serverless.yml gives the service: tables and functions are named after it, as there. */
const SERVICE = 'apigw-websocket-tutorial';
const HANDLERS = join(import.meta.dirname, '..', 'handlers');

type TableAccess = 'PutItem' | 'DeleteItem' | 'Scan' | 'UpdateItem' | 'Query';

interface RouteFunction {
  /** The function's key, as in serverless.yml. */
  key: string;
  route: string;
  /** Sends its body back as the route response. */
  twoWay?: boolean;
  memorySize?: number;
  connections?: TableAccess[];
  events?: TableAccess[];
  /** Replies through @connections. */
  replies?: boolean;
}

/** What each handler calls, and so all its role allows (beside writing its own log). */
const FUNCTIONS: RouteFunction[] = [
  { key: 'connect', route: '$connect', connections: ['PutItem'], events: ['PutItem'] },
  { key: 'disconnect', route: '$disconnect', connections: ['DeleteItem'] },
  { key: 'default', route: '$default', events: ['PutItem'], replies: true },
  { key: 'whoami', route: 'whoami', events: ['PutItem'], replies: true },
  { key: 'broadcast', route: 'broadcast', connections: ['Scan', 'UpdateItem', 'DeleteItem'], events: ['PutItem'], replies: true },
  { key: 'push', route: 'push', events: ['PutItem'], replies: true },
  { key: 'inspect', route: 'inspect', events: ['PutItem', 'Query'], replies: true },
  { key: 'ping', route: 'ping', memorySize: 128 },
  { key: 'time', route: 'time', twoWay: true, events: ['PutItem'] },
];

export interface SampleStackProps extends StackProps {
  stage: string;
}

export class SampleStack extends Stack {
  constructor(scope: Construct, id: string, props: SampleStackProps) {
    super(scope, id, props);
    const { stage } = props;
    const prefix = `${SERVICE}-${stage}`;

    // $disconnect is best effort: rows of connections that vanished expire on their own (TTL).
    const connections = new Table(this, 'ConnectionsTable', {
      tableName: `${prefix}-connections`,
      billingMode: BillingMode.PAY_PER_REQUEST,
      partitionKey: { name: 'connectionId', type: AttributeType.STRING },
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const events = new Table(this, 'EventsTable', {
      tableName: `${prefix}-events`,
      billingMode: BillingMode.PAY_PER_REQUEST,
      partitionKey: { name: 'connectionId', type: AttributeType.STRING },
      sortKey: { name: 'at', type: AttributeType.STRING },
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Route by the "action" field of a JSON message; anything else goes to $default.
    const api = new WebSocketApi(this, 'WebsocketsApi', { apiName: prefix, routeSelectionExpression: '$request.body.action' });
    const apiStage = new WebSocketStage(this, 'Stage', {
      webSocketApi: api,
      stageName: stage,
      autoDeploy: true,
      // Each route on its own may take 50 requests per second (burst 100): a public demo endpoint cannot be flooded.
      throttle: { rateLimit: 50, burstLimit: 100 },
    });

    // @connections: only POST (the handlers only send), only this API's own stage. The CDK's
    // grantManagementApiAccess would allow GET and DELETE too.
    const postToThisStage = new PolicyStatement({
      actions: ['execute-api:ManageConnections'],
      resources: [this.formatArn({ service: 'execute-api', resource: api.apiId, resourceName: `${stage}/POST/@connections/*` })],
    });

    for (const fn of FUNCTIONS) {
      const name = `${prefix}-${fn.key}`;
      const logGroup = new LogGroup(this, `${fn.key}-logs`, { logGroupName: `/aws/lambda/${name}`, retention: RetentionDays.TWO_WEEKS, removalPolicy: RemovalPolicy.DESTROY });
      // A role of its own, instead of the CDK's default with logs on every log group.
      const role = new Role(this, `${fn.key}-role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
      logGroup.grant(role, 'logs:CreateLogStream', 'logs:PutLogEvents');
      if (fn.connections) connections.grant(role, ...fn.connections.map((action) => `dynamodb:${action}`));
      if (fn.events) events.grant(role, ...fn.events.map((action) => `dynamodb:${action}`));
      if (fn.replies) role.addToPolicy(postToThisStage);
      const handler = new NodejsFunction(this, fn.key, {
        functionName: name,
        entry: join(HANDLERS, `${fn.key}.ts`),
        runtime: Runtime.NODEJS_24_X,
        architecture: Architecture.ARM_64,
        memorySize: fn.memorySize ?? 256,
        timeout: Duration.seconds(10),
        role,
        logGroup,
        environment: { CONNECTIONS_TABLE: connections.tableName, EVENTS_TABLE: events.tableName },
        // As serverless-esbuild does for serverless.yml: one small ES module, the SDK left to the runtime.
        bundling: { format: OutputFormat.ESM, minify: true, sourceMap: false, target: 'node24', externalModules: ['@aws-sdk/*'] },
      });
      api.addRoute(fn.route, { integration: new WebSocketLambdaIntegration(`${fn.key}-integration`, handler), returnResponse: fn.twoWay ?? false });
    }

    // The URL to connect to, with the partition's DNS suffix.
    new CfnOutput(this, 'WebSocketUrl', { value: apiStage.url });
  }
}
