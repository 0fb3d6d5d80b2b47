import { ConfigError, readConfig } from '../../src/platform/config/app-config.js';

describe('GONGZHI_LOG_ORIGIN', () => {
  it('defaults to gongzhi.local and takes a schema-less URL', () => {
    expect(readConfig({}).logOrigin).toBe('gongzhi.local');
    expect(readConfig({ GONGZHI_LOG_ORIGIN: 'gongzhi.example.org/log' }).logOrigin).toBe('gongzhi.example.org/log');
  });

  it('refuses what cannot be a C2SP key name or origin prefix: spaces, "+", a trailing slash', () => {
    for (const bad of ['gongzhi example', 'gongzhi+x', 'gongzhi.example.org/']) {
      expect(() => readConfig({ GONGZHI_LOG_ORIGIN: bad })).toThrow(ConfigError);
    }
  });
});
