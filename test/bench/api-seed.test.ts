import { seedApiBench } from '../../bench/_api-seed';
import { createTestDatabase, type TestDatabase } from '../support/database';

/** The API benchmark's data must be what its description says, or the figures measure another workload. */
describe('the API benchmark seed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('api_seed');
    await seedApiBench(db.dataSource, {
      customers: 100,
      periods: 1_000,
      tasks: 20_000,
      clerks: 8,
      managers: 3,
    });
  });
  afterAll(() => db?.drop());

  const count = async (where: string) => {
    const [{ n }] = (await db.dataSource.query(`SELECT COUNT(*) AS n FROM tasks WHERE ${where}`)) as Array<{
      n: string;
    }>;
    return Number(n);
  };

  it('makes one live task in five a manager task and one in four claimed, by every user', async () => {
    const live = await count("status <> 'DONE'");
    expect(live).toBe(20_000 * (2 / 10)); // the last two of each customer's ten periods are live
    expect((await count("status <> 'DONE' AND queue = 'MANAGER'")) / live).toBeCloseTo(1 / 5, 1);
    expect((await count("status = 'CLAIMED'")) / live).toBeCloseTo(1 / 4, 1);
    expect(await count("status = 'DONE' AND queue = 'MANAGER'")).toBeGreaterThan(0);

    const holders = (await db.dataSource.query(
      `SELECT u.role, COUNT(*) AS tasks FROM tasks t JOIN users u ON u.id = t.assignee_id
        WHERE t.status = 'CLAIMED' GROUP BY u.id, u.role`,
    )) as Array<{ role: string; tasks: string }>;
    expect(holders.filter((h) => h.role === 'CLERK')).toHaveLength(8);
    expect(holders.filter((h) => h.role === 'MANAGER')).toHaveLength(3);
    // Claimed manager tasks are held by managers, claimed clerk tasks by clerks.
    expect(
      await count(
        "status = 'CLAIMED' AND queue = 'MANAGER' AND assignee_id NOT IN (SELECT id FROM users WHERE role = 'MANAGER')",
      ),
    ).toBe(0);
  });
});
