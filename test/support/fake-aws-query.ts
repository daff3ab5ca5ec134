/**
 * A stand-in for an AWS Query-protocol service (STS, CloudFormation) on 127.0.0.1, for testing what
 * the deploy scripts tell the reader when AWS answers, refuses, or says nothing. Point the SDK at it
 * with AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL_CLOUDFORMATION.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface QueryAnswer {
  status: number;
  xml: string;
}

/** `answer` gets the request's Action and parameters; returning undefined leaves the request unanswered. */
export async function startFakeAwsQuery(answer: (action: string, params: URLSearchParams) => QueryAnswer | undefined): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const params = new URLSearchParams(body);
      const reply = answer(params.get('Action') ?? '', params);
      if (!reply) return;
      response.writeHead(reply.status, { 'content-type': 'text/xml' });
      response.end(reply.xml);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function queryError(status: number, code: string, message: string): QueryAnswer {
  return { status, xml: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>test</RequestId></ErrorResponse>` };
}

export const CALLER_IDENTITY: QueryAnswer = {
  status: 200,
  xml: `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/reader</Arn><UserId>AIDATEST</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>test</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
};

export function describedStack(name: string, status: string, reason?: string): QueryAnswer {
  return {
    status: 200,
    xml: `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member><StackName>${name}</StackName><StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/${name}/1</StackId><CreationTime>2026-12-01T00:00:00Z</CreationTime><StackStatus>${status}</StackStatus>${reason ? `<StackStatusReason>${reason}</StackStatusReason>` : ''}</member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>test</RequestId></ResponseMetadata></DescribeStacksResponse>`,
  };
}
