import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { isZeroDecimal, subtractDecimals, sumDecimals } from '../../format/exact-decimal';
import type { MessageKey } from '../../i18n/catalog';
import { useT } from '../../i18n/I18nProvider';
import {
  usePeriodDetail,
  usePeriodDifferences,
  usePeriodLines,
  useReviewActions,
  type ActionOutcome,
  type LineSide,
  type LineView,
  type PeriodLine,
} from '../../services/period';
import { EventWatermark } from '../../services/event-watermark';
import { useLiveUpdates, type LiveEventSeen } from '../../services/live';
import { useRefusalMessage } from '../../services/refusals';
import { useSession } from '../../services/session';

/** Codes after which the screen was out of date: it shows the new state, the clerk keeps their place. */
const OUT_OF_DATE = new Set(['STALE_VERSION', 'WRONG_STATE']);

export interface Notice {
  type: 'success' | 'warning' | 'error';
  text: string;
  /** Each action's notice its own: the page shows it as new even when the text is the last one's. */
  id: number;
}

let lastNoticeId = 0;
const noticeOf = (type: Notice['type'], text: string): Notice => ({ type, text, id: ++lastNoticeId });

type Selection = ReadonlyMap<string, PeriodLine>;

/** Keeps the selected lines that are still there to match, with their state as the server says now. */
function stillValid(selection: Selection, reloaded: PeriodLine[] | undefined): Selection {
  if (!reloaded) return selection;
  const fresh = new Map(reloaded.map((line) => [line.id, line]));
  const kept = new Map<string, PeriodLine>();
  for (const [id, line] of selection) {
    const now = fresh.get(id) ?? line;
    if (now.matchState !== 'MATCHED') kept.set(id, now);
  }
  return kept;
}

/** One side of the table: its lines, what is shown of them, and what the clerk selected. */
/** Where each side keeps its search and view in the page's address (?ours=…&theirsView=…). */
const SIDE_PARAMS = {
  OURS: { search: 'ours', view: 'oursView' },
  THEIRS: { search: 'theirs', view: 'theirsView' },
} as const;
const VIEWS: readonly LineView[] = ['ALL', 'UNMATCHED', 'SUGGESTED', 'MATCHED'];

/** A side's search and view, kept in the address: a shared link and back/forward show the same lines. */
function useSideAddress(side: LineSide) {
  const [params, setParams] = useSearchParams();
  const names = SIDE_PARAMS[side];
  const search = params.get(names.search) ?? '';
  const view = VIEWS.find((candidate) => candidate === params.get(names.view)) ?? 'ALL';
  const set = useCallback(
    (name: string, value: string, fallback: string) =>
      setParams((previous) => {
        const next = new URLSearchParams(previous);
        if (value.trim() && value !== fallback) next.set(name, value.trim());
        else next.delete(name);
        return next;
      }),
    [setParams],
  );
  const setSearch = useCallback((value: string) => set(names.search, value, ''), [set, names]);
  const setView = useCallback((value: LineView) => set(names.view, value, 'ALL'), [set, names]);
  return { search, setSearch, view, setView };
}

/**
 * `?difference=<id>` (a task's link): that difference of the latest match run, whose lines the two
 * sides then show alone, selected. Read only when the address names one; `clear` shows every line.
 */
function useDifferenceFocus(periodId: string) {
  const [params, setParams] = useSearchParams();
  const id = params.get('difference') ?? undefined;
  const { differences, loading } = usePeriodDifferences(periodId, !id);
  const difference = id ? differences.find((candidate) => candidate.id === id) : undefined;
  const clear = useCallback(
    () =>
      setParams((previous) => {
        const next = new URLSearchParams(previous);
        next.delete('difference');
        return next;
      }),
    [setParams],
  );
  return {
    id,
    difference,
    /** The address names a difference the latest run does not have (settled and re-run, or mistyped). */
    missing: Boolean(id) && !loading && !difference,
    /** Each side's lines to show: none while the difference loads, every line without one. */
    idsOf: (side: LineSide): readonly string[] | undefined =>
      !id || (!loading && !difference)
        ? undefined
        : side === 'OURS'
          ? (difference?.ourEntryIds ?? [])
          : (difference?.theirLineIds ?? []),
    clear,
  };
}

function useSide(periodId: string, side: LineSide, focusIds?: readonly string[]) {
  const { view, setView, search, setSearch } = useSideAddress(side);
  const [selection, setSelection] = useState<Selection>(new Map());
  const lines = usePeriodLines(periodId, side, view, search, focusIds);
  // A difference's lines, once shown, start selected (those still to match): one click to match them.
  const focusKey = focusIds?.join(',');
  const selectedFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!focusKey || lines.loading || selectedFor.current === focusKey) return;
    selectedFor.current = focusKey;
    setSelection(
      new Map(lines.rows.filter((line) => line.matchState !== 'MATCHED').map((line) => [line.id, line])),
    );
  }, [focusKey, lines.loading, lines.rows]);
  const toggle = useCallback((line: PeriodLine, selected: boolean) => {
    setSelection((previous) => {
      const next = new Map(previous);
      if (selected) next.set(line.id, line);
      else next.delete(line.id);
      return next;
    });
  }, []);
  const setSelected = useCallback((selected: PeriodLine[]) => {
    setSelection(new Map(selected.map((line) => [line.id, line])));
  }, []);
  const refresh = useCallback(
    async (keepSelection: boolean, quiet = false) => {
      const reloaded = await lines.reload(quiet);
      setSelection((previous) => (keepSelection ? stillValid(previous, reloaded) : new Map()));
    },
    [lines],
  );
  const sum = useMemo(() => sumDecimals([...selection.values()].map((line) => line.amount)), [selection]);
  return { side, view, setView, search, setSearch, lines, selection, toggle, setSelected, refresh, sum };
}

