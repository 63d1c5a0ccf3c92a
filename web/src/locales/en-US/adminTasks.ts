import type { Messages } from '../../i18n/catalog';

export default {
  title: 'Admin tasks',
  intro:
    'Work that belongs to no period, such as a failed scheduled backup. Say what you did when you resolve one; it is audited.',
  empty: 'No admin tasks.',
  createdAt: 'Raised',
  task: 'Task',
  status: 'Status',
  open: 'Open',
  resolvedAt: 'Resolved {at}',
  outcome: 'What was done',
  actions: 'Actions',
  resolve: 'Mark resolved',
  resolveTitle: 'Resolve: {title}',
  resolveOutcome: 'What was done (e.g. freed disk space and ran the backup again)',
  resolved: '“{title}” is marked resolved.',
} as const satisfies Messages<'adminTasks'>;
