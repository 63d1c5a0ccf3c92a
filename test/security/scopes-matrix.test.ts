import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { SERVED_REPORT_KINDS } from '../../api/reports/report-export';
import { hashPassword } from '../../auth/passwords';
import { API_KEY_SCOPES } from '../../auth/policy';
import { UserRole } from '../../contract/enums';
import { User } from '../../entities/user.entity';
import { linkFromOutbox } from '../support/customer-links';
import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { startPlatformStack, type PlatformStack } from './platform-stack';

/**
 * #17 point 11: every role and every API-key scope against every query and mutation (and the two
 * REST routes of the API), over HTTP on the real stack. The expected matrix is written out here, not
 * derived from auth/policy.ts: a change of policy has to change this table too.
 */

const ROLE_GRANTS: Record<UserRole, string[]> = {
  [UserRole.AUDITOR]: ['read', 'audit:read', 'report:read'],
  [UserRole.CLERK]: [
    'read',
    'period:open',
    'period:review',
    'import',
    'template:write',
    'statement:write',
    'receivables:apply',
    'credit:request',
    'collections:work',
  ],
  [UserRole.MANAGER]: [
    'read',
    'period:open',
    'period:review',
    'period:close-exception',
    'adjustment:approve',
    'customer:record-answer',
    'report:read',
    'import',
    'template:write',
    'statement:write',
    'credit:manage',
    'receivables:apply',
    'credit:request',
    'collections:work',
  ],
  [UserRole.ADMIN]: [
    'read',
    'period:open',
    'period:review',
    'period:close-exception',
    'adjustment:approve',
    'customer:record-answer',
    'ledger:write',
    'admin',
    'import',
    'template:write',
    'statement:write',
    'audit:read',
    'report:read',
    'webhook:write',
    'credit:manage',
    'receivables:apply',
    'credit:request',
    'collections:work',
  ],
};

/** Who may call an operation: every listed scope is needed; `users` excludes keys; `anyone` includes the anonymous. */
interface Rule {
  needs?: string[];
  users?: true;
  anyone?: true;
  authenticated?: true;
  customers?: true;
  /** Besides who `needs` names, the customer's link of the period (its own statement and letter). */
  linkToo?: true;
}

const NO_ID = '999999999';
const PASSWORD = 'matrix password 2026';
const P = '$PERIOD'; // replaced by the seeded period's id

