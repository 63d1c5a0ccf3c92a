import { isEmailAddress } from '../../formats/email';

describe('e-mail addresses (formats/email.ts)', () => {
  it('takes ordinary addresses, Chinese domains and plus tags', () => {
    for (const ok of ['li.na@recon.test', 'ap+statements@c1.example.com', '财务@公司.中国'])
      expect(isEmailAddress(ok)).toBe(true);
  });

  it('refuses what is not one: no @, no dot in the domain, spaces, quotes of SQL, two @, too long', () => {
    for (const bad of [
      '',
      'li.na',
      'a@b',
      'a b@c.cn',
      "x@y.z' OR 1=1 --",
      'a@@b.cn',
      `${'a'.repeat(250)}@b.cn`,
    ])
      expect(isEmailAddress(bad)).toBe(false);
  });
});
