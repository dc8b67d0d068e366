'use strict';
// Interop peer: OpenSSL 3.5 (as bundled in Node 24) answering a line protocol on stdin.
// One request per line, words separated by spaces, byte strings in hex ("-" = empty):
//   hello                               -> ok <node> <openssl> <raw|der>
//   kem_keygen <alg>                    -> ok <ek> <seed d||z>
//   kem_pub    <alg> <seed>             -> ok <ek>
//   kem_encaps <alg> <ek>               -> ok <ct> <ss>
//   kem_decaps <alg> <seed> <ct>        -> ok <ss>
//   sig_keygen <alg>                    -> ok <pk> <priv>   (ML-DSA: xi; SLH-DSA: 4n-byte sk)
//   sig_sign   <alg> <priv> <msg> <ctx> -> ok <sig>
//   sig_verify <alg> <pk> <msg> <ctx> <sig> -> ok 1 | ok 0
// Any failure answers "err <message>" so the C driver can report it.
// Keys cross as raw bytes. Node 24 accepts 'raw-public' / 'raw-seed' / 'raw-private' in
// recent 24.x releases; older ones only take SPKI / PKCS#8 DER, so both paths exist
// (PQSAFE_INTEROP_DER=1 forces DER, which keeps the fallback tested).
const crypto = require('node:crypto');
const readline = require('node:readline');

// Last two OID arcs under 2.16.840.1.101.3.4 (NIST CSOR): kems 4.x, sigs 3.x.
const OID_TAIL = {
  'ml-kem-512': [4, 1], 'ml-kem-768': [4, 2], 'ml-kem-1024': [4, 3],
  'ml-dsa-44': [3, 17], 'ml-dsa-65': [3, 18], 'ml-dsa-87': [3, 19],
  'slh-dsa-sha2-128s': [3, 20], 'slh-dsa-sha2-128f': [3, 21],
  'slh-dsa-sha2-192s': [3, 22], 'slh-dsa-sha2-192f': [3, 23],
  'slh-dsa-sha2-256s': [3, 24], 'slh-dsa-sha2-256f': [3, 25],
  'slh-dsa-shake-128s': [3, 26], 'slh-dsa-shake-128f': [3, 27],
  'slh-dsa-shake-192s': [3, 28], 'slh-dsa-shake-192f': [3, 29],
  'slh-dsa-shake-256s': [3, 30], 'slh-dsa-shake-256f': [3, 31],
};

// ---- minimal DER, only what SPKI / PKCS#8 for these key types need ----
function derLen(n) {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x100) return Buffer.from([0x81, n]);
  return Buffer.from([0x82, n >> 8, n & 0xff]);
}
function tlv(tag, body) { return Buffer.concat([Buffer.from([tag]), derLen(body.length), body]); }
function algId(type) {
  const tail = OID_TAIL[type];
  if (!tail) throw new Error(`no OID for ${type}`);
  const oid = Buffer.from([0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, tail[0], tail[1]]);
  return tlv(0x30, tlv(0x06, oid));   // AlgorithmIdentifier without parameters
}
// Read one TLV at off: { tag, body, end }.
function readTlv(buf, off) {
  const tag = buf[off];
  let len = buf[off + 1], p = off + 2;
  if (len & 0x80) {
    const nb = len & 0x7f;
    len = 0;
    for (let i = 0; i < nb; i++) len = len * 256 + buf[p++];
  }
  return { tag, body: buf.subarray(p, p + len), end: p + len };
}
// SEQUENCE { AlgorithmIdentifier, X }: return X's TLV (after the version for PKCS#8).
function innerAfterAlgId(der, skipVersion) {
  const outer = readTlv(der, 0).body;
  let off = skipVersion ? readTlv(outer, 0).end : 0;
  off = readTlv(outer, off).end;
  return readTlv(outer, off);
}

const isSlh = (type) => type.startsWith('slh-dsa-');

// ---- key import / export, raw formats when this Node has them ----
function probeRaw() {
  if (process.env.PQSAFE_INTEROP_DER === '1') return false;
  try {
    const { publicKey } = crypto.generateKeyPairSync('ml-kem-512');
    return publicKey.export({ format: 'raw-public' }).length === 800;
  } catch (e) {
    return false;
  }
}
const RAW = probeRaw();

