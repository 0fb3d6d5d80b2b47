import { COSIGNATURE_ED25519, parseVkey, type NoteVerifier } from '@gongzhi/ledger-log/signed-note.js';
import { ed25519CosignatureVerifier } from '@gongzhi/ledger-log/tlog-cosignature.js';

/** A witness the server submits its checkpoints to. */
export interface WitnessEndpoint {
  vkey: string;
  name: string;
  verifier: NoteVerifier;
  /** The submission prefix: the server POSTs to `${url}/add-checkpoint`. */
  url: string;
}

/**
 * GONGZHI_WITNESSES: comma-separated "<witness vkey>=<URL prefix>", e.g.
 * "jiedao.example.gov.cn/witness+1a2b3c4d+BM0x…=https://witness.jiedao.example.gov.cn". The vkey is a
 * c2sp.org/tlog-cosignature Ed25519 key (type 0x04), as `gongzhi witness vkey` prints it.
 */
export function parseWitnessList(value: string): WitnessEndpoint[] {
  const out: WitnessEndpoint[] = [];
  for (const entry of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const split = entry.search(/=https?:\/\//);
    if (split <= 0)
      throw new Error(`GONGZHI_WITNESSES entries are <witness vkey>=<http(s) URL>, got ${JSON.stringify(entry)}`);
    const vkey = entry.slice(0, split);
    const url = entry.slice(split + 1).replace(/\/+$/, '');
    let key;
    try {
      key = parseVkey(vkey);
    } catch (error) {
      throw new Error(`GONGZHI_WITNESSES: ${JSON.stringify(vkey)} is not a vkey: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (key.type !== COSIGNATURE_ED25519)
      throw new Error(`GONGZHI_WITNESSES: ${key.name} is not a witness cosignature key (type 0x04)`);
    try {
      new URL(url);
    } catch {
      throw new Error(`GONGZHI_WITNESSES: ${JSON.stringify(url)} is not a URL`);
    }
    if (out.some((w) => w.vkey === vkey)) throw new Error(`GONGZHI_WITNESSES names ${key.name} twice`);
    out.push({ vkey, name: key.name, verifier: ed25519CosignatureVerifier(key), url });
  }
  return out;
}
