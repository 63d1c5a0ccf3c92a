import { In, type EntityManager } from 'typeorm';
import { TaskStatus } from '../../contract/enums';
import { Task } from '../../entities/task.entity';

/** Marks the open tasks about these rows done, with what was decided. */
export async function closeTasksFor(
  manager: EntityManager,
  periodId: string,
  about: { differenceIds?: string[]; matchGroupIds?: string[]; adjustmentIds?: string[] },
  outcome: string,
): Promise<void> {
  const open = [TaskStatus.OPEN, TaskStatus.CLAIMED];
  const done = { status: TaskStatus.DONE, outcome: outcome.slice(0, 1000), completedAt: new Date() };
  const repository = manager.getRepository(Task);
  if (about.differenceIds?.length) {
    await repository.update({ periodId, status: In(open), differenceId: In(about.differenceIds) }, done);
  }
  if (about.matchGroupIds?.length) {
    await repository.update({ periodId, status: In(open), matchGroupId: In(about.matchGroupIds) }, done);
  }
  if (about.adjustmentIds?.length) {
    await repository.update({ periodId, status: In(open), adjustmentId: In(about.adjustmentIds) }, done);
  }
}
