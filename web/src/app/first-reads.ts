import type { ApolloClient } from '@apollo/client';
import { matchPath } from 'react-router';
import { firstReadStarted } from '../services/first-reads';
import { isRecordId } from '../services/ids';
import { firstLinesVariables, LINES_FETCH_POLICY } from '../services/period';
import {
  PeriodDetailDocument,
  PeriodOurLinesUnmatchedFirstDocument,
  PeriodTheirLinesUnmatchedFirstDocument,
} from '../services/period.generated';
import { signedInRoleHint } from '../services/session-hint';
import { WORK_PAGE_SIZE } from '../services/work';
import { workChoiceOf, workFilterOf } from '../services/work-choice';
import { watchWorkFirstScreen } from '../services/work-first-screen';
import { MyTaskCountsDocument, WorkTasksDocument } from '../services/work.generated';
import { APP_PATHS } from './paths';
import { STAFF_PAGES } from './staff-pages';

/** The period page's address parameters that change what it reads first (a search, a view, a difference). */
const PERIOD_READ_PARAMS = ['ours', 'theirs', 'oursView', 'theirsView', 'difference'];

/**
 * Sends the opened page's first reads as the app starts, alongside the session query, when this
 * browser's last user was signed in with a role that may open the page (else nothing: the page
 * reads after the session, as before). My work: its tasks and counts; a period: its detail and
 * each side's first lines. The page takes them when it mounts (services/first-reads.ts).
 */
export function startFirstReads(client: ApolloClient, location: Pick<Location, 'pathname' | 'search'>) {
  const role = signedInRoleHint();
  const page = STAFF_PAGES.find(({ path }) => matchPath(path, location.pathname));
  if (!role || !page || !page.roles.some((allowed) => allowed === role)) return;
  const params = new URLSearchParams(location.search);
  if (page.path === APP_PATHS.work) {
    const filter = workFilterOf(workChoiceOf(params));
    // A due-time window is fixed when the page makes its choice: its variables would differ.
    if (filter.dueBefore) return;
    const tasks = { filter, first: WORK_PAGE_SIZE };
    // The page's first script sent them: the page draws its first screen from its answers and
    // hands them to Apollo after the first paint (services/work-first-screen.ts).
    if (watchWorkFirstScreen(tasks)) return;
    firstReadStarted('WorkTasks', tasks, client.query({ query: WorkTasksDocument, variables: tasks }));
    firstReadStarted('MyTaskCounts', {}, client.query({ query: MyTaskCountsDocument }));
  }
  const period = matchPath(APP_PATHS.period, location.pathname);
  // An address whose id names no record reads nothing: the page says "not found" by itself.
  const id = period?.params.periodId;
  if (isRecordId(id) && !PERIOD_READ_PARAMS.some((name) => params.has(name))) {
    firstReadStarted(
      'PeriodDetail',
      { id },
      client.query({ query: PeriodDetailDocument, variables: { id } }),
    );
    const lines = firstLinesVariables(id);
    firstReadStarted(
      'PeriodOurLinesUnmatchedFirst',
      lines,
      client.query({
        query: PeriodOurLinesUnmatchedFirstDocument,
        variables: lines,
        fetchPolicy: LINES_FETCH_POLICY,
      }),
    );
    firstReadStarted(
      'PeriodTheirLinesUnmatchedFirst',
      lines,
      client.query({
        query: PeriodTheirLinesUnmatchedFirstDocument,
        variables: lines,
        fetchPolicy: LINES_FETCH_POLICY,
      }),
    );
  }
}
