import type { UserRole } from './enums';

/** Who takes a decision in a period, as workflows and activities see it. */
export interface Actor {
  /** "user:<id>", "api-key:<id>", "customer:<code>" or "system". */
  id: string;
  role: UserRole | 'CUSTOMER' | 'SYSTEM';
  name?: string;
}
