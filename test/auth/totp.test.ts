import fc from 'fast-check';
import {
  base32Decode,
  base32Encode,
  hotp,
  matchTotp,
  otpauthUri,
  totp,
  type TotpAlgorithm,
} from '../../auth/totp';

// RFC 6238 Appendix B: the seeds and the 8-digit codes at each test time, per algorithm.
const SEEDS: Record<TotpAlgorithm, Buffer> = {
  SHA1: Buffer.from('12345678901234567890'),
  SHA256: Buffer.from('12345678901234567890123456789012'),
  SHA512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};
const VECTORS: Array<[number, string, TotpAlgorithm]> = [
  [59, '94287082', 'SHA1'],
  [59, '46119246', 'SHA256'],
  [59, '90693936', 'SHA512'],
  [1111111109, '07081804', 'SHA1'],
  [1111111109, '68084774', 'SHA256'],
  [1111111109, '25091201', 'SHA512'],
  [1111111111, '14050471', 'SHA1'],
  [1111111111, '67062674', 'SHA256'],
  [1111111111, '99943326', 'SHA512'],
  [1234567890, '89005924', 'SHA1'],
  [1234567890, '91819424', 'SHA256'],
  [1234567890, '93441116', 'SHA512'],
  [2000000000, '69279037', 'SHA1'],
  [2000000000, '90698825', 'SHA256'],
  [2000000000, '38618901', 'SHA512'],
  [20000000000, '65353130', 'SHA1'],
  [20000000000, '77737706', 'SHA256'],
  [20000000000, '47863826', 'SHA512'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(VECTORS)('at T=%i the code is %s (%s), as RFC 6238 Appendix B says', (time, code, algorithm) => {
    expect(totp(SEEDS[algorithm], time, { algorithm, digits: 8, period: 30 })).toBe(code);
  });

  it('computes HOTP as RFC 4226 Appendix D does', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(SEEDS.SHA1, counter, 6, 'SHA1'))).toEqual(expected);
  });

  it('accepts the code of the current step and one step either side, and says which step', () => {
    const t = 1111111111;
    const step = Math.floor(t / 30);
    expect(matchTotp(SEEDS.SHA1, totp(SEEDS.SHA1, t), t)).toBe(step);
    expect(matchTotp(SEEDS.SHA1, totp(SEEDS.SHA1, t - 30), t)).toBe(step - 1);
    expect(matchTotp(SEEDS.SHA1, totp(SEEDS.SHA1, t + 30), t)).toBe(step + 1);
    expect(matchTotp(SEEDS.SHA1, totp(SEEDS.SHA1, t - 90), t)).toBeNull();
    for (const bad of ['', '12345', '1234567', 'abcdef', '12 34 5x'])
      expect(matchTotp(SEEDS.SHA1, bad, t)).toBeNull();
  });

  it('round-trips base32 and writes the otpauth URI authenticator apps read', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) =>
        expect(base32Decode(base32Encode(Buffer.from(bytes)))).toEqual(Buffer.from(bytes)),
      ),
    );
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI'); // RFC 4648 §10
    expect(otpauthUri(SEEDS.SHA1, 'wang@recon.demo')).toBe(
      'otpauth://totp/Recon:wang%40recon.demo?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Recon&algorithm=SHA1&digits=6&period=30',
    );
  });
});
