import { retryAfterStepUp } from '../../web/src/services/step-up-retry';

/** A refusal as the app reads it: only its code matters here. */
const refusal = (code: string) => Object.assign(new Error(code), { code });
const codeOf = (error: unknown) => (error as { code?: string }).code ?? 'NETWORK';

/** An action that answers these outcomes in turn (an Error is thrown), counting its runs. */
function scripted(...outcomes: Array<string | Error>) {
  let runs = 0;
  const action = async () => {
    const outcome = outcomes[Math.min(runs, outcomes.length - 1)];
    runs += 1;
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  return { action, runs: () => runs };
}

describe('the step-up retry (web/src/services/step-up-retry.ts)', () => {
  it('passes an answer through without asking for a code', async () => {
    const { action, runs } = scripted('approved');
    const ask = jest.fn(async () => undefined);
    await expect(retryAfterStepUp(action, ask, codeOf)).resolves.toBe('approved');
    expect(ask).not.toHaveBeenCalled();
    expect(runs()).toBe(1);
  });

  it('on STEP_UP_REQUIRED asks for the code, then runs the action once more', async () => {
    const { action, runs } = scripted(refusal('STEP_UP_REQUIRED'), 'approved');
    const ask = jest.fn(async () => undefined);
    await expect(retryAfterStepUp(action, ask, codeOf)).resolves.toBe('approved');
    expect(ask).toHaveBeenCalledTimes(1);
    expect(runs()).toBe(2);
  });

  it('retries once only: a second STEP_UP_REQUIRED goes to the caller', async () => {
    const { action, runs } = scripted(refusal('STEP_UP_REQUIRED'), refusal('STEP_UP_REQUIRED'));
    const ask = jest.fn(async () => undefined);
    await expect(retryAfterStepUp(action, ask, codeOf)).rejects.toMatchObject({ code: 'STEP_UP_REQUIRED' });
    expect(ask).toHaveBeenCalledTimes(1);
    expect(runs()).toBe(2);
  });

  it('cancelling the dialog gives the original refusal and does not run the action again', async () => {
    const first = refusal('STEP_UP_REQUIRED');
    const { action, runs } = scripted(first, 'approved');
    await expect(
      retryAfterStepUp(action, async () => Promise.reject(new Error('cancelled')), codeOf),
    ).rejects.toBe(first);
    expect(runs()).toBe(1);
  });

  it('any other refusal goes to the caller without asking', async () => {
    const { action, runs } = scripted(refusal('MAKER_CHECKER'));
    const ask = jest.fn(async () => undefined);
    await expect(retryAfterStepUp(action, ask, codeOf)).rejects.toMatchObject({ code: 'MAKER_CHECKER' });
    expect(ask).not.toHaveBeenCalled();
    expect(runs()).toBe(1);
  });
});
