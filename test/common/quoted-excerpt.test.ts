import { EXCERPT_MAX_CHARS, quotedExcerpt } from '../../common/quoted-excerpt';

describe('quotedExcerpt', () => {
  it('quotes a short value whole', () => {
    expect(quotedExcerpt('ACME')).toBe('"ACME"');
    expect(quotedExcerpt('客'.repeat(EXCERPT_MAX_CHARS))).toBe(
      JSON.stringify('客'.repeat(EXCERPT_MAX_CHARS)),
    );
  });

  it('cuts a long value to its first characters and says how long it was', () => {
    const quoted = quotedExcerpt('C'.repeat(20_000));
    expect(quoted).toBe(`"${'C'.repeat(EXCERPT_MAX_CHARS)}"… (20000 characters)`);
  });

  it('counts code points, never splitting a character outside the basic plane', () => {
    const quoted = quotedExcerpt('😀'.repeat(EXCERPT_MAX_CHARS + 1));
    expect(quoted).toBe(`"${'😀'.repeat(EXCERPT_MAX_CHARS)}"… (${EXCERPT_MAX_CHARS + 1} characters)`);
    expect(quotedExcerpt('😀'.repeat(EXCERPT_MAX_CHARS))).toBe(
      JSON.stringify('😀'.repeat(EXCERPT_MAX_CHARS)),
    );
  });
});
