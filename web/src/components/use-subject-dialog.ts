import { useState } from 'react';
import { useRefusalMessage } from '../services/refusals';

/**
 * A page's dialog about one subject (an adjustment to decide, a customer's limit to ask for) and
 * the page's line saying what was done. A refusal keeps the dialog open with the reason, as typed.
 */
export function useSubjectDialog<Subject>() {
  const refusalMessage = useRefusalMessage();
  const [open, setOpen] = useState<{ subject: Subject; refusal?: string }>();
  const [done, setDone] = useState<string>();
  return {
    subject: open?.subject,
    refusal: open?.refusal,
    open: (subject: Subject) => setOpen({ subject }),
    close: () => setOpen(undefined),
    /** The page's success line (undefined: none). */
    done,
    setDone,
    /** Does the action on the open subject; what it resolves to is the success line. */
    run: async (action: (subject: Subject) => Promise<string>) => {
      if (!open) return;
      setDone(undefined);
      try {
        setDone(await action(open.subject));
        setOpen(undefined);
      } catch (failure) {
        setOpen({ ...open, refusal: refusalMessage(failure) });
      }
    },
  };
}
