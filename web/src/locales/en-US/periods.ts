import type { Messages } from '../../i18n/catalog';

export default {
  title: 'Periods',
  customer: 'Customer',
  period: 'Period',
  status: 'Status',
  bridgeTied: 'Balance bridge',
  tied: 'Ties',
  notTied: 'Does not tie',
  ourClosing: 'Our closing balance',
  theirClosing: 'Their closing balance',
  filterStatus: 'Filter by status',
  filterMonth: 'Filter by month',
  statusOPEN: 'Open',
  statusEXTRACTING: 'Extracting',
  statusMATCHING: 'Matching',
  statusIN_REVIEW: 'In review',
  statusAWAITING_CUSTOMER: 'Awaiting the customer',
  statusAWAITING_APPROVAL: 'Awaiting approval',
  statusCLOSED: 'Closed',
  statusFAILED: 'Failed',
} satisfies Messages<'periods'>;
