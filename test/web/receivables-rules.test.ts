import {
  canApplyReceivables,
  creditsFor,
  defaultApplyAmount,
  itemsToShow,
} from '../../web/src/services/receivables-rules';

describe('web open items: what the page lists and offers, as the API decides it', () => {
  it('offers hand applications to receivables:apply (clerks, managers, admins), not auditors', () => {
    expect(['CLERK', 'MANAGER', 'ADMIN', 'AUDITOR'].map((r) => canApplyReceivables(r as never))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('lists open invoices and settled ones a hand application settled (to reverse it), not other history', () => {
    const open = { id: 'open', openAmount: '400.00', applications: [{ applicationId: null }] };
    const byHand = { id: 'hand', openAmount: '0', applications: [{ applicationId: '7' }] };
    const settled = { id: 'old', openAmount: '0.0000', applications: [{ applicationId: null }] };
    expect(itemsToShow([open, byHand, settled]).map((i) => i.id)).toEqual(['open', 'hand']);
  });

  it('offers every credit of the invoice currency, and starts the amount at the smaller side', () => {
    const credits = [
      { id: 'a', currency: 'CNY' },
      { id: 'b', currency: 'USD' },
    ];
    expect(creditsFor(credits, { currency: 'CNY' }).map((c) => c.id)).toEqual(['a']);
    expect(defaultApplyAmount('600', '-1000.00')).toBe('600');
    expect(defaultApplyAmount('600', '-250.50')).toBe('250.50');
    expect(defaultApplyAmount('600.00', '-600')).toBe('600.00');
  });
});