/** One document per operation, with arguments that pass GraphQL validation and fail after the permission check. */
const GRAPHQL_OPERATIONS: Record<string, { rule: Rule; doc: string }> = {
  health: { rule: { anyone: true }, doc: '{ health { ok } }' },
  me: { rule: { authenticated: true }, doc: '{ me { kind } }' },
  apiKeyScopes: { rule: { needs: ['admin'] }, doc: '{ apiKeyScopes }' },
  apiKeys: { rule: { needs: ['admin'] }, doc: '{ apiKeys { id } }' },
  users: { rule: { needs: ['admin'] }, doc: '{ users { id } }' },
  adminTasks: { rule: { needs: ['admin'] }, doc: '{ adminTasks { id } }' },
  auditEvents: { rule: { needs: ['audit:read'] }, doc: '{ auditEvents(first: 1) { edges { cursor } } }' },
  verifyAuditChain: { rule: { needs: ['audit:read'] }, doc: '{ verifyAuditChain { ok } }' },
  customer: { rule: { needs: ['read'] }, doc: '{ customer(code: "MX1") { code } }' },
  customers: { rule: { needs: ['read'] }, doc: '{ customers(first: 1) { edges { cursor } } }' },
  ledgerEntries: {
    rule: { needs: ['read'] },
    doc: '{ ledgerEntries(customerCode: "MX1", first: 1) { edges { cursor } } }',
  },
  mappingTemplates: { rule: { needs: ['read'] }, doc: '{ mappingTemplates { id } }' },
  myTasks: { rule: { needs: ['read'], users: true }, doc: '{ myTasks(first: 1) { edges { cursor } } }' },
  period: { rule: { needs: ['read'] }, doc: `{ period(id: "${P}") { id status } }` },
  periods: { rule: { needs: ['read'] }, doc: '{ periods(first: 1) { edges { cursor } } }' },
  taskCounts: { rule: { needs: ['read'] }, doc: '{ taskCounts { count } }' },
  workTasks: {
    rule: { needs: ['read'], users: true },
    doc: '{ workTasks(first: 1, filter: { customerCode: "NO-SUCH" }) { edges { cursor } } }',
  },
  myTaskCounts: { rule: { needs: ['read'], users: true }, doc: '{ myTaskCounts { total } }' },
  dashboard: { rule: { needs: ['report:read'] }, doc: '{ dashboard(month: "2026-13") { month } }' },
  kpis: {
    rule: { needs: ['report:read'] },
    doc: '{ kpis(from: "2026-02-01", to: "2026-01-01") { periods } }',
  },
  pendingAdjustments: {
    rule: { needs: ['adjustment:approve'] },
    doc: '{ pendingAdjustments(first: 1) { edges { cursor } } }',
  },
  webhookDeliveries: {
    rule: { needs: ['webhook:write'] },
    doc: '{ webhookDeliveries(first: 1) { edges { cursor } } }',
  },
  webhookEventTypes: { rule: { needs: ['webhook:write'] }, doc: '{ webhookEventTypes }' },
  webhookSubscriptions: { rule: { needs: ['webhook:write'] }, doc: '{ webhookSubscriptions { id } }' },

  acceptSuggestion: {
    rule: { needs: ['period:review'] },
    doc: `mutation { acceptSuggestion(periodId: "${NO_ID}", groupId: "1") { entityId } }`,
  },
  rejectSuggestion: {
    rule: { needs: ['period:review'] },
    doc: `mutation { rejectSuggestion(periodId: "${NO_ID}", groupId: "1", reason: "r") { entityId } }`,
  },
  matchManually: {
    rule: { needs: ['period:review'] },
    doc: `mutation { matchManually(periodId: "${NO_ID}", ledgerEntryIds: ["1"], statementLineIds: ["2"], note: "n") { entityId } }`,
  },
  unmatch: {
    rule: { needs: ['period:review'] },
    doc: `mutation { unmatch(periodId: "${NO_ID}", groupId: "1", reason: "r") { entityId } }`,
  },
  markTiming: {
    rule: { needs: ['period:review'] },
    doc: `mutation { markTiming(periodId: "${NO_ID}", differenceId: "1", note: "n") { entityId } }`,
  },
  askCustomer: {
    rule: { needs: ['period:review'] },
    doc: `mutation { askCustomer(periodId: "${NO_ID}", differenceId: "1", question: "q") { entityId } }`,
  },
  proposeAdjustment: {
    rule: { needs: ['period:review'] },
    doc: `mutation { proposeAdjustment(periodId: "${NO_ID}", amount: "1", entryDate: "2026-10-01", reason: "r") { entityId } }`,
  },
  approveAdjustment: {
    rule: { needs: ['period:review'] },
    doc: `mutation { approveAdjustment(periodId: "${NO_ID}", adjustmentId: "1") { entityId } }`,
  },
  withdrawAdjustment: {
    rule: { needs: ['period:review'] },
    doc: `mutation { withdrawAdjustment(periodId: "${NO_ID}", adjustmentId: "1") { entityId } }`,
  },
  rejectAdjustment: {
    rule: { needs: ['period:review'] },
    doc: `mutation { rejectAdjustment(periodId: "${NO_ID}", adjustmentId: "1", comment: "c") { entityId } }`,
  },
  completeReview: {
    rule: { needs: ['period:review'] },
    doc: `mutation { completeReview(periodId: "${NO_ID}") { id } }`,
  },
  rematchPeriod: {
    rule: { needs: ['period:review'] },
    doc: `mutation { rematchPeriod(periodId: "${NO_ID}") { id } }`,
  },
  claimTask: {
    rule: { needs: ['read', 'period:review'], users: true },
    doc: `mutation { claimTask(id: "${NO_ID}") { id } }`,
  },
  claimNextTask: {
    rule: { needs: ['read', 'period:review'], users: true },
    doc: 'mutation { claimNextTask(filter: { customerCode: "NO-SUCH" }) { id } }',
  },
  releaseTask: {
    rule: { needs: ['read', 'period:review'], users: true },
    doc: `mutation { releaseTask(id: "${NO_ID}") { id } }`,
  },
  completeTask: {
    rule: { needs: ['read', 'period:review'], users: true },
    doc: `mutation { completeTask(id: "${NO_ID}", outcome: "done") { id } }`,
  },
  closePeriodByException: {
    rule: { needs: ['period:close-exception'] },
    doc: `mutation { closePeriodByException(periodId: "${NO_ID}", reason: "r") { id } }`,
  },
  confirmStatement: { rule: { customers: true }, doc: 'mutation { confirmStatement { id } }' },
  customerStatement: { rule: { customers: true }, doc: '{ customerStatement { round } }' },
  recordCustomerAnswer: {
    rule: { needs: ['customer:record-answer'] },
    doc: `mutation { recordCustomerAnswer(periodId: "${NO_ID}", confirmed: true, comment: "by phone") { id } }`,
  },
  disputeStatement: {
    rule: { customers: true },
    doc: 'mutation { disputeStatement(lines: [{ side: "OURS", lineId: "1", comment: "c" }]) { id } }',
  },
  createApiKey: {
    rule: { needs: ['admin'] },
    doc: 'mutation { createApiKey(name: "k", scopes: ["no-such-scope"]) { key } }',
  },
  revokeApiKey: { rule: { needs: ['admin'] }, doc: `mutation { revokeApiKey(id: "${NO_ID}") { id } }` },
  resolveAdminTask: {
    rule: { needs: ['admin'] },
    doc: `mutation { resolveAdminTask(id: "${NO_ID}", outcome: "done") { id } }`,
  },
  createUser: {
    rule: { needs: ['admin'] },
    doc: 'mutation { createUser(input: { email: "not an email", displayName: "x", role: CLERK, password: "short" }) { id } }',
  },
  updateUser: {
    rule: { needs: ['admin'] },
    doc: `mutation { updateUser(id: "${NO_ID}", active: false) { id } }`,
  },
  updateCustomerSettings: {
    rule: { needs: ['admin'] },
    doc: 'mutation { updateCustomerSettings(code: "NO-SUCH", ruleSettings: null) { code } }',
  },
  // A subscription receives events `read` guards (webhook-read-scope.test.ts).
  createWebhookSubscription: {
    rule: { needs: ['webhook:write', 'read'] },
    doc: 'mutation { createWebhookSubscription(name: "w", url: "not a url") { secret } }',
  },
  setWebhookSubscriptionActive: {
    rule: { needs: ['webhook:write'] },
    doc: `mutation { setWebhookSubscriptionActive(id: "${NO_ID}", active: false) { id } }`,
  },
  redeliverWebhook: {
    rule: { needs: ['webhook:write'] },
    doc: `mutation { redeliverWebhook(id: "${NO_ID}") { id } }`,
  },
  // Anyone may sign in (with the right password).
  login: {
    rule: { anyone: true },
    doc: `mutation { login(email: "login@recon.test", password: "${PASSWORD}") { token } }`,
  },
  // A browser's sign-in and sign-out: anyone (with the web app's header, see test/api/browser-session.test.ts).
  signIn: {
    rule: { anyone: true },
    doc: `mutation { signIn(email: "login@recon.test", password: "${PASSWORD}") { expiresAt } }`,
  },
  signOut: { rule: { anyone: true }, doc: 'mutation { signOut }' },
  // A sign-in's second step: anyone (a challenge that is not one is BAD_USER_INPUT naming it).
  completeSignIn: {
    rule: { anyone: true },
    doc: 'mutation { completeSignIn(challenge: "not a challenge", code: "1") { expiresAt } }',
  },
  // Enrolment and step-up are a staff user's own (a user without two-factor sign-in: WRONG_STATE).
  beginTwoFactorEnrolment: { rule: { users: true }, doc: 'mutation { beginTwoFactorEnrolment { secret } }' },
  confirmTwoFactorEnrolment: {
    rule: { users: true },
    doc: 'mutation { confirmTwoFactorEnrolment(code: "1") }',
  },
  stepUp: { rule: { users: true }, doc: 'mutation { stepUp(code: "1") { until } }' },
  twoFactorRequiredRoles: { rule: { needs: ['admin'] }, doc: '{ twoFactorRequiredRoles }' },
  resetTwoFactor: { rule: { needs: ['admin'] }, doc: `mutation { resetTwoFactor(id: "${NO_ID}") { id } }` },
  setTwoFactorRequiredRoles: {
    rule: { needs: ['admin'] },
    doc: 'mutation { setTwoFactorRequiredRoles(roles: []) }',
  },
  openPeriod: {
    rule: { needs: ['period:open'] },
    doc: 'mutation { openPeriod(customerCode: "NO-SUCH", period: "2026-10") { id } }',
  },
  saveMappingTemplate: {
    rule: { needs: ['template:write'] },
    doc: 'mutation { saveMappingTemplate(name: "t", definition: {}) { id } }',
  },
  submitStatement: {
    rule: { needs: ['statement:write'] },
    doc: `mutation { submitStatement(input: { customerCode: "MX1", periodStart: "2026-10-01", periodEnd: "2026-10-31",
      currency: "CNY", openingBalance: "0", closingBalance: "0", sourceRef: "", lines: [] }) { statementId } }`,
  },
  paymentTerms: { rule: { needs: ['read'] }, doc: '{ paymentTerms { code } }' },
  openItems: { rule: { needs: ['read'] }, doc: '{ openItems(customerCode: "NO-SUCH") { asOf } }' },
  receivablesAging: {
    rule: { needs: ['read'] },
    doc: '{ receivablesAging(customerCode: "NO-SUCH") { total } }',
  },
  savePaymentTerms: {
    rule: { needs: ['credit:manage'] },
    doc: 'mutation { savePaymentTerms(input: { code: "", name: "", kind: NET, days: 1 }) { code } }',
  },
  assignPaymentTerms: {
    rule: { needs: ['credit:manage'] },
    doc: 'mutation { assignPaymentTerms(customerCode: "NO-SUCH", termsCode: "NET30", effectiveFrom: "2026-01-01") { code } }',
  },
  applyReceivable: {
    rule: { needs: ['receivables:apply'] },
    doc: 'mutation { applyReceivable(customerCode: "NO-SUCH", creditEntryId: "1", debitEntryId: "2", amount: "1") { id } }',
  },
  reverseReceivableApplication: {
    rule: { needs: ['receivables:apply'] },
    doc: `mutation { reverseReceivableApplication(id: "${NO_ID}") { id } }`,
  },
  // Collections (#21, helper "dunning"): dunning cases, the worklist, KPIs, promises, pauses.
  dunningCases: {
    rule: { needs: ['read'] },
    doc: '{ dunningCases(customerCode: "NO-SUCH") { customerCode } }',
  },
  collectorWorklist: { rule: { needs: ['read'] }, doc: '{ collectorWorklist(first: 1) { caseId } }' },
  collectionKpis: {
    rule: { needs: ['report:read'] },
    doc: '{ collectionKpis(from: "2026-02-01", to: "2026-01-01") { dso } }',
  },
  paymentBehaviour: {
    rule: { needs: ['read'] },
    doc: '{ paymentBehaviour(customerCode: "NO-SUCH") { overdue } }',
  },
  recordPromiseToPay: {
    rule: { needs: ['collections:work'] },
    doc: 'mutation { recordPromiseToPay(customerCode: "NO-SUCH", promisedDate: "2026-12-31") { status } }',
  },
  pauseDunning: {
    rule: { needs: ['collections:work'] },
    doc: 'mutation { pauseDunning(customerCode: "NO-SUCH", reason: "price") { status } }',
  },
  resumeDunning: {
    rule: { needs: ['collections:work'] },
    doc: 'mutation { resumeDunning(customerCode: "NO-SUCH", outcome: REJECTED, note: "no") { status } }',
  },
  // Credit (#21, helper "credit"): limits, holds, requests, the check.
  creditCheck: {
    rule: { needs: ['read'] },
    doc: '{ creditCheck(customerCode: "NO-SUCH", amount: "1") { decision } }',
  },
  creditProfile: { rule: { needs: ['read'] }, doc: '{ creditProfile(customerCode: "NO-SUCH") { onHold } }' },
  creditRequests: { rule: { needs: ['read'] }, doc: '{ creditRequests(customerCode: "NO-SUCH") { id } }' },
  creditStandings: {
    rule: { needs: ['read'] },
    doc: '{ creditStandings(customerCode: "NO-SUCH") { customerCode } }',
  },
  requestCreditChange: {
    rule: { needs: ['credit:request'] },
    doc: 'mutation { requestCreditChange(input: { customerCode: "NO-SUCH", kind: HOLD_RELEASE, reason: "r" }) { id } }',
  },
  decideCreditRequest: {
    rule: { needs: ['credit:manage'] },
    doc: `mutation { decideCreditRequest(id: "${NO_ID}", approve: true) { id } }`,
  },
  lowerCreditLimit: {
    rule: { needs: ['credit:manage'] },
    doc: 'mutation { lowerCreditLimit(customerCode: "NO-SUCH", currency: "CNY", amount: "1", reason: "r") { amount } }',
  },
  placeCreditHold: {
    rule: { needs: ['credit:request'] },
    doc: 'mutation { placeCreditHold(customerCode: "NO-SUCH", reason: "r") { onHold } }',
  },
  acceptSuggestedLimit: {
    rule: { needs: ['credit:manage'] },
    doc: 'mutation { acceptSuggestedLimit(customerCode: "NO-SUCH") { onHold } }',
  },
  reportOpenOrder: {
    rule: { needs: ['ledger:write'] },
    doc: 'mutation { reportOpenOrder(customerCode: "NO-SUCH", orderRef: "SO-1", currency: "CNY", amount: "1") { amount } }',
  },
  upsertLedgerEntries: {
    rule: { needs: ['ledger:write'] },
    doc: `mutation { upsertLedgerEntries(entries: [{ customerCode: "MX1", source: "", externalId: "x",
      entryDate: "2026-10-01", kind: "INVOICE", amount: "1", currency: "CNY" }]) { created } }`,
  },
};

