import type { Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { timeStep, totp } from '../../../auth/totp';
import { SYSTEM_ACTORS } from '../../../contract/actor';
import { enrolKnownSecret, totpSealKey } from '../../../users/two-factor.service';
import { TEST_SECRETS } from '../../support/harness-api';

/**
 * Browser tests sign in as managers and admins, who must use two-factor sign-in: the stack enrols
 * them with seeds the tests know (through the same service an enrolment uses) and the tests
 * compute each code as an authenticator app would.
 */
export async function enrolWithSeed(dataSource: DataSource, userId: string, seed: Buffer): Promise<void> {
  await enrolKnownSecret(
    dataSource,
    totpSealKey(TEST_SECRETS.tokenSecret),
    userId,
    seed,
    SYSTEM_ACTORS.operator,
  );
}

/** The last time step each seed's code was given for: the server accepts each step once. */
const lastStep = new Map<string, number>();

/**
 * A code the server has not seen yet: the current step's, or the next one's (the server accepts a
 * step either side of now) when this seed's current step was used; otherwise waits for a new step.
 */
export async function freshCode(seed: Buffer): Promise<string> {
  const key = seed.toString('hex');
  for (;;) {
    const now = timeStep(Date.now() / 1000);
    const step = Math.max(now, (lastStep.get(key) ?? -1) + 1);
    if (step <= now + 1) {
      lastStep.set(key, step);
      return totp(seed, step * 30);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Words of the sign-in's code step. */
export const CODE_STEP = {
  'zh-CN': { code: '验证码', submit: '验证' },
  'en-US': { code: 'Code', submit: 'Verify' },
} as const;

/** Answers the sign-in's second step with a fresh code from this seed. */
export async function enterSignInCode(
  page: Page,
  seed: Buffer,
  language: keyof typeof CODE_STEP,
): Promise<void> {
  const words = CODE_STEP[language];
  await page.getByLabel(words.code).fill(await freshCode(seed));
  await page.getByRole('button', { name: words.submit, exact: true }).click();
}
