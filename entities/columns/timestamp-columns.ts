import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

// Millisecond timestamps whose SQL default has the column's own precision (MariaDB refuses a mismatch).
export const CreatedAtColumn = () =>
  CreateDateColumn({ type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' });

export const UpdatedAtColumn = () =>
  UpdateDateColumn({
    type: 'datetime',
    precision: 3,
    default: () => 'CURRENT_TIMESTAMP(3)',
    onUpdate: 'CURRENT_TIMESTAMP(3)',
  });