/** Operations whose permission depends on an argument. */
const ARGUMENT_RULES: Record<string, { rule: Rule; doc: string }> = {
  // Upholding a dunning dispute closes the case: a manager's decision (credit:manage), not a collector's.
  'resumeDunning(UPHELD)': {
    rule: { needs: ['credit:manage'] },
    doc: 'mutation { resumeDunning(customerCode: "NO-SUCH", outcome: UPHELD, note: "right") { status } }',
  },
};

/** Fields of Period beyond its row, and what they need on top of reaching the period. */
const PERIOD_FIELDS: Record<string, { rule: Rule; doc: string }> = {
  'Period.auditTrail': {
    rule: { needs: ['read', 'audit:read'] },
    doc: `{ period(id: "${P}") { auditTrail { edges { node { id } } } } }`,
  },
  'Period.differences': {
    rule: { needs: ['read'] },
    doc: `{ period(id: "${P}") { differences { edges { node { id } } } } }`,
  },
  'Period.customer': { rule: { needs: ['read'] }, doc: `{ period(id: "${P}") { customer { code } } }` },
  'Period.workflowVersion': {
    rule: { needs: ['read'] },
    doc: `{ period(id: "${P}") { workflowVersion } }`,
  },
};

type Caller = { name: string; authorization?: string; grants: string[]; user: boolean; customer?: true };

