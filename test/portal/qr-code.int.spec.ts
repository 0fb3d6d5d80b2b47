import { QR_MAX_TEXT } from '../../src/portal/qr-code.js';
import { TestServer } from '../support/test-server.js';

describe('the QR code route for printed notices and paper ballots (GET /qr.svg)', () => {
  let server: TestServer;
  const get = (text: string) => fetch(`${server.baseUrl}/qr.svg?text=${encodeURIComponent(text)}`);

  beforeAll(async () => {
    server = await TestServer.start('qr_code');
  });
  afterAll(() => server.stop());

  it('draws a text as a cacheable SVG image whose modules depend on the text', async () => {
    const first = await get('https://gongzhi.example/c/abc/votes/1');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(first.headers.get('cache-control')).toContain('immutable');
    const svg = await first.text();
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    const other = await (await get('https://gongzhi.example/c/abc/votes/2')).text();
    expect(other).not.toBe(svg);
    expect(await (await get('https://gongzhi.example/c/abc/votes/1')).text()).toBe(svg);
  });

  it('refuses an empty or over-long text with 400 QR_TEXT_INVALID', async () => {
    for (const text of ['', 'x'.repeat(QR_MAX_TEXT + 1)]) {
      const answer = await get(text);
      expect(answer.status).toBe(400);
      expect((await answer.json()).code).toBe('QR_TEXT_INVALID');
    }
  });
});
