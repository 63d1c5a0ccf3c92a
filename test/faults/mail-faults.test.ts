import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { PeriodStatus } from '../../contract/enums';
import { getPeriodState } from '../../contract/period';
import { PeriodService } from '../../periods/period.service';
import type { DevServer } from '../../temporal/dev-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { reconProcessEnv, startOwnTemporal } from '../support/fault-stack';
import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { consistencyProblems } from './support/invariants';
import { startRecon, waitFor, type ReconChild } from './support/processes';
import { startTestSmtpServer, type TestSmtpServer } from './support/smtp-server';

/**
 * Fault 5 of issue #20: sending statements when the outbox's disk is full, and when the mail relay
 * drops connections. The statement goes out once the fault clears, exactly once per period and
 * round, and nothing half written is left behind.
 */
describe('statements sent through a full disk and a relay that drops connections', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recon-faults-mail-'));
  let db: TestDatabase;
  let temporal: DevServer;
  let connection: Connection;
  let periods: PeriodService;
  let smtp: TestSmtpServer;
  const workers: ReconChild[] = [];
  let mounted = false;

  beforeAll(async () => {
    db = await createTestDatabase('faults_mail');
    temporal = await startOwnTemporal(dir);
    connection = await Connection.connect({ address: temporal.address });
    smtp = await startTestSmtpServer();
  });

  afterAll(async () => {
    for (const worker of workers) await worker.kill();
    await smtp?.close();
    await connection?.close();
    await temporal?.stop();
    if (mounted) execFileSync('umount', [path.join(dir, 'small', 'outbox')]);
    await db?.drop();
  });

  const startWorker = async (taskQueue: string, env: Record<string, string>) => {
    workers.push(
      await startRecon(
        'worker',
        reconProcessEnv({ temporal, databaseUrl: db.config.url, dir, taskQueue }, env),
      ),
    );
    periods = new PeriodService(db.dataSource, new Client({ connection }), taskQueue);
  };
  const statusOf = async (workflowId: string) =>
    (await periods.handle(workflowId).query(getPeriodState)).status;

  it('waits out a full outbox disk, then writes each statement whole, once', async () => {
    // A small filesystem of its own for the outbox (the test runs as root, as CI does), filled up.
    const dataDir = path.join(dir, 'small');
    const outbox = path.join(dataDir, 'outbox');
    mkdirSync(outbox, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', outbox]);
    mounted = true;
    const filler = path.join(outbox, 'filler');
    try {
      writeFileSync(filler, Buffer.alloc(8 * 1024 * 1024));
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    await startWorker('recon-faults-disk', { RECON_DATA_DIR: dataDir });

    await seedCustomer(db.dataSource, 'FDISK', CLEAN_LINES, CLEAN_LINES);
    const { workflowId, period } = await periods.openPeriod('FDISK', '2026-10-01', '2026-10-31');
    // The period waits for the customer; its statement cannot be written, and no piece of it is.
    await waitFor('a failed send', async () => /activity failed/.test(workers[0].output()), 60_000);
    await waitFor('the period', async () => (await statusOf(workflowId)) === PeriodStatus.AWAITING_CUSTOMER);
    expect(readdirSync(outbox).filter((f) => f !== 'filler')).toEqual([]);

    rmSync(filler);
    const message = `statement-${period.id}-round-1`;
    await waitFor('the statement sent', async () => readdirSync(outbox).includes(`${message}.json`), 90_000);
    const files = readdirSync(outbox);
    expect(files.filter((f) => f.includes('.partial-'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.json'))).toEqual([`${message}.json`]);
    const { attachments } = JSON.parse(readFileSync(path.join(outbox, `${message}.json`), 'utf8')) as {
      attachments: string[];
    };
    expect(attachments.length).toBeGreaterThan(0);
    for (const name of attachments) {
      const content = readFileSync(path.join(outbox, `${message}-${name}`));
      if (name.endsWith('.pdf')) expect(content.subarray(0, 5).toString()).toBe('%PDF-');
      expect(content.length).toBeGreaterThan(100);
    }
  });

  it('sends through a relay that drops its first connections, one message per statement', async () => {
    smtp.dropConnections(3);
    await startWorker('recon-faults-smtp', {
      RECON_DATA_DIR: path.join(dir, 'smtp'),
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    });
    await seedCustomer(db.dataSource, 'FSMTP', CLEAN_LINES, CLEAN_LINES);
    const { period } = await periods.openPeriod('FSMTP', '2026-10-01', '2026-10-31');
    const ours = () => smtp.messages.filter((raw) => raw.includes(`statement-${period.id}-round-1@`));
    await waitFor('the statement sent', async () => ours().length > 0, 90_000);
    expect(smtp.dropped).toBe(3);
    expect(ours()).toHaveLength(1);
    expect(await consistencyProblems(db.dataSource)).toEqual([]);
  });
});
