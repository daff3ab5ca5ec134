/**
 * The people the authentication lesson's authorizer knows, keyed by the token each one presents.
 * The tokens are printed in the lesson, so they prove nothing: a real authorizer verifies a signed
 * token here (a JWT from Amazon Cognito or another identity provider) instead of looking one up.
 */
export interface DemoUser {
  userId: string;
  name: string;
  /** A banned user is known but refused: the authorizer answers with a Deny policy. */
  banned: boolean;
}

export const DEMO_USERS: Readonly<Record<string, DemoUser>> = {
  'tutorial-token-alice': { userId: 'alice', name: 'Alice', banned: false },
  'tutorial-token-mallory': { userId: 'mallory', name: 'Mallory', banned: true },
};

export function userForToken(token: string | undefined): DemoUser | undefined {
  return token === undefined ? undefined : Object.hasOwn(DEMO_USERS, token) ? DEMO_USERS[token] : undefined;
}
