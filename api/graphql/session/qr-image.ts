import QRCode from 'qrcode';

/**
 * A link as a QR code in an SVG `data:` URL: the web app shows it as an <img> without loading a
 * script or an image from another origin (the page's CSP allows `img-src 'self' data:`).
 */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
