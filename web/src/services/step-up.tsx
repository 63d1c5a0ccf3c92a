import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import { useMutation } from '@apollo/client/react';
import { StepUpModal } from '../components/StepUpModal';
import { refusalOf } from './refusals';
import { retryAfterStepUp } from './step-up-retry';
import { StepUpDocument } from './session.generated';

/** Runs an action; when the server asks for the second factor again, asks for a code and runs it once more. */
export type WithStepUp = <T>(action: () => Promise<T>) => Promise<T>;

const StepUpContext = createContext<WithStepUp | null>(null);

interface Pending {
  resolve(): void;
  reject(): void;
}

/**
 * Sensitive actions (approving above the second threshold, creating API keys) may be refused with
 * STEP_UP_REQUIRED: the dialog asks for the authenticator's code, proves it (`stepUp`, which marks
 * the session), and the action is retried once. Cancelling gives the caller the original refusal.
 */
export function StepUpProvider({ children }: { children: ReactNode }) {
  const [asking, setAsking] = useState(false);
  const pending = useRef<Pending | null>(null);
  const [stepUp, stepping] = useMutation(StepUpDocument);

  const askForCode = useCallback(
    () =>
      new Promise<void>((resolve, reject) => {
        pending.current = { resolve, reject };
        setAsking(true);
      }),
    [],
  );

  const withStepUp = useCallback<WithStepUp>(
    (action) => retryAfterStepUp(action, askForCode, (error) => refusalOf(error).code),
    [askForCode],
  );

  const settle = (outcome: 'resolve' | 'reject') => {
    const current = pending.current;
    pending.current = null;
    setAsking(false);
    current?.[outcome]();
  };

  return (
    <StepUpContext.Provider value={withStepUp}>
      {children}
      {asking && (
        <StepUpModal
          busy={stepping.loading}
          onSubmit={async (code) => {
            await stepUp({ variables: { code: code.trim() } });
            settle('resolve');
          }}
          onCancel={() => settle('reject')}
        />
      )}
    </StepUpContext.Provider>
  );
}

/** `withStepUp(action)`: inside the signed-in frame (AppLayout mounts the provider). */
export function useStepUp(): WithStepUp {
  const withStepUp = useContext(StepUpContext);
  if (!withStepUp) throw new Error('useStepUp outside StepUpProvider');
  return withStepUp;
}
