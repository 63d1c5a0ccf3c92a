import { Customer } from '../../entities/customer.entity';
import { codes, startApiHarness, type ApiHarness } from '../api/api-harness';

/**
 * #17 point 15: a statement upload and a mapping-template save are on the record: an audit event
 * in the uploader's or saver's name, and their actor id stored on the import file and the template.
 */
const TEMPLATE = { columns: { date: '日期', docNo: '单号' }, amount: { column: '金额' } };
const SAVE = `mutation ($d: JSON!) {
  saveMappingTemplate(customerCode: "AU1", name: "au-layout", definition: $d) { id version savedBy } }`;

describe('uploads and template saves are audited and keep who did them (#17.15)', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness('upload-audit', { uploads: true });
    await h.db.dataSource.getRepository(Customer).save({ code: 'AU1', name: '客户 AU1', currency: 'CNY' });
  });

  afterAll(() => h?.stop());

  const auditRows = (action: string, entityId: string) =>
    h.db.dataSource.query(
      'SELECT actor_type, actor_id, before_state, after_state FROM audit_events WHERE action = ? AND entity_id = ? ORDER BY id',
      [action, entityId],
    ) as Promise<
      Array<{ actor_type: string; actor_id: string; before_state: unknown; after_state: unknown }>
    >;

  it('a statement upload: audited as the uploader, who is stored on the import file', async () => {
    const form = new FormData();
    form.append('customerCode', 'AU1');
    form.append('template', JSON.stringify(TEMPLATE));
    form.append('periodStart', '2026-10-01');
    form.append('periodEnd', '2026-10-31');
    form.append('file', new Blob(['日期,单号,金额\n2026-10-05,INV-1,10.00\n']), 'oct.csv');
    const response = await fetch(`${h.api.url}/imports/statements`, {
      method: 'POST',
      body: form,
      headers: { authorization: h.bearer.CLERK },
    });
    expect(response.status).toBe(201);
    const result = (await response.json()) as { importFileId: string; statementId: string };
    const clerk = `user:${h.userIds.CLERK}`;
    const [file] = (await h.db.dataSource.query('SELECT imported_by FROM import_files WHERE id = ?', [
      result.importFileId,
    ])) as Array<{ imported_by: string | null }>;
    expect(file.imported_by).toBe(clerk);
    const events = await auditRows('statement.imported', String(result.statementId));
    expect(events.map((event) => [event.actor_type, event.actor_id])).toEqual([['USER', clerk]]);
  });

  it('a template save and a re-save: each audited as its saver, the row says who saved the version', async () => {
    const first = await h.call<{ saveMappingTemplate: { id: string; version: number; savedBy: string } }>(
      SAVE,
      { d: TEMPLATE },
      h.bearer.CLERK,
    );
    expect(codes(first)).toEqual([]);
    const { id } = first.data!.saveMappingTemplate;
    expect(first.data!.saveMappingTemplate).toMatchObject({ version: 1, savedBy: `user:${h.userIds.CLERK}` });
    const second = await h.call<{ saveMappingTemplate: { version: number; savedBy: string } }>(
      SAVE,
      { d: { ...TEMPLATE, columns: { ...TEMPLATE.columns, description: '摘要' } } },
      h.bearer.MANAGER,
    );
    expect(second.data!.saveMappingTemplate).toMatchObject({
      version: 2,
      savedBy: `user:${h.userIds.MANAGER}`,
    });
    const events = await auditRows('template.saved', id);
    expect(events.map((event) => event.actor_id)).toEqual([
      `user:${h.userIds.CLERK}`,
      `user:${h.userIds.MANAGER}`,
    ]);
    const [row] = (await h.db.dataSource.query('SELECT saved_by FROM mapping_templates WHERE id = ?', [
      id,
    ])) as Array<{
      saved_by: string;
    }>;
    expect(row.saved_by).toBe(`user:${h.userIds.MANAGER}`);
    const listed = await h.call<{ mappingTemplates: Array<{ name: string; savedBy: string | null }> }>(
      '{ mappingTemplates(customerCode: "AU1") { name savedBy } }',
      {},
      h.bearer.CLERK,
    );
    expect(listed.data!.mappingTemplates).toContainEqual({
      name: 'au-layout',
      savedBy: `user:${h.userIds.MANAGER}`,
    });
    // A template refused as invalid writes nothing and audits nothing.
    const before = await h.auditCount();
    const bad = await h.call(SAVE, { d: { columns: {} } }, h.bearer.CLERK);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(await h.auditCount()).toBe(before);
  });
});
