import { generateKeyPairSync } from 'node:crypto';
import { ed25519NoteSigner } from '@gongzhi/ledger-log/signed-note.js';
import { ed25519Cosigner } from '@gongzhi/ledger-log/tlog-cosignature.js';
import { parseWitnessList } from './witness-list.js';

describe('GONGZHI_WITNESSES', () => {
  const a = ed25519Cosigner('jiedao-a.test/witness', generateKeyPairSync('ed25519').privateKey).vkey;
  const b = ed25519Cosigner('jiedao-b.test/witness', generateKeyPairSync('ed25519').privateKey).vkey;

  it('reads comma-separated <vkey>=<URL> entries, the URL without a trailing slash', () => {
    const list = parseWitnessList(` ${a}=http://127.0.0.1:3100/ , ${b}=https://witness.jiedao-b.test/prefix`);
    expect(list.map((w) => [w.name, w.url])).toEqual([
      ['jiedao-a.test/witness', 'http://127.0.0.1:3100'],
      ['jiedao-b.test/witness', 'https://witness.jiedao-b.test/prefix'],
    ]);
    expect(parseWitnessList('')).toEqual([]);
  });

  it('refuses a log key where a witness key belongs, a missing URL, a mangled vkey and a witness named twice', () => {
    const logKey = ed25519NoteSigner('gongzhi.test', generateKeyPairSync('ed25519').privateKey).vkey;
    expect(() => parseWitnessList(`${logKey}=http://w.test`)).toThrow('not a witness cosignature key');
    expect(() => parseWitnessList(a)).toThrow('<witness vkey>=<http(s) URL>');
    expect(() => parseWitnessList(`${a.slice(0, -2)}xx=http://w.test`)).toThrow('is not a vkey');
    expect(() => parseWitnessList(`${a}=http://w.test,${a}=http://v.test`)).toThrow('twice');
  });
});
