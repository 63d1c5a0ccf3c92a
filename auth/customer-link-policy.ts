/**
 * What a customer's confirmation link may reach: one policy for GraphQL and the REST routes
 * (#17.10). A link sees its period's statement and its own answer, and answers; nothing else
 * (no Period details, no customer record or other periods, no internal notes, clerk names,
 * evidence or explanations). GraphQL fields outside this list are refused before anything runs.
 */
const EVERY_FIELD = 'every field';

export const CUSTOMER_LINK_GRAPHQL: Readonly<Record<string, ReadonlySet<string> | typeof EVERY_FIELD>> = {
  Query: new Set(['me', 'customerStatement']),
  Mutation: new Set(['confirmStatement', 'disputeStatement']),
  Caller: EVERY_FIELD,
  // What the answering mutations return: the period's row, without anything internal.
  Period: new Set(['id', 'key', 'status', 'periodStart', 'periodEnd', 'currency']),
  CustomerStatement: EVERY_FIELD,
  CustomerStatementLine: EVERY_FIELD,
  CustomerAnswer: EVERY_FIELD,
  CustomerDisputedLine: EVERY_FIELD,
};

/** Reports a link may download (its own period's only): what the customer was sent. */
export const CUSTOMER_LINK_REPORTS: ReadonlySet<string> = new Set(['statement', 'confirmation']);

export function customerLinkMayRead(typeName: string, fieldName: string): boolean {
  if (fieldName === '__typename') return true;
  const allowed = CUSTOMER_LINK_GRAPHQL[typeName];
  return allowed === EVERY_FIELD || (allowed !== undefined && allowed.has(fieldName));
}