function importPublic(type, raw) {
  if (RAW) return crypto.createPublicKey({ key: raw, format: 'raw-public', asymmetricKeyType: type });
  const spki = tlv(0x30, Buffer.concat([algId(type), tlv(0x03, Buffer.concat([Buffer.from([0]), raw]))]));
  return crypto.createPublicKey({ key: spki, format: 'der', type: 'spki' });
}
// priv: the seed (ML-KEM d||z, ML-DSA xi) or, for SLH-DSA, the whole sk.
function importPrivate(type, priv) {
  if (RAW) {
    const format = isSlh(type) ? 'raw-private' : 'raw-seed';
    return crypto.createPrivateKey({ key: priv, format, asymmetricKeyType: type });
  }
  // ML-KEM / ML-DSA PKCS#8 seed form is [0] IMPLICIT OCTET STRING; SLH-DSA holds sk as is.
  const inner = isSlh(type) ? priv : tlv(0x80, priv);
  const p8 = tlv(0x30, Buffer.concat([Buffer.from([2, 1, 0]), algId(type), tlv(0x04, inner)]));
  return crypto.createPrivateKey({ key: p8, format: 'der', type: 'pkcs8' });
}
function exportPublic(key) {
  if (RAW) return key.export({ format: 'raw-public' });
  const bits = innerAfterAlgId(key.export({ format: 'der', type: 'spki' }), false);
  return bits.body.subarray(1);   // drop the "unused bits" byte
}
function exportPrivate(type, key) {
  if (RAW) return key.export({ format: isSlh(type) ? 'raw-private' : 'raw-seed' });
  const body = innerAfterAlgId(key.export({ format: 'der', type: 'pkcs8' }), true).body;
  if (isSlh(type)) return body;
  const choice = readTlv(body, 0);          // seed [0], or SEQUENCE { seed, expanded }
  if (choice.tag === 0x80) return choice.body;
  if (choice.tag === 0x30) return readTlv(choice.body, 0).body;
  throw new Error('PKCS#8 holds no seed');
}

// ---- commands ----
const hex = (b) => (b.length === 0 ? '-' : Buffer.from(b).toString('hex'));
const unhex = (s) => (s === '-' ? Buffer.alloc(0) : Buffer.from(s, 'hex'));
const ctxOpt = (ctx) => (ctx.length > 0 ? { context: ctx } : {});

const commands = {
  hello: () => [process.versions.node, process.versions.openssl, RAW ? 'raw' : 'der'],
  kem_keygen: (type) => {
    const { publicKey, privateKey } = crypto.generateKeyPairSync(type);
    return [hex(exportPublic(publicKey)), hex(exportPrivate(type, privateKey))];
  },
  kem_pub: (type, seed) => [hex(exportPublic(crypto.createPublicKey(importPrivate(type, unhex(seed)))))],
  kem_encaps: (type, ek) => {
    const { sharedKey, ciphertext } = crypto.encapsulate(importPublic(type, unhex(ek)));
    return [hex(ciphertext), hex(sharedKey)];
  },
  kem_decaps: (type, seed, ct) => [hex(crypto.decapsulate(importPrivate(type, unhex(seed)), unhex(ct)))],
  sig_keygen: (type) => {
    const { publicKey, privateKey } = crypto.generateKeyPairSync(type);
    return [hex(exportPublic(publicKey)), hex(exportPrivate(type, privateKey))];
  },
  sig_sign: (type, priv, msg, ctx) => {
    const key = importPrivate(type, unhex(priv));
    return [hex(crypto.sign(null, unhex(msg), { key, ...ctxOpt(unhex(ctx)) }))];
  },
  sig_verify: (type, pk, msg, ctx, sig) => {
    const key = importPublic(type, unhex(pk));
    return [crypto.verify(null, unhex(msg), { key, ...ctxOpt(unhex(ctx)) }, unhex(sig)) ? '1' : '0'];
  },
};

function answer(line) {
  const [cmd, ...args] = line.trim().split(' ');
  const fn = commands[cmd];
  if (!fn) return `err unknown command ${cmd}`;
  if (args.length > 0) args[0] = args[0].toLowerCase();   // pqsafe names -> Node key types
  try {
    return ['ok', ...fn(...args)].join(' ');
  } catch (e) {
    return `err ${String(e.message || e).replace(/\s+/g, ' ')}`;
  }
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (line) => {
  if (line.trim() !== '') process.stdout.write(answer(line) + '\n');
});
