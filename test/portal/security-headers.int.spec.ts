import { createHash } from 'node:crypto';
import { TestServer } from '../support/test-server.js';

/**
 * Issue 13 item 10: the portal's answers carry a strict Content-Security-Policy (its own scripts, and
 * its import map by hash; no framing, plug-ins or <base>), X-Frame-Options DENY, nosniff and a
 * Referrer-Policy; the API's answers carry nosniff too. That the portal still works under this policy
 * is shown by the Chromium tests of test/portal (*.e2e.spec.ts).
 */
describe('security headers (issue 13)', () => {
  let server: TestServer;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.baseUrl}${path}`, { headers });

  beforeAll(async () => {
    server = await TestServer.start('security_headers');
  });
  afterAll(() => server.stop());

  const directives = (policy: string | null) =>
    new Map(
      (policy ?? '')
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );

  it('gives the portal page a strict CSP that allows its own scripts and its import map by hash, and nothing inline besides', async () => {
    const page = await get('/c/some-community/votes/some-vote', { accept: 'text/html' });
    expect(page.status).toBe(200);
    const html = await page.text();
    const policy = directives(page.headers.get('content-security-policy'));
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    const importMap = /<script type="importmap">(.*?)<\/script>/s.exec(html)![1];
    expect(policy.get('script-src')).toEqual([
      "'self'",
      `'sha256-${createHash('sha256').update(importMap).digest('base64')}'`,
    ]);
    // Every other script of the page is a file of the portal's own.
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
    expect(inline).toEqual([' type="importmap"']);
    expect(html).not.toMatch(/\son[a-z]+=|style=/i);
  });

  it('forbids framing and sniffing, and sends no referrer, on the page and on its scripts', async () => {
    for (const path of ['/', '/app.js', '/styles.css']) {
      const answer = await get(path, { accept: 'text/html' });
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('sends nosniff on API answers and refusals alike', async () => {
    for (const [path, status] of [
      ['/api/v1/communities', 200],
      ['/api/v1/auth/me', 401],
      ['/api/v1/nowhere', 404],
      ['/health/live', 200],
    ] as const) {
      const answer = await get(path);
      expect({ path, status: answer.status, nosniff: answer.headers.get('x-content-type-options') }).toEqual({
        path,
        status,
        nosniff: 'nosniff',
      });
    }
  });
});
