import { useEffect, useRef, useState, type HTMLAttributes } from 'react';

/** Rows per page of the period page's panels. */
export const PANEL_PAGE_SIZE = 20;
const FOCUS_ROW_STYLE = { background: '#e6f4ff', outline: '2px solid #1677ff', outlineOffset: -2 };

/** A table row's attributes; `data-focused` marks the row a link named (the browser tests find it). */
type RowAttributes = HTMLAttributes<HTMLElement> & { 'data-focused'?: 'true' };

/**
 * The row a task's link names, in a paged table (`data-testid` `tableTestId`): its page shown, the
 * row marked and scrolled into view, once per id, so a refetch does not pull the reader back.
 * Returns the table's pagination and `onRow`, and the page on screen.
 */
export function useFocusedRow<Row extends { id: string }>(
  rows: readonly Row[],
  focusId: string | undefined,
  tableTestId: string,
) {
  const [page, setPage] = useState(1);
  const shownFocus = useRef<string | undefined>(undefined);
  const focusIndex = focusId ? rows.findIndex((row) => row.id === focusId) : -1;
  useEffect(() => {
    if (focusIndex < 0 || shownFocus.current === focusId) return;
    shownFocus.current = focusId;
    setPage(Math.floor(focusIndex / PANEL_PAGE_SIZE) + 1);
    // After the page's rows render.
    requestAnimationFrame(() =>
      document
        .querySelector(`[data-testid="${tableTestId}"] tr[data-row-key="${CSS.escape(focusId ?? '')}"]`)
        ?.scrollIntoView({ block: 'center' }),
    );
  }, [focusId, focusIndex, tableTestId]);
  const onRow = (row: Row): RowAttributes =>
    row.id === focusId ? { 'aria-current': 'true', 'data-focused': 'true', style: FOCUS_ROW_STYLE } : {};
  const pagination = { pageSize: PANEL_PAGE_SIZE, hideOnSinglePage: true, current: page, onChange: setPage };
  return { page, pagination, onRow };
}
