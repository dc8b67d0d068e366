'use strict';
// Key-file peer: OpenSSL 3.5 (as bundled in Node 24) reading and writing SPKI / PKCS#8
// key FILES, PEM or DER, in its working directory (the C driver's temp dir). One request
// per line, words separated by spaces; byte strings in hex ("-" = empty); file names
// relative. The key type comes first in pqsafe's spelling and is lower-cased into Node's
// ('ML-DSA-65' -> 'ml-dsa-65'); every key read must have exactly that type.
//   hello                               -> ok <node> <openssl>
//   keygen <type> <prefix>              -> ok   writes <prefix>.priv.pem .priv.der .pub.pem .pub.der
//   sign   <type> <file> <msg> <ctx>    -> ok <sig>          (file: a private key)
//   verify <type> <file> <msg> <ctx> <sig> -> ok 1 | ok 0    (file: public or private key)
//   encaps <type> <file>                -> ok <ct> <ss>      (file: public or private key)
//   decaps <type> <file> <ct>           -> ok <ss>           (file: a private key)
//   export <type> <in> <spki|pkcs8> <out> -> ok              (re-export in's key to out)
// A file is DER when its name ends in ".der", PEM otherwise; a DER file is PKCS#8 when
// its outer SEQUENCE starts with the INTEGER version (as pqs_key_parse decides), PEM by
// its label. Any failure answers "err <message>" so the C driver reports it.
const crypto = require('node:crypto');
const fs = require('node:fs');
const readline = require('node:readline');

const isDer = (file) => file.endsWith('.der');
const hex = (b) => (b.length === 0 ? '-' : Buffer.from(b).toString('hex'));
const unhex = (s) => (s === '-' ? Buffer.alloc(0) : Buffer.from(s, 'hex'));
const ctxOpt = (ctx) => (ctx.length > 0 ? { context: ctx } : {});

// DER: 30 <len> then 02 (PKCS#8 version) or 30 (SPKI AlgorithmIdentifier).
function derIsPkcs8(buf) {
  if (buf.length < 4 || buf[0] !== 0x30) throw new Error('not a DER SEQUENCE');
  const l = buf[1];
  const off = l < 0x80 ? 2 : 2 + (l & 0x7f);
  return buf[off] === 0x02;
}

function checkType(key, type, file) {
  if (key.asymmetricKeyType !== type)
    throw new Error(`Node reads ${file} as ${key.asymmetricKeyType}, expected ${type}`);
  return key;
}

// The key in file through createPrivateKey / createPublicKey, PEM or DER.
function load(type, file, wantPublic) {
  const buf = fs.readFileSync(file);
  let opts, isPrivate;
  if (isDer(file)) {
    isPrivate = derIsPkcs8(buf);
    opts = { key: buf, format: 'der', type: isPrivate ? 'pkcs8' : 'spki' };
  } else {
    const text = buf.toString('latin1');
    isPrivate = text.includes('-----BEGIN PRIVATE KEY-----');
    opts = { key: text, format: 'pem' };
  }
  if (!wantPublic && !isPrivate) throw new Error(`${file} holds no private key`);
  const key = wantPublic ? crypto.createPublicKey(opts) : crypto.createPrivateKey(opts);
  return checkType(key, type, file);
}

function save(key, kind, file) {
  fs.writeFileSync(file, key.export({ type: kind, format: isDer(file) ? 'der' : 'pem' }));
}

const commands = {
  hello: () => [process.versions.node, process.versions.openssl],
  keygen: (type, prefix) => {
    const { publicKey, privateKey } = crypto.generateKeyPairSync(type);
    checkType(privateKey, type, 'a generated key');
    save(privateKey, 'pkcs8', `${prefix}.priv.pem`);
    save(privateKey, 'pkcs8', `${prefix}.priv.der`);
    save(publicKey, 'spki', `${prefix}.pub.pem`);
    save(publicKey, 'spki', `${prefix}.pub.der`);
    return [];
  },
  sign: (type, file, msg, ctx) => {
    const key = load(type, file, false);
    return [hex(crypto.sign(null, unhex(msg), { key, ...ctxOpt(unhex(ctx)) }))];
  },
  verify: (type, file, msg, ctx, sig) => {
    const key = load(type, file, true);
    return [crypto.verify(null, unhex(msg), { key, ...ctxOpt(unhex(ctx)) }, unhex(sig)) ? '1' : '0'];
  },
  encaps: (type, file) => {
    const { sharedKey, ciphertext } = crypto.encapsulate(load(type, file, true));
    return [hex(ciphertext), hex(sharedKey)];
  },
  decaps: (type, file, ct) => [hex(crypto.decapsulate(load(type, file, false), unhex(ct)))],
  export: (type, file, kind, out) => {
    if (kind !== 'spki' && kind !== 'pkcs8') throw new Error(`export kind ${kind}`);
    save(load(type, file, kind === 'spki'), kind, out);
    return [];
  },
};

function answer(line) {
  const [cmd, ...args] = line.trim().split(' ');
  const fn = commands[cmd];
  if (!fn) return `err unknown command ${cmd}`;
  if (fn.length !== args.length) return `err ${cmd} takes ${fn.length} words, not ${args.length}`;
  if (args.length > 0) args[0] = args[0].toLowerCase();   // pqsafe names -> Node key types
  try {
    return ['ok', ...fn(...args)].join(' ');
  } catch (e) {
    return `err ${cmd} ${args.slice(0, 2).join(' ')}: ${String(e.message || e).replace(/\s+/g, ' ')}`;
  }
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (line) => {
  if (line.trim() !== '') process.stdout.write(answer(line) + '\n');
});
