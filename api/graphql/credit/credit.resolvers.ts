import { actorOf, Permission, requirePermission } from '../../../auth/policy';
import {
  acceptSuggestedLimit,
  creditProfileOf,
  type CreditProfileView,
} from '../../../credit/credit-profile.service';
import { creditCheck, creditCheckView } from '../../../credit/credit-check.service';
import { badInput } from '../../../credit/credit-error';
import { requireCurrency } from '../../../credit/credit-input';
import { creditStandings, MAX_STANDINGS } from '../../../credit/credit-standings.service';
import { lowerCreditLimit, placeCreditHold, reportOpenOrder } from '../../../credit/credit-admin.service';
import {
  decideCreditRequest,
  listCreditRequests,
  requestCreditChange,
} from '../../../credit/credit-requests.service';
import type { RiskClass } from '../../../contract/credit/enums';
import type { ScoreComponent } from '../../../contract/credit/score';
import type { CreditRequest } from '../../../entities/credit-request.entity';
import type { CreditScore } from '../../../entities/credit-score.entity';
import type { ApiContext } from '../../context';
import type { MutationResolvers, QueryResolvers } from '../resolvers-types.generated';

/** The caller's actor id, to tell them which requests they made (maker ≠ checker). */
const meOf = (ctx: ApiContext) =>
  ctx.principal && ctx.principal.kind !== 'customer' ? actorOf(ctx.principal).id : null;

const requestView = (request: CreditRequest, customerCode: string, me: string | null) => ({
  id: request.id,
  customerCode,
  kind: request.kind,
  currency: request.currency,
  amount: request.amount,
  reason: request.reason,
  status: request.status,
  requestedBy: request.requestedBy,
  mine: me !== null && request.requestedBy === me,
  decidedBy: request.decidedBy,
  decidedAt: request.decidedAt,
  decisionNote: request.decisionNote,
  createdAt: request.createdAt,
});

const scoreView = (score: CreditScore) => ({
  scoredOn: score.scoredOn,
  score: score.score,
  riskClass: score.riskClass,
  components: score.components,
  suggestedLimit: score.suggestedLimit,
  suggestedCurrency: score.suggestedCurrency,
});

const profileView = (view: CreditProfileView, me: string | null) => ({
  customerCode: view.customer.code,
  onHold: view.onHold,
  holdReason: view.holdReason,
  riskClass: view.riskClass,
  score: view.score,
  scoredOn: view.scoredOn,
  limits: view.limits,
  scores: view.scores.map(scoreView),
  pendingRequests: view.pendingRequests.map((r) => requestView(r, r.customerCode, me)),
});

async function codeOf(ctx: ApiContext, request: CreditRequest): Promise<string> {
  const [row] = (await ctx.dataSource.query('SELECT code FROM customers WHERE id = ?', [
    request.customerId,
  ])) as Array<{
    code: string;
  }>;
  return row.code;
}

export const creditQueryResolvers: Pick<
  QueryResolvers,
  'creditCheck' | 'creditProfile' | 'creditRequests' | 'creditStandings'
> = {
  creditCheck: async (_, args, ctx) => {
    requirePermission(ctx.principal, Permission.READ);
    return creditCheckView(await creditCheck(ctx.dataSource, args));
  },
  creditProfile: async (_, args, ctx) => {
    requirePermission(ctx.principal, Permission.READ);
    return profileView(await creditProfileOf(ctx.dataSource, args.customerCode), meOf(ctx));
  },
  creditStandings: async (_, args, ctx) => {
    requirePermission(ctx.principal, Permission.READ);
    const first = args.first ?? 100;
    if (!Number.isInteger(first) || first < 1 || first > MAX_STANDINGS)
      throw badInput('first', `between 1 and ${MAX_STANDINGS}`);
    const rows = await creditStandings(ctx.dataSource, {
      customerCode: args.customerCode ?? undefined,
      currency: args.currency == null ? undefined : requireCurrency(args.currency),
      after: args.after ?? undefined,
      first,
    });
    // The standing's component kinds and class come from the scoring's own enums (stored JSON).
    return rows.map((row) => ({
      ...row,
      riskClass: row.riskClass as RiskClass,
      components: row.components as ScoreComponent[],
    }));
  },
  creditRequests: async (_, args, ctx) => {
    requirePermission(ctx.principal, Permission.READ);
    const list = await listCreditRequests(ctx.dataSource, args);
    return list.map((r) => requestView(r, r.customerCode, meOf(ctx)));
  },
};

export const creditMutationResolvers: Pick<
  MutationResolvers,
  | 'requestCreditChange'
  | 'decideCreditRequest'
  | 'lowerCreditLimit'
  | 'placeCreditHold'
  | 'acceptSuggestedLimit'
  | 'reportOpenOrder'
> = {
  requestCreditChange: async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.REQUEST_CREDIT);
    const request = await requestCreditChange(ctx.dataSource, args.input, actorOf(principal));
    return requestView(request, args.input.customerCode, meOf(ctx));
  },
  decideCreditRequest: async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.MANAGE_CREDIT);
    const request = await decideCreditRequest(ctx.dataSource, args, actorOf(principal));
    return requestView(request, await codeOf(ctx, request), meOf(ctx));
  },
  lowerCreditLimit: async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.MANAGE_CREDIT);
    return lowerCreditLimit(ctx.dataSource, args, actorOf(principal));
  },
  placeCreditHold: async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.REQUEST_CREDIT);
    await placeCreditHold(ctx.dataSource, args, actorOf(principal));
    return profileView(await creditProfileOf(ctx.dataSource, args.customerCode), meOf(ctx));
  },
  acceptSuggestedLimit: async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.MANAGE_CREDIT);
    return profileView(
      await acceptSuggestedLimit(ctx.dataSource, args.customerCode, actorOf(principal)),
      meOf(ctx),
    );
  },
  reportOpenOrder: async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.WRITE_LEDGER);
    return reportOpenOrder(ctx.dataSource, args, actorOf(principal));
  },
};
