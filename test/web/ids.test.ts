import { CANONICAL_ID } from '../../contract/ids';
import { isRecordId, RECORD_ID_PATTERN } from '../../web/src/services/ids';

describe('web: a record id in an address', () => {
  it('is the API’s canonical id, the same pattern', () => {
    expect(RECORD_ID_PATTERN).toBe(CANONICAL_ID.source);
  });

  it.each([
    ['42', true],
    ['1', true],
    ['123456789012345678', true],
    ['0', false],
    ['007', false],
    ['abc', false],
    ['-1', false],
    ['1e3', false],
    [' 42', false],
    ['', false],
  ])('%p → %p', (id, ok) => {
    expect(isRecordId(id)).toBe(ok);
  });
});
