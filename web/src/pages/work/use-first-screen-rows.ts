import { startTransition, useEffect, useState } from 'react';

/** A row of the work list is at least this tall (antd's middle size: 12 px padding, 22 px line, border). */
const MIN_ROW_PX = 47;

/**
 * The list's first row is at least this far down the window, on any width: the frame's header
 * (64 px), the card's padding, the title row, the filters, the keys' line and the table's header
 * row come first (~330 px on a wide window, more where they wrap).
 */
const LIST_TOP_MIN_PX = 240;

/** How many rows a screen of this height can show at most (the list's top is lower than LIST_TOP_MIN_PX). */
export const rowsOnOneScreen = (screenHeight: number) =>
  Math.max(1, Math.ceil((screenHeight - LIST_TOP_MIN_PX) / MIN_ROW_PX));

/**
 * The rows to draw: at first only those that can be on screen, the rest once that has been painted
 * (in a transition, so React yields to the browser between rows). Each of the 50 rows is a dozen
 * Ant Design components; drawing the first screen's alone puts the list on screen in ~⅓ of the time
 * (12 rows in an 800 px window: the 18 that would fill it from its top were a third more work).
 * Once the whole list has been drawn it stays whole (a longer list after "load more" or a live
 * update is drawn at once).
 */
export function useFirstScreenRows<T>(rows: readonly T[], screenRows = rowsOnOneScreen(window.innerHeight)) {
  const [whole, setWhole] = useState(false);
  const cut = !whole && rows.length > screenRows;
  useEffect(() => {
    if (!cut) return;
    // After the paint: a frame, then a task.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setWhole(true)));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [cut]);
  return cut ? rows.slice(0, screenRows) : rows;
}
