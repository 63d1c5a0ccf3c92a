import { existsSync, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';

/** No usable CJK font: PDFs would show empty boxes for Chinese, so we refuse to make them. */
export class ReportFontError extends Error {
  override readonly name = 'ReportFontError';
  readonly code = 'CJK_FONT_MISSING';
}

export interface CjkFont {
  readonly regular: Buffer;
  readonly bold: Buffer;
  /** The face to use inside a font collection (.ttc). */
  readonly collectionFace?: string;
  /** Where the regular face came from, for messages. */
  readonly source: string;
}

/** Noto Sans SC, a TrueType font shipped through npm, so every install has it. */
const NPM_FONTS = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
};
/** Debian packages' fonts, when the npm one is absent (fonts-noto-cjk, fonts-wqy-microhei, fonts-arphic-uming). */
const SYSTEM_FONTS = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/arphic/uming.ttc', face: 'AR-PL-UMing-CN' },
];

let cached: CjkFont | null = null;

/**
 * The CJK font PDFs embed (as a subset of the glyphs used). RECON_CJK_FONT (a .ttf/.otf path) wins,
 * then the npm package, then a Debian font; read once per process (the files are ~10 MB).
 */
export function loadCjkFont(env: Record<string, string | undefined> = process.env): CjkFont {
  const configured = env.RECON_CJK_FONT?.trim();
  if (cached && (!configured || cached.source === configured)) return cached;
  if (configured) {
    if (!existsSync(configured)) throw new ReportFontError(`RECON_CJK_FONT=${configured}: no such file`);
    const font = readFileSync(configured);
    cached = { regular: font, bold: font, source: configured };
    return cached;
  }
  const regular = resolveModule(NPM_FONTS.regular);
  if (regular) {
    const bold = resolveModule(NPM_FONTS.bold) ?? regular;
    cached = { regular: readFileSync(regular), bold: readFileSync(bold), source: regular };
    return cached;
  }
  const system = SYSTEM_FONTS.find((font) => existsSync(font.path));
  if (system) {
    const font = readFileSync(system.path);
    cached = { regular: font, bold: font, source: system.path, collectionFace: system.face };
    return cached;
  }
  throw new ReportFontError(
    'no CJK font for PDFs: run `npm install` (it brings @expo-google-fonts/noto-sans-sc), ' +
      'install fonts-noto-cjk, or set RECON_CJK_FONT to a .ttf/.otf file',
  );
}

function resolveModule(id: string): string | null {
  try {
    return require.resolve(id);
  } catch {
    return null;
  }
}

/** A face parsed by fontkit, as pdfkit takes it in place of the file's bytes. */
export type ParsedFont = fontkit.Font;

const parsed = new WeakMap<Buffer, ParsedFont>();

/**
 * The CJK faces parsed once per process: parsing a 10 MB font costs tens of milliseconds, which
 * every statement would otherwise pay again. pdfkit still subsets the shared face per document.
 */
export function parsedCjkFont(font: CjkFont = loadCjkFont()): { regular: ParsedFont; bold: ParsedFont } {
  const parse = (bytes: Buffer): ParsedFont => {
    let face = parsed.get(bytes);
    if (!face) {
      const opened = fontkit.create(bytes, font.collectionFace);
      if (!('layout' in opened))
        throw new ReportFontError(`${font.source}: no face ${font.collectionFace ?? ''}`);
      parsed.set(bytes, (face = withPlainLayout(opened)));
    }
    return face;
  };
  return { regular: parse(font.regular), bold: parse(font.bold) };
}

/** A run as pdfkit reads it; its advance sums the positions, which pdfkit scales in place. */
class SimpleRun {
  constructor(
    readonly glyphs: fontkit.Glyph[],
    readonly positions: Array<{ xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }>,
  ) {}
  get advanceWidth(): number {
    return this.positions.reduce((sum, position) => sum + position.xAdvance, 0);
  }
}

/**
 * The face with a plain layout: each character's glyph from the cmap, set at its advance width.
 * Statements and reports are Chinese, Latin letters and digits, which need no OpenType shaping
 * (no joining scripts, no ligatures worth having in a table of amounts); fontkit's shaping of
 * a CJK face's GSUB/GPOS tables cost about a millisecond per string, most of a statement's time.
 */
function withPlainLayout(face: fontkit.Font): fontkit.Font {
  const plain = Object.create(face) as fontkit.Font;
  // pdfkit caches runs per document; the words of statements (labels, dates, names) repeat across
  // documents, so their glyphs are looked up once per process. Positions are fresh per run: pdfkit
  // scales them in place.
  const glyphsOf = new Map<string, fontkit.Glyph[]>();
  const layout = (text: string) => {
    let glyphs = glyphsOf.get(text);
    if (!glyphs) {
      if (glyphsOf.size >= 50_000) glyphsOf.clear();
      glyphsOf.set(text, (glyphs = face.glyphsForString(text)));
    }
    return new SimpleRun(
      glyphs,
      glyphs.map((glyph) => ({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 })),
    );
  };
  Object.defineProperty(plain, 'layout', { value: layout });
  Object.defineProperty(plain, 'getGlyph', {
    value: (id: number, characters?: number[]) => withDecodeOnce(face.getGlyph.call(plain, id, characters)),
  });
  return plain;
}

/** fontkit's TrueType glyph, as far as the subsetter uses it. */
interface DecodableGlyph {
  _decode(): unknown;
}
const decodedOnce = new WeakSet<object>();

/**
 * Every document's font subset decodes each glyph it embeds (fontkit's TTFSubset calls
 * `glyph._decode()` to find composite glyphs, parsing every outline point), which was a third of
 * a statement's time. The face and its glyph objects are shared by all documents, and a decoded
 * glyph is only read, so each glyph is decoded once per process.
 */
function withDecodeOnce<G>(glyph: G): G {
  const decodable = glyph as unknown as DecodableGlyph;
  if (!glyph || typeof decodable._decode !== 'function' || decodedOnce.has(decodable)) return glyph;
  const decode = decodable._decode;
  let decoded: unknown;
  let done = false;
  decodable._decode = function (this: DecodableGlyph) {
    if (!done) {
      decoded = decode.call(this);
      done = true;
    }
    return decoded;
  };
  decodedOnce.add(decodable);
  return glyph;
}
