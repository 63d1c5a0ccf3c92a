import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { auditFields, type Actor } from '../contract/actor';
import { auditOnImport } from './import-audit';
import { parseTemplate, type MappingTemplate } from './template';

/** Templates saved in mapping_templates: per customer, or shared (customer_id NULL) for one ERP's export. */

export interface StoredTemplate {
  readonly id: string;
  readonly customerId: string | null;
  readonly name: string;
  readonly version: number;
  readonly template: MappingTemplate;
}

/** The customer's own template of that name, else the shared one; null when neither exists. */
export async function loadTemplate(
  conn: Connection,
  customerId: string | null,
  name: string,
): Promise<StoredTemplate | null> {
  const [rows] = await conn.query<RowDataPacket[]>(
    `SELECT id, customer_id, name, version, definition FROM mapping_templates
      WHERE name = ? AND (customer_id <=> ? OR customer_id IS NULL)
      ORDER BY customer_id IS NULL LIMIT 1`,
    [name, customerId],
  );
  const row = rows[0];
  if (!row) return null;
  const definition: unknown =
    typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition;
  return {
    id: String(row.id),
    customerId: row.customer_id === null ? null : String(row.customer_id),
    name: String(row.name),
    version: Number(row.version),
    template: parseTemplate(definition),
  };
}

/**
 * Validates and saves a template; saving over an existing one raises its version. Who saved it is
 * kept on the row and audited (`template.saved`, with the version before and after).
 */
export async function saveTemplate(
  conn: Connection,
  customerId: string | null,
  name: string,
  definition: unknown,
  actor: Actor,
): Promise<StoredTemplate> {
  const template = parseTemplate(definition);
  const json = JSON.stringify(template);
  await conn.beginTransaction();
  try {
    const [rows] = await conn.query<RowDataPacket[]>(
      'SELECT id, version FROM mapping_templates WHERE name = ? AND customer_id <=> ? FOR UPDATE',
      [name, customerId],
    );
    const existing = rows[0];
    let id: string;
    let version = 1;
    if (existing) {
      id = String(existing.id);
      version = Number(existing.version) + 1;
      await conn.query(
        'UPDATE mapping_templates SET definition = ?, version = ?, saved_by = ?, updated_at = CURRENT_TIMESTAMP(3) WHERE id = ?',
        [json, version, actor.id, id],
      );
    } else {
      const [result] = await conn.query<ResultSetHeader>(
        'INSERT INTO mapping_templates (customer_id, name, definition, saved_by) VALUES (?, ?, ?, ?)',
        [customerId, name, json, actor.id],
      );
      id = String(result.insertId);
    }
    await auditOnImport(conn, [
      {
        ...auditFields(actor),
        action: 'template.saved',
        entityType: 'mapping_template',
        entityId: String(id),
        before: existing ? { version: version - 1 } : null,
        after: { customerId, name, version, definition: template },
      },
    ]);
    await conn.commit();
    return { id, customerId, name, version, template };
  } catch (error) {
    await conn.rollback();
    throw error;
  }
}

/** A saved template, as listed. */
export interface TemplateListing {
  readonly name: string;
  /** The customer's code; null for a shared template. */
  readonly customerCode: string | null;
  readonly version: number;
  readonly updatedAt: string;
}

/** Saved templates: every one, or a customer's own and the shared ones. */
export async function listTemplates(conn: Connection, customerId: string | null): Promise<TemplateListing[]> {
  const [rows] = await conn.query<RowDataPacket[]>(
    `SELECT t.name, c.code, t.version, DATE_FORMAT(t.updated_at, '%Y-%m-%d %H:%i') AS updated
       FROM mapping_templates t LEFT JOIN customers c ON c.id = t.customer_id
      WHERE ? IS NULL OR t.customer_id = ? OR t.customer_id IS NULL
      ORDER BY t.name, c.code IS NOT NULL, c.code`,
    [customerId, customerId],
  );
  return rows.map((row) => ({
    name: String(row.name),
    customerCode: row.code === null ? null : String(row.code),
    version: Number(row.version),
    updatedAt: String(row.updated),
  }));
}