export type SideState = ReturnType<typeof useSide>;

/**
 * The period page's state: the period, both sides with the clerk's selection and its sums, and
 * `act`, which sends a review action with the version on screen and then shows the new state. On a
 * stale screen the page reloads in place: the selection stays where its lines are still unmatched.
 */
export function usePeriodWorkbench(periodId: string) {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const { state } = useSession();
  const detail = usePeriodDetail(periodId);
  const focus = useDifferenceFocus(periodId);
  const ours = useSide(periodId, 'OURS', focus.idsOf('OURS'));
  const theirs = useSide(periodId, 'THEIRS', focus.idsOf('THEIRS'));
  const actions = useReviewActions(periodId, detail.period?.workflowVersion);
  const [notice, setNotice] = useState<Notice>();
  /** Raised after every action, so the differences and suggestions read again too. */
  const [revision, setRevision] = useState(0);

  // Which live events the page already shows: the clerk's own action reads the page once.
  const watermark = useRef(new EventWatermark());
  /** The clerk's own actions whose read is not done yet (one may start while the last one reads). */
  const acting = useRef(0);
  const refreshAll = useCallback(
    async (keepSelection: boolean, quiet = false) => {
      watermark.current.readStarts();
      setRevision((value) => value + 1);
      await Promise.all([
        detail.refetch(),
        ours.refresh(keepSelection, quiet),
        theirs.refresh(keepSelection, quiet),
      ]);
    },
    [detail, ours, theirs],
  );

  // What others do (a colleague's match, the customer's answer, the workflow moving on) shows live.
  // A task claimed or released changes nothing this page shows: no reading thousands of lines again.
  // During the clerk's own action its read follows anyway (and reads again after if newer came).
  const onLive = useCallback(
    (events?: readonly LiveEventSeen[]) => {
      if (!watermark.current.arrived(events) || acting.current > 0) return;
      return refreshAll(true);
    },
    [refreshAll],
  );
  const live = useLiveUpdates(['period'], onLive, { periodId, ignoreActions: ['task.'] });

  /** After the clerk's own action: live events wait until its read is done, then read again if newer came. */
  const settle = useCallback(
    async (read: Promise<unknown>) => {
      try {
        await read;
      } finally {
        acting.current -= 1;
      }
      // Someone else's change arrived while the page read: it may not be in that read.
      if (acting.current === 0 && watermark.current.behind()) await refreshAll(true);
    },
    [refreshAll],
  );

  /**
   * Sends one action; true when it was done. An action whose effect on the lines its answer says
   * (a hand match, an undone match) shows it at once and reads the page again in the background;
   * the others show the new state once it is read.
   */
  const act = useCallback(
    async (
      send: () => Promise<ActionOutcome>,
      done: MessageKey,
      clearsSelection = false,
    ): Promise<boolean> => {
      acting.current += 1;
      // Sent first: the page's render below must not hold the request back.
      const sending = send();
      // What the page says next is this action's answer (a dialog shows it as its own). A success
      // on screen stays until then: clearing it drew the whole page (both sides' tables) again at
      // the click, before the request could leave.
      setNotice((shown) => (shown?.type === 'success' ? shown : undefined));
      let outcome: ActionOutcome;
      try {
        outcome = await sending;
      } catch (error) {
        acting.current -= 1;
        setNotice(undefined);
        throw error;
      }
      if (outcome.ok) {
        setNotice(noticeOf('success', t(done)));
        watermark.current.actionAnswered(outcome.eventsThrough);
        if (outcome.patch) {
          ours.lines.patch(outcome.patch);
          theirs.lines.patch(outcome.patch);
          if (clearsSelection) {
            ours.setSelected([]);
            theirs.setSelected([]);
          }
          // Kept: what the clerk selects while the page reads (the matched lines are deselected).
          void settle(refreshAll(true, true)).catch(() => undefined);
          return true;
        }
        await settle(refreshAll(!clearsSelection));
      } else {
        const stale = OUT_OF_DATE.has(outcome.code);
        setNotice(noticeOf(stale ? 'warning' : 'error', refusalMessage(outcome.error)));
        await settle(stale ? refreshAll(true) : Promise.resolve());
      }
      return outcome.ok;
    },
    [ours, theirs, refreshAll, refusalMessage, settle, t],
  );

  const difference = subtractDecimals(theirs.sum, ours.sum);
  return {
    periodId,
    detail,
    focus,
    ours,
    theirs,
    actions,
    act,
    live,
    revision,
    notice,
    clearNotice: () => setNotice(undefined),
    /** The last action's refusal in words (a dialog that sent it shows it: the page's notice is behind its mask). */
    refusal: notice && notice.type !== 'success' ? notice.text : undefined,
    /** Σ theirs − Σ ours of the selection: zero when the selected lines balance. */
    selectionDifference: difference,
    selectionBalances: isZeroDecimal(difference),
    selectedCount: ours.selection.size + theirs.selection.size,
    /** Hides the buttons of actions the role cannot take (the API refuses them regardless). */
    canReview: state.status === 'signedIn' && state.user.role !== 'AUDITOR',
    reviewing: detail.period?.status === 'IN_REVIEW',
  };
}

export type PeriodWorkbench = ReturnType<typeof usePeriodWorkbench>;
