import type { NextFunction, Request, Response } from 'express';

/**
 * On every answer, the API's and its refusals too: a browser never sniffs a JSON or CSV answer into
 * HTML or script, and no address (which carries community and vote ids) leaves in a Referer. The
 * portal's pages add their Content-Security-Policy and framing rules (portal-static.ts).
 */
export function securityHeaders() {
  return (_request: Request, response: Response, next: NextFunction) => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    next();
  };
}
