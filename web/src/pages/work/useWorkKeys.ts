import { useEffect, useRef } from 'react';

export interface WorkKeys {
  next(): void;
  previous(): void;
  open(): void;
  claim(): void;
  claimNext(): void;
  release(): void;
}

/** Typing in a field (a filter, a search box, a select) is not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return target.getAttribute('role') === 'combobox';
}

/**
 * A dialog is open (e.g. "mark done"): the list behind it is not what the keys are about, and a
 * key pressed there must not release or claim the task the dialog is for.
 */
function dialogOpen(target: EventTarget | null): boolean {
  if (target instanceof HTMLElement && target.closest('[role="dialog"]')) return true;
  return [...document.querySelectorAll('[role="dialog"]')].some(
    (dialog) => dialog.getClientRects().length > 0,
  );
}

/**
 * The work list's keys, anywhere on the page but in a field or an open dialog: j / k move, Enter opens, c claims
 * the selected task, n claims the next one, r releases the selected one. Enter on a button or a link
 * keeps its own meaning.
 */
export function useWorkKeys(keys: WorkKeys) {
  const latest = useRef(keys);
  useEffect(() => {
    latest.current = keys;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (
        event.defaultPrevented ||
        event.altKey ||
        event.ctrlKey ||
        event.metaKey ||
        isTyping(event.target) ||
        dialogOpen(event.target)
      )
        return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      const act: Record<string, (() => void) | undefined> = {
        j: latest.current.next,
        k: latest.current.previous,
        c: latest.current.claim,
        n: latest.current.claimNext,
        r: latest.current.release,
        Enter: target?.closest('button, a') ? undefined : latest.current.open,
      };
      const action = act[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
