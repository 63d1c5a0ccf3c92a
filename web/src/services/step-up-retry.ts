/**
 * The step-up rule, free of React and Apollo: run the action; when it is refused with
 * STEP_UP_REQUIRED, ask for the code (`askForCode` resolves once `stepUp` succeeded, rejects when
 * the user cancels) and run the action once more. Cancelling gives the original refusal; a second
 * refusal is the caller's, never another round.
 */
export async function retryAfterStepUp<T>(
  action: () => Promise<T>,
  askForCode: () => Promise<void>,
  codeOf: (error: unknown) => string,
): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (codeOf(error) !== 'STEP_UP_REQUIRED') throw error;
    await askForCode().catch(() => {
      throw error;
    });
    return action();
  }
}
