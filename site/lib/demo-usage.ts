/**
 * The usage the deploy lesson prices: one reader trying the sample for 30 minutes a day,
 * sending 100 small messages a day, each answered by one reply, for 30 days.
 */
import { monthlyCost } from '../client/pricing.ts';

export const DEMO_USAGE = {
  days: 30,
  minutesPerDay: 30,
  sentPerDay: 100,
  repliesPerMessage: 1,
  messageBytes: 200,
};

export const DEMO_MESSAGES = DEMO_USAGE.days * DEMO_USAGE.sentPerDay * (1 + DEMO_USAGE.repliesPerMessage);
export const DEMO_CONNECTION_MINUTES = DEMO_USAGE.days * DEMO_USAGE.minutesPerDay;

export function demoCost(region: 'us-east-1' | 'ap-northeast-1') {
  return monthlyCost({ region, messages: DEMO_MESSAGES, messageBytes: DEMO_USAGE.messageBytes, connectionMinutes: DEMO_CONNECTION_MINUTES });
}
