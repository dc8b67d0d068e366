// Independent check of a pqsafe model signature with Node 24 (OpenSSL 3.5), sharing no
// code with pqsafe: the bundle and statement have exactly the fields of sigstore
// model_signing v1.0 (Sigstore bundle v0.3, DSSE, in-toto Statement v1); every resource
// digest and the root digest are recomputed from the files; the DSSE signatures verify
// over PAE with OpenSSL; the key hint is SHA-256 of OpenSSL's own PEM of the key.
//
// usage: node check_bundle.js MODEL_DIR BUNDLE PUB_PEM [ED25519_PUB_PEM]
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

function fail(msg) {
  console.error('check_bundle: FAIL: ' + msg);
  process.exit(1);
}
function expect(cond, msg) {
  if (!cond) fail(msg);
}
function keysAre(obj, allowed, required, what) {
  expect(obj && typeof obj === 'object' && !Array.isArray(obj), what + ' is not an object');
  for (const k of Object.keys(obj)) expect(allowed.includes(k), what + ' has unexpected field ' + k);
  for (const k of required) expect(k in obj, what + ' lacks ' + k);
}
const sha256 = (b) => crypto.createHash('sha256').update(b).digest();
const isHex64 = (s) => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);

const [modelDir, bundlePath, pubPath, edPath] = process.argv.slice(2);
const bundle = JSON.parse(fs.readFileSync(bundlePath, 'utf8'));

// Sigstore bundle v0.3 as model_signing's key signers write it.
keysAre(bundle, ['mediaType', 'verificationMaterial', 'dsseEnvelope'],
        ['mediaType', 'verificationMaterial', 'dsseEnvelope'], 'bundle');
expect(bundle.mediaType === 'application/vnd.dev.sigstore.bundle.v0.3+json', 'mediaType');
const vm = bundle.verificationMaterial;
keysAre(vm, ['publicKey', 'tlogEntries'], ['publicKey'], 'verificationMaterial');
keysAre(vm.publicKey, ['hint'], ['hint'], 'publicKey');
expect(isHex64(vm.publicKey.hint), 'publicKey.hint is not 64 lowercase hex');
expect(Array.isArray(vm.tlogEntries || []), 'tlogEntries');
const env = bundle.dsseEnvelope;
keysAre(env, ['payload', 'payloadType', 'signatures'], ['payload', 'payloadType', 'signatures'],
        'dsseEnvelope');
expect(env.payloadType === 'application/vnd.in-toto+json', 'payloadType');
expect(Array.isArray(env.signatures) && env.signatures.length >= 1, 'signatures');

// The statement.
const payload = Buffer.from(env.payload, 'base64');
expect(payload.toString('base64') === env.payload, 'payload is not canonical base64');
const st = JSON.parse(payload.toString('utf8'));
keysAre(st, ['_type', 'subject', 'predicateType', 'predicate'],
        ['_type', 'subject', 'predicateType', 'predicate'], 'statement');
expect(st._type === 'https://in-toto.io/Statement/v1', '_type');
expect(st.predicateType === 'https://model_signing/signature/v1.0', 'predicateType');
expect(Array.isArray(st.subject) && st.subject.length === 1, 'exactly one subject');
keysAre(st.subject[0], ['name', 'digest'], ['name', 'digest'], 'subject');
expect(st.subject[0].name === path.basename(fs.realpathSync(modelDir)), 'subject name');
keysAre(st.subject[0].digest, ['sha256'], ['sha256'], 'subject digest');
keysAre(st.predicate, ['serialization', 'resources'], ['serialization', 'resources'], 'predicate');
const ser = st.predicate.serialization;
const shards = ser.method === 'shards';
keysAre(ser, ['method', 'hash_type', 'allow_symlinks', 'shard_size', 'ignore_paths'],
        ['method', 'hash_type', 'allow_symlinks', 'ignore_paths'].concat(shards ? ['shard_size'] : []),
        'serialization');
