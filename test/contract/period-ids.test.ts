import { periodKey, periodWorkflowId } from '../../contract/period/ids';

// A period's workflow id: a calendar month by its month, any other range by both ends. Ids already
// in Temporal's histories depend on it: these are the forms they have.
describe('period keys', () => {
  it('names a whole calendar month by its month, leap years included', () => {
    expect(periodKey('2026-10-01', '2026-10-31')).toBe('2026-10');
    expect(periodKey('2028-02-01', '2028-02-29')).toBe('2028-02');
    expect(periodWorkflowId('ACME', '2026-02-01', '2026-02-28')).toBe('recon-ACME-2026-02');
  });

  it('names any other range by both ends', () => {
    expect(periodKey('2028-02-01', '2028-02-28')).toBe('2028-02-01_2028-02-28');
    expect(periodKey('2026-10-02', '2026-10-31')).toBe('2026-10-02_2026-10-31');
    expect(periodKey('2026-10-01', '2026-12-31')).toBe('2026-10-01_2026-12-31');
  });
});
