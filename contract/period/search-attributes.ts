import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Visible in Temporal's own tools: temporal workflow list --query "ReconStatus='AWAITING_CUSTOMER'"
export const RECON_STATUS = defineSearchAttributeKey('ReconStatus', SearchAttributeType.KEYWORD);
export const RECON_CUSTOMER = defineSearchAttributeKey('ReconCustomer', SearchAttributeType.KEYWORD);
export const RECON_PERIOD = defineSearchAttributeKey('ReconPeriod', SearchAttributeType.KEYWORD);

export const RECON_SEARCH_ATTRIBUTES = [RECON_STATUS, RECON_CUSTOMER, RECON_PERIOD];