expect(ser.method === 'files' || shards, 'method');
expect(ser.hash_type === 'sha256', 'hash_type');
expect(typeof ser.allow_symlinks === 'boolean', 'allow_symlinks');
expect(!shards || (Number.isInteger(ser.shard_size) && ser.shard_size > 0), 'shard_size');
expect(Array.isArray(ser.ignore_paths) && ser.ignore_paths.every((p) => typeof p === 'string'),
       'ignore_paths');
for (const g of ['.git', '.gitattributes', '.github', '.gitignore'])
  expect(ser.ignore_paths.includes(g), 'ignore_paths lacks ' + g);

// Recompute the manifest from the files: every regular file not ignored, ordered as
// Python's PurePosixPath (component lists), shards cut like model_signing's _endpoints.
const ignored = (rel) => ser.ignore_paths.some((p) => rel === p || rel.startsWith(p + '/'));
function walk(dir, prefix, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? prefix + '/' + e.name : e.name;
    if (ignored(rel)) continue;
    if (e.isDirectory()) walk(path.join(dir, e.name), rel, out);
    else if (e.isFile()) out.push(rel);
    else fail('unexpected non-regular file ' + rel);
  }
  return out;
}
function cmpParts(a, b) {
  const x = a.split('/'), y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return Buffer.compare(Buffer.from(x[i]), Buffer.from(y[i]));
  }
  return x.length - y.length;
}
const want = [];
for (const rel of walk(modelDir, '', []).sort(cmpParts)) {
  const data = fs.readFileSync(path.join(modelDir, rel));
  if (!shards) {
    want.push({ name: rel, digest: sha256(data) });
    continue;
  }
  for (let s = 0; s < data.length; s += ser.shard_size) {
    const e = Math.min(s + ser.shard_size, data.length);
    want.push({ name: `${rel}:${s}:${e}`, digest: sha256(data.subarray(s, e)) });
  }
}
const res = st.predicate.resources;
expect(res.length === want.length, `${res.length} resources, recomputed ${want.length}`);
res.forEach((r, i) => {
  keysAre(r, ['name', 'algorithm', 'digest'], ['name', 'algorithm', 'digest'], 'resource');
  expect(r.algorithm === 'sha256', 'resource algorithm');
  expect(r.name === want[i].name, `resource ${i} is ${r.name}, recomputed ${want[i].name}`);
  expect(r.digest === want[i].digest.toString('hex'), 'digest of ' + r.name);
});
const root = sha256(Buffer.concat(want.map((w) => w.digest))).toString('hex');
expect(st.subject[0].digest.sha256 === root, 'root digest');

// DSSE v1 PAE and the signatures, verified by OpenSSL 3.5.
const type = Buffer.from(env.payloadType);
const pae = Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type,
                           Buffer.from(` ${payload.length} `), payload]);
const pub = crypto.createPublicKey(fs.readFileSync(pubPath));
const hint = sha256(pub.export({ type: 'spki', format: 'pem' })).toString('hex');
expect(vm.publicKey.hint === hint, 'hint is not SHA-256 of the PEM SubjectPublicKeyInfo');
const pq = env.signatures[0];
keysAre(pq, ['sig', 'keyid'], ['sig', 'keyid'], 'signature');
expect(pq.keyid.toLowerCase() === pub.asymmetricKeyType, `keyid ${pq.keyid} for a ${pub.asymmetricKeyType} key`);
expect(crypto.verify(null, pae, pub, Buffer.from(pq.sig, 'base64')), pq.keyid + ' signature');
if (edPath) {
  expect(env.signatures.length === 2 && env.signatures[1].keyid === 'Ed25519', 'Ed25519 signature');
  const ed = crypto.createPublicKey(fs.readFileSync(edPath));
  expect(crypto.verify(null, pae, ed, Buffer.from(env.signatures[1].sig, 'base64')), 'Ed25519 verify');
} else {
  expect(env.signatures.length === 1, 'one signature');
}
console.log(`check_bundle: OK (${pq.keyid}${edPath ? '+Ed25519' : ''}, ${ser.method}, ${res.length} resources, root ${root.slice(0, 16)}...)`);
