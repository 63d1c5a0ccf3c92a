// A 催款函 as it went out: its stored data, for `recon export dunning-letter` to print again.
import type { DataSource } from 'typeorm';
import { badInput, notFound } from '../credit/credit-error';
import { customerByCode } from '../credit/open-items.service';
import { DunningLetter } from '../entities/dunning-letter.entity';
import { isIsoDate } from '../formats/date';
import type { DunningLetterData } from './letter-types';

/** The customer's letter of `level` in `cycle` (default: its latest cycle with that level). */
export async function storedLetter(
  dataSource: DataSource,
  input: { customerCode: string; level: number; cycle?: string },
): Promise<DunningLetterData> {
  if (!Number.isInteger(input.level) || input.level < 1 || input.level > 20)
    throw badInput('level', 'a level number from 1');
  if (input.cycle !== undefined && !isIsoDate(input.cycle)) throw badInput('cycle', 'a date YYYY-MM-DD');
  const customer = await customerByCode(dataSource, input.customerCode);
  const letter = await dataSource.getRepository(DunningLetter).findOne({
    where: { customerId: customer.id, level: input.level, ...(input.cycle ? { cycle: input.cycle } : {}) },
    order: { cycle: 'DESC' },
  });
  if (!letter)
    throw notFound(
      `dunning letter of level ${input.level} for ${customer.code}${input.cycle ? ` in cycle ${input.cycle}` : ''}`,
    );
  return letter.document as unknown as DunningLetterData;
}