const REFUSALS = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);

function expected(rule: Rule, caller: Caller): 'allowed' | 'refused' {
  // A customer's link answers its statement and nothing else: `me`, `customerStatement`, the answers
  // (and the period's statement and letter over REST); even `health` and signing in are refused.
  if (caller.customer) return rule.customers || rule.authenticated || rule.linkToo ? 'allowed' : 'refused';
  if (rule.anyone) return 'allowed';
  if (!caller.authorization) return 'refused';
  if (rule.customers) return 'refused'; // no staff member or key speaks as the customer
  if (rule.authenticated) return 'allowed';
  if (rule.users && !caller.user) return 'refused';
  return (rule.needs ?? []).every((scope) => caller.grants.includes(scope)) ? 'allowed' : 'refused';
}

/** A graphql-ws connection's answer as HTTP: acknowledged 200, closed 4401 as 401, 4403 as 403. */
async function liveConnect(graphqlUrl: string, authorization?: string): Promise<Response> {
  const socket = new WebSocket(graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const status = await new Promise<number>((resolve) => {
    socket.on('open', () =>
      socket.send(
        JSON.stringify({ type: 'connection_init', payload: authorization ? { authorization } : {} }),
      ),
    );
    socket.on('message', (data) => {
      if ((JSON.parse(String(data)) as { type?: string }).type === 'connection_ack') resolve(200);
    });
    socket.on('close', (code) => resolve(code === 4401 ? 401 : code === 4403 ? 403 : 500));
    socket.on('error', () => resolve(500));
  });
  socket.close();
  return new Response(null, { status });
}

/**
 * Every route the API answers on its port, one row each (a report kind is a row of its own), with
 * a request that passes validation as far as the permission check. `lists every route` holds it
 * against the routes the server declares (RunningApi.routes).
 */
function restTable(
  stack: PlatformStack,
  linkPeriodId: string,
): Record<string, { rule: Rule; send: (authorization?: string) => Promise<Response> }> {
  const get = (path: string) => (authorization?: string) =>
    fetch(`${stack.api.url}${path}`, { headers: authorization ? { authorization } : {} });
  const upload = (path: string) => (authorization?: string) => {
    const form = new FormData();
    form.append('customerCode', 'NO-SUCH');
    form.append('file', new Blob(['a,b\n1,2\n']), 'x.csv');
    return fetch(`${stack.api.url}${path}`, {
      method: 'POST',
      body: form,
      headers: authorization ? { authorization } : {},
    });
  };
  const report = (query: string) => get(`/reports/${query}${query.includes('?') ? '&' : '?'}format=csv`);
  // The period reports name MX2's period: the link's own, so its statement and letter are allowed.
  const linkPeriod = () => linkPeriodId;
  return {
    'POST /imports/statements': { rule: { needs: ['import'] }, send: upload('/imports/statements') },
    'POST /confirm/statement-file': { rule: { customers: true }, send: upload('/confirm/statement-file') },
    'GET /reports/statement': {
      rule: { needs: ['read'], linkToo: true },
      send: (a) => report(`statement?periodId=${linkPeriod()}`)(a),
    },
    'GET /reports/confirmation': {
      rule: { needs: ['read'], linkToo: true },
      send: (a) => report(`confirmation?periodId=${linkPeriod()}`)(a),
    },
    'GET /reports/differences': {
      rule: { needs: ['read'] },
      send: (a) => report(`differences?periodId=${linkPeriod()}`)(a),
    },
    'GET /reports/bridge': {
      rule: { needs: ['read'] },
      send: (a) => report(`bridge?periodId=${linkPeriod()}`)(a),
    },
    'GET /reports/aging': { rule: { needs: ['read'] }, send: report('aging?asOf=2026-10-31') },
    // As `dashboard`, `kpis` and `collectionKpis` over GraphQL: report readers only.
    'GET /reports/summary': {
      rule: { needs: ['read', 'report:read'] },
      send: report('summary?period=2026-10'),
    },
    'GET /reports/kpi': {
      rule: { needs: ['read', 'report:read'] },
      send: report('kpi?from=2026-10-01&to=2026-10-31'),
    },
    'GET /reports/credit-review': {
      rule: { needs: ['read', 'report:read'] },
      send: report('credit-review'),
    },
    'GET /reports/collections': {
      rule: { needs: ['read', 'report:read'] },
      send: report('collections?from=2026-10-01&to=2026-10-31'),
    },
    // An ERP's credit check without GraphQL: the rules of `creditCheck`.
    'POST /credit/check': {
      rule: { needs: ['read'] },
      send: (authorization) =>
        fetch(`${stack.api.url}/credit/check`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify({ customerCode: 'MX1', amount: '1' }),
        }),
    },
    // A short link is no credential: whoever asks gets the "not valid" page for a made-up code.
    'GET /c/:code': { rule: { anyone: true, linkToo: true }, send: get('/c/abcdefghjkmn') },
    'GET /health': { rule: { anyone: true, linkToo: true }, send: get('/health') },
    // Subscriptions: staff and keys (each event is checked again); anonymous 4401, a link 4403.
    'GET /graphql (WebSocket)': {
      rule: { needs: [] },
      send: (authorization) => liveConnect(stack.api.graphqlUrl, authorization),
    },
    // The web app's pages and assets are public: what they show comes over GraphQL.
    'GET /* (web app)': { rule: { anyone: true, linkToo: true }, send: get('/') },
    'GET /graphql?query={me}': {
      rule: { authenticated: true },
      send: (authorization) =>
        fetch(`${stack.api.graphqlUrl}?query=${encodeURIComponent('{ me { kind } }')}`, {
          headers: { 'apollo-require-preflight': 'true', ...(authorization ? { authorization } : {}) },
        }),
    },
  };
}

