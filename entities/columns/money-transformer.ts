import type { ValueTransformer } from 'typeorm';
import { Money } from '../../money/decimal';

/**
 * DECIMAL(20,4) <-> Money. mysql2 hands DECIMAL over as a string (decimalNumbers off),
 * so the value never passes through a JS number on its way in or out.
 */
export const moneyTransformer: ValueTransformer = {
  to: (value: Money | string | null | undefined) => {
    if (value === null || value === undefined) return value;
    return value instanceof Money ? value.toFixed() : new Money(value).toFixed();
  },
  from: (value: string | null) => (value === null ? null : new Money(value)),
};

export const MONEY_COLUMN = {
  type: 'decimal',
  precision: 20,
  scale: 4,
  transformer: moneyTransformer,
} as const;
