import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ApolloClient } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import type { UserRole } from '../graphql/schema-types.generated';
import { refusalOf } from './refusals';
import { sessionEnded } from './session-events';
import { rememberSignedIn } from './session-hint';
import {
  CompleteSignInDocument,
  CurrentUserDocument,
  SignInDocument,
  SignOutDocument,
} from './session.generated';

export type Role = UserRole;
export const ROLES: readonly Role[] = ['CLERK', 'MANAGER', 'AUDITOR', 'ADMIN'];

export interface SignedInUser {
  name: string;
  role: Role;
  /** Two-factor sign-in is on for this user. */
  twoFactorEnabled: boolean;
  /** The role requires two-factor sign-in and the user has none: the session may only enrol. */
  mustEnrol: boolean;
}

/**
 * What the password step led to: signed in, or a second step with a code (the challenge is good
 * for five minutes and for `completeSignIn` only).
 */
export type PasswordOutcome = { kind: 'signedIn' } | { kind: 'secondFactor'; challenge: string };

export type SessionState =
  | { status: 'loading' }
  /** `why`: the user just signed out, or the server ended the session under them. */
  | { status: 'anonymous'; why?: 'signedOut' | 'ended' }
  | { status: 'signedIn'; user: SignedInUser }
  | { status: 'unreachable'; error: unknown };

interface Session {
  state: SessionState;
  signIn(email: string, password: string): Promise<PasswordOutcome>;
  /** A sign-in's second step: the challenge and the authenticator's code (or a recovery code). */
  completeSignIn(challenge: string, code: string): Promise<void>;
  signOut(): Promise<void>;
  /** The server said UNAUTHENTICATED to a signed-in page: forget the user, keep a note why. */
  ended(): void;
  reload(): Promise<void>;
}

type SessionStart = {
  mustEnrol: boolean;
  user: { displayName: string; role: Role; twoFactorEnabled: boolean };
};

const SessionContext = createContext<Session | null>(null);

const asRole = (role: string | null | undefined): Role | undefined =>
  ROLES.includes(role as Role) ? (role as Role) : undefined;

/** Who is signed in, as the server sees it now. */
async function askServer(client: ApolloClient): Promise<SessionState> {
  try {
    const { data } = await client.query({ query: CurrentUserDocument, fetchPolicy: 'network-only' });
    const role = asRole(data?.me.role);
    return data?.me.kind === 'user' && role
      ? {
          status: 'signedIn',
          user: {
            name: data.me.name ?? '',
            role,
            twoFactorEnabled: Boolean(data.me.twoFactorEnabled),
            mustEnrol: Boolean(data.me.mustEnrol),
          },
        }
      : { status: 'anonymous' };
  } catch (error) {
    return refusalOf(error).code === 'UNAUTHENTICATED'
      ? { status: 'anonymous' }
      : { status: 'unreachable', error };
  }
}

/** The session query sent as the app's script runs (startSessionQuery), until the provider takes it. */
let startedQuery: { client: ApolloClient; state: Promise<SessionState> } | undefined;

/**
 * Sends the session query as the app starts instead of after React's first commit: under load the
 * first commit came 300–600 ms after the script ran (the page's chunks compiling meanwhile), and
 * every staff page waits for this answer. The provider takes the answer when it mounts.
 */
export function startSessionQuery(client: ApolloClient): void {
  startedQuery = { client, state: askServer(client) };
}

/**
 * Who is signed in, as the server says (`me`). The session itself is an http-only cookie the page
 * cannot read; this only mirrors its outcome for the layout, the menu and the route guards.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const reload = useCallback(async () => setState(await askServer(client)), [client]);

  useEffect(() => {
    let current = true;
    const first = startedQuery?.client === client ? startedQuery.state : askServer(client);
    void first.then((next) => {
      if (!current) return;
      if (startedQuery?.state === first) startedQuery = undefined;
      setState(next);
    });
    return () => {
      current = false;
    };
  }, [client]);

  /** A session has started: whatever the previous user's pages cached is not this user's to see. */
  const started = useCallback(
    async (result: SessionStart | undefined) => {
      if (!result?.user) throw new Error('sign-in answered without a user');
      await client.clearStore();
      const { user, mustEnrol } = result;
      setState({
        status: 'signedIn',
        user: { name: user.displayName, role: user.role, twoFactorEnabled: user.twoFactorEnabled, mustEnrol },
      });
    },
    [client],
  );

  const signIn = useCallback(
    async (email: string, password: string): Promise<PasswordOutcome> => {
      const { data } = await client.mutate({ mutation: SignInDocument, variables: { email, password } });
      const challenge = data?.signIn.secondFactor?.challenge;
      if (challenge) return { kind: 'secondFactor', challenge };
      await started(data?.signIn);
      return { kind: 'signedIn' };
    },
    [client, started],
  );

  const completeSignIn = useCallback(
    async (challenge: string, code: string) => {
      const { data } = await client.mutate({
        mutation: CompleteSignInDocument,
        variables: { challenge, code },
      });
      await started(data?.completeSignIn);
    },
    [client, started],
  );

  const signOut = useCallback(async () => {
    try {
      await client.mutate({ mutation: SignOutDocument });
    } finally {
      await client.clearStore();
      setState({ status: 'anonymous', why: 'signedOut' });
    }
  }, [client]);

  const ended = useCallback(() => {
    setState((current) => (current.status === 'signedIn' ? { status: 'anonymous', why: 'ended' } : current));
    void client.clearStore();
  }, [client]);

  useEffect(() => sessionEnded.listen(ended), [ended]);

  // Lets the next start of the app send the opened page's first reads at once (app/first-reads.ts).
  useEffect(() => {
    if (state.status === 'signedIn') rememberSignedIn(state.user.role);
    else if (state.status === 'anonymous') rememberSignedIn(undefined);
  }, [state]);

  const value = useMemo(
    () => ({ state, signIn, completeSignIn, signOut, ended, reload }),
    [state, signIn, completeSignIn, signOut, ended, reload],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
