/**
 * What a failed `serverless deploy` left behind, read from CloudFormation rather than assumed, so
 * that the deploy script says "rolled back" only when CloudFormation did roll back.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';

export type StackState = { exists: false } | { exists: true; status: string; reason?: string } | { unknown: string };

export async function readStackState(stackName: string, region: string): Promise<StackState> {
  const cloudFormation = new CloudFormationClient({ region, maxAttempts: 2 });
  try {
    const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }), { abortSignal: AbortSignal.timeout(15_000) });
    const stack = Stacks?.[0];
    if (!stack?.StackStatus) return { exists: false };
    return { exists: true, status: stack.StackStatus, reason: stack.StackStatusReason };
  } catch (error) {
    // CloudFormation's answer for a stack that is not there (or was deleted).
    if (error instanceof Error && /does not exist/.test(error.message)) return { exists: false };
    return { unknown: error instanceof Error ? error.message : String(error) };
  }
}

/** One paragraph on what the stack is now and what to do next; `removeCommand` deletes it. */
export function explainStackState(stackName: string, state: StackState, removeCommand: string): string {
  if ('unknown' in state) {
    return `The state of the stack ${stackName} could not be read (${state.unknown}). Look at it in the CloudFormation console before you try again.`;
  }
  if (!state.exists) return `CloudFormation has no stack ${stackName}: nothing was created, so there is nothing to clean up.`;
  const { status } = state;
  const reason = state.reason ? ` (${state.reason})` : '';
  if (status === 'ROLLBACK_COMPLETE') {
    return `CloudFormation rolled the new stack ${stackName} back${reason}. An empty stack stays behind in ROLLBACK_COMPLETE, and it must be deleted before this stage can be deployed again:\n  ${removeCommand}`;
  }
  if (status === 'UPDATE_ROLLBACK_COMPLETE') {
    return `CloudFormation rolled the update of ${stackName} back${reason}: the previous deployment is still live and unchanged.`;
  }
  if (status.endsWith('_FAILED')) {
    return `The stack ${stackName} is in ${status}${reason}: CloudFormation could not finish or undo its work. Look at its events in the CloudFormation console; deleting it (${removeCommand}) is usually the way out.`;
  }
  if (status.endsWith('_IN_PROGRESS')) {
    return `CloudFormation is still working on ${stackName} (${status}). Wait until it finishes (the CloudFormation console shows it), then try again.`;
  }
  return `The stack ${stackName} is in ${status}: CloudFormation rolled nothing back, so the failure came before or after its update (the message above says which), and the stack is as it was before this deployment.`;
}
