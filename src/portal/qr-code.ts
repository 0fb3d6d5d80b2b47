import type { NextFunction, Request, Response } from 'express';
import QRCode from 'qrcode';

/** Longer than any address or ballot code the portal prints; a QR code of more is unreadable on paper anyway. */
export const QR_MAX_TEXT = 512;

/**
 * `GET /qr.svg?text=…`: the QR code of a text as an SVG image, for the printed notices and paper ballots.
 * Drawn on the server so the portal needs no QR library of its own; the image depends only on the text,
 * so it is cached like the portal's versioned files.
 */
export function qrCodeRoute() {
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path !== '/qr.svg') return next();
    const text = typeof req.query.text === 'string' ? req.query.text : '';
    if (text.length === 0 || text.length > QR_MAX_TEXT) {
      res.status(400).json({
        statusCode: 400,
        code: 'QR_TEXT_INVALID',
        message: `text must be given, at most ${QR_MAX_TEXT} characters`,
      });
      return;
    }
    QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then(
      (svg) => {
        res.setHeader('Content-Type', 'image/svg+xml');
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.send(svg);
      },
      (error: unknown) => next(error),
    );
  };
}
