import type { SeededUser } from './_api-seed';

/** How every good answer starts: a page of edges, no errors before it. */
const PAGE_START = Buffer.from('{"data":{"myTasks":{"edges":[{');

/**
 * Every answer must be a full page without errors; one in fifty is parsed and checked in depth
 * (parsing them all would spend the machine's CPU in the client, not the server).
 */
export function queueAnswerChecker(users: readonly SeededUser[]) {
  let checked = 0;
  return (status: number, body: Buffer, client: number): void => {
    checked += 1;
    if (
      status !== 200 ||
      !body.subarray(0, PAGE_START.length).equals(PAGE_START) ||
      body.includes('"errors"')
    )
      throw new Error(`my queue failed (${status}): ${body.toString('utf8', 0, 500)}`);
    if (checked % 50 === 0) checkQueuePage(body.toString('utf8'), users[client % users.length]);
  };
}

/** A page of 50 in SLA order, each task open in the user's queues or claimed by them, with its period and customer. */
function checkQueuePage(text: string, user: SeededUser): void {
  type Node = {
    queue: string;
    status: string;
    dueAt: string;
    priority: number;
    assigneeId: string | null;
    period: { customer: { code: string } };
  };
  const edges = (JSON.parse(text) as { data: { myTasks: { edges: Array<{ node: Node }> } } }).data.myTasks
    .edges;
  const queues = user.role === 'MANAGER' ? ['MANAGER', 'CLERK'] : ['CLERK'];
  const wrong = edges.find(
    ({ node }) =>
      !(node.status === 'OPEN' && queues.includes(node.queue)) &&
      !(node.status === 'CLAIMED' && node.assigneeId === user.id),
  );
  const due = edges.map(({ node }) => node.dueAt);
  if (
    edges.length !== 50 ||
    wrong ||
    due.some((d, i) => i > 0 && d < due[i - 1]) ||
    edges.some(({ node }) => !node.period.customer.code)
  )
    throw new Error(`user ${user.id} got a wrong queue page: ${text.slice(0, 500)}`);
}