describe('every role and every API-key scope against every operation (#17.11)', () => {
  let stack: PlatformStack;
  let periodId: string;
  let linkPeriodId: string;
  const callers: Caller[] = [];

  beforeAll(async () => {
    // The matrix sends its cells concurrently, `login` once per role and key with the right password:
    // the login throttle (#17.13, tested in login-throttle.test.ts) would count those as a burst.
    stack = await startPlatformStack('scopes', {
      loginThrottleSettings: { maxPerAccount: 1_000, maxPerAddress: 1_000, windowSeconds: 900 },
    });
    await seedCustomer(stack.h.db.dataSource, 'MX1', CLEAN_LINES, CLEAN_LINES);
    await seedCustomer(stack.h.db.dataSource, 'MX2', CLEAN_LINES, CLEAN_LINES);
    periodId = await stack.openPeriod('MX1', 'AWAITING_CUSTOMER');
    // The customer's link is MX2's (its answers may close MX2's period, never the one the table reads).
    linkPeriodId = await stack.openPeriod('MX2', 'AWAITING_CUSTOMER');
    const link = await linkFromOutbox(stack.h.db.dataSource, stack.h.outbox, linkPeriodId);
    await stack.h.db.dataSource.getRepository(User).save({
      email: 'login@recon.test',
      displayName: 'login',
      role: UserRole.CLERK,
      passwordHash: await hashPassword(PASSWORD),
    });
    callers.push({ name: 'anonymous', grants: [], user: false });
    for (const role of Object.values(UserRole)) {
      callers.push({ name: role, authorization: stack.staff[role], grants: ROLE_GRANTS[role], user: true });
    }
    for (const scope of API_KEY_SCOPES) {
      callers.push({
        name: `key[${scope}]`,
        authorization: await stack.apiKey(scope),
        grants: [scope],
        user: false,
      });
    }
    const both = ['read', 'audit:read'];
    callers.push({
      name: `key[${both}]`,
      authorization: await stack.apiKey(...both),
      grants: both,
      user: false,
    });
    callers.push({
      name: 'customer link',
      authorization: link.authorization,
      grants: [],
      user: false,
      customer: true,
    });
  }, 180_000);

  afterAll(() => stack?.stop());

  it('lists every query and mutation of the schema', () => {
    const schema = buildSchema(readFileSync(path.resolve(__dirname, '../../schema.graphql'), 'utf8'));
    const fields = [
      ...Object.keys(schema.getQueryType()!.getFields()),
      ...Object.keys(schema.getMutationType()!.getFields()),
    ].sort();
    expect(Object.keys(GRAPHQL_OPERATIONS).sort()).toEqual(fields);
  });

  /** Runs every caller against every operation, a few at a time; returns the cells that differ from the table. */
  async function matrix(
    operations: Record<string, { rule: Rule }>,
    outcome: (name: string, caller: Caller) => Promise<string | null>,
  ) {
    const cells = Object.entries(operations).flatMap(([name, { rule }]) =>
      callers.map((caller) => ({ name, caller, want: expected(rule, caller) })),
    );
    const wrong: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < cells.length) {
          const cell = cells[next++];
          const code = await outcome(cell.name, cell.caller);
          const got = code !== null && REFUSALS.has(code) ? 'refused' : 'allowed';
          if (got !== cell.want)
            wrong.push(`${cell.caller.name} × ${cell.name}: ${got} (${code}), want ${cell.want}`);
          if (got === 'allowed' && code === 'INTERNAL_SERVER_ERROR')
            wrong.push(`${cell.caller.name} × ${cell.name}: internal error`);
        }
      }),
    );
    return { wrong, cells: cells.length };
  }

  const graphqlOutcome =
    (operations: Record<string, { doc: string }>) =>
    async (name: string, caller: Caller): Promise<string | null> => {
      const response = await stack.call(
        operations[name].doc.replaceAll(P, periodId),
        {},
        caller.authorization,
      );
      return response.errors?.[0]?.extensions?.code ?? null;
    };

  it('refuses exactly what each role and scope does not grant, over GraphQL', async () => {
    const { wrong, cells } = await matrix(GRAPHQL_OPERATIONS, graphqlOutcome(GRAPHQL_OPERATIONS));
    expect(cells).toBeGreaterThan(600);
    expect(wrong).toEqual([]);
  });

  it("keeps a period's details to readers, and its audit trail to auditors (audit:read)", async () => {
    const { wrong } = await matrix(PERIOD_FIELDS, graphqlOutcome(PERIOD_FIELDS));
    expect(wrong).toEqual([]);
  });

  it('asks for more where an argument makes an operation weightier (upholding a dunning dispute)', async () => {
    const { wrong } = await matrix(ARGUMENT_RULES, graphqlOutcome(ARGUMENT_RULES));
    expect(wrong).toEqual([]);
  });

  it('lists every route the server answers, and every report kind', () => {
    // One row a route; a report kind is a row of its own, GET /graphql's row sends a query.
    const covered = new Set(
      Object.keys(restTable(stack, linkPeriodId)).map((row) =>
        row.replace(/^GET \/reports\/.*/, 'GET /reports/:kind').replace(/^GET \/graphql\?.*/, 'GET /graphql'),
      ),
    );
    covered.add('POST /graphql'); // the GraphQL matrix above, operation by operation
    const routes = stack.api.routes.map((route) => (route === 'GET /' ? 'GET /* (web app)' : route));
    expect([...new Set(routes)].sort()).toEqual([...covered].sort());
    const kinds = Object.keys(restTable(stack, linkPeriodId))
      .filter((row) => row.startsWith('GET /reports/'))
      .map((row) => row.slice('GET /reports/'.length));
    expect(kinds.sort()).toEqual([...SERVED_REPORT_KINDS].sort());
  });

  it('applies the same rules to every REST route (uploads, every report kind, the credit check, short links, health, GET /graphql)', async () => {
    const rest = restTable(stack, linkPeriodId);
    const { wrong, cells } = await matrix(rest, async (name, caller) => {
      const response = await rest[name].send(caller.authorization);
      const text = await response.text();
      if (response.status >= 500) return 'INTERNAL_SERVER_ERROR';
      if (response.status === 401) return 'UNAUTHENTICATED';
      if (response.status === 403) return 'FORBIDDEN';
      // GraphQL over GET answers 200 with the refusal in its errors.
      const graphql = /^\{"(data|errors)"/.test(text)
        ? (JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> })
        : null;
      return graphql?.errors?.[0]?.extensions?.code ?? null;
    });
    expect(cells).toBeGreaterThan(300);
    expect(wrong).toEqual([]);
  });
});
