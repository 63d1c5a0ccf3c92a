import type { RowDataPacket } from 'mysql2/promise';
import { actorOf, Permission, requirePermission } from '../../../auth/policy';
import { Customer } from '../../../entities/customer.entity';
import { saveTemplate } from '../../../imports';
import { ApiError, ApiErrorCode } from '../../api-error';
import type { ApiContext } from '../../context';
import type { MutationResolvers, QueryResolvers } from '../resolvers-types.generated';

async function customerId(ctx: ApiContext, code: string | null | undefined): Promise<string | null> {
  if (!code) return null;
  const customer = await ctx.dataSource.getRepository(Customer).findOneBy({ code });
  if (!customer) throw new ApiError(ApiErrorCode.NOT_FOUND, `no customer ${code}`);
  return customer.id;
}

function importPool(ctx: ApiContext) {
  if (!ctx.importPool) throw new ApiError(ApiErrorCode.INTERNAL, 'imports are not configured');
  return ctx.importPool;
}

interface TemplateRow extends RowDataPacket {
  id: string;
  customerCode: string | null;
  name: string;
  version: number;
  definition: unknown;
  savedBy: string | null;
}

/** MariaDB keeps JSON as text: the driver may hand it over unparsed. */
function parsedJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const parsed: unknown = JSON.parse(value);
  return parsed;
}

export const importQueryResolvers: QueryResolvers = {
  mappingTemplates: async (_, args, ctx) => {
    requirePermission(ctx.principal, Permission.READ);
    const id = await customerId(ctx, args.customerCode);
    const [rows] = await importPool(ctx).query<TemplateRow[]>(
      `SELECT CAST(t.id AS CHAR) AS id, c.code AS customerCode, t.name, t.version, t.definition, t.saved_by AS savedBy
         FROM mapping_templates t LEFT JOIN customers c ON c.id = t.customer_id
        WHERE t.customer_id IS NULL OR t.customer_id <=> ?
        ORDER BY t.customer_id IS NULL, t.name`,
      [id],
    );
    return rows.map((row) => ({
      id: row.id,
      customerCode: row.customerCode,
      name: row.name,
      version: row.version,
      definition: parsedJson(row.definition),
      savedBy: row.savedBy,
    }));
  },
};

export const importMutationResolvers: MutationResolvers = {
  saveMappingTemplate: async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.MANAGE_TEMPLATES);
    if (!args.name.trim() || args.name.length > 100)
      throw new ApiError(ApiErrorCode.BAD_USER_INPUT, 'name: 1 to 100 characters');
    const id = await customerId(ctx, args.customerCode);
    const connection = await importPool(ctx).getConnection();
    try {
      const stored = await saveTemplate(
        connection,
        id,
        args.name.trim(),
        args.definition,
        actorOf(principal),
      );
      return {
        id: String(stored.id),
        customerCode: args.customerCode ?? null,
        name: stored.name,
        version: stored.version,
        definition: stored.template,
        savedBy: actorOf(principal).id,
      };
    } finally {
      connection.release();
    }
  },
};
