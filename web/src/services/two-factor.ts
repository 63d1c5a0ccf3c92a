import { useMutation } from '@apollo/client/react';
import {
  BeginTwoFactorEnrolmentDocument,
  ConfirmTwoFactorEnrolmentDocument,
  type BeginTwoFactorEnrolmentMutation,
} from './session.generated';

export type Enrolment = BeginTwoFactorEnrolmentMutation['beginTwoFactorEnrolment'];

/**
 * The signed-in user's enrolment: `begin` answers a fresh seed (QR image, key as text), `confirm`
 * turns it on with a code and answers the recovery codes, once. Neither answer is cached.
 */
export function useTwoFactorEnrolment() {
  const [beginMutation, beginning] = useMutation(BeginTwoFactorEnrolmentDocument, {
    fetchPolicy: 'no-cache',
  });
  const [confirmMutation, confirming] = useMutation(ConfirmTwoFactorEnrolmentDocument, {
    fetchPolicy: 'no-cache',
  });
  return {
    begin: async (): Promise<Enrolment> => {
      const { data } = await beginMutation();
      if (!data) throw new Error('beginTwoFactorEnrolment answered without data');
      return data.beginTwoFactorEnrolment;
    },
    confirm: async (code: string): Promise<string[]> => {
      const { data } = await confirmMutation({ variables: { code: code.trim() } });
      if (!data) throw new Error('confirmTwoFactorEnrolment answered without data');
      return data.confirmTwoFactorEnrolment;
    },
    busy: beginning.loading || confirming.loading,
  };
}

/** The recovery codes as a text file's content (one a line, with what they are for). */
export const recoveryCodesText = (heading: string, codes: readonly string[]) =>
  `${heading}\n\n${codes.join('\n')}\n`;
