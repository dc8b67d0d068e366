'use strict';
// The OpenSSL 3.5 side (Node 24) of the command-level interop tests in cli_test.sh.
// Key files are PEM or DER (by a ".der" name); signatures are raw bytes, as `pqsafe sign`
// writes them; signing is pure (no pre-hash), as `pqsafe sign --pure`.
//   node cli_node.js keygen ALG PRIV PUB           writes a fresh key pair (PKCS#8, SPKI)
//   node cli_node.js sign   PRIV FILE SIG [CTX]    writes Node's signature of FILE
//   node cli_node.js verify PUB FILE SIG [CTX]     exit 0 valid, 1 invalid
// Any error: a message on stderr and exit 2.
const crypto = require('node:crypto');
const fs = require('node:fs');

function keyOptions(file, isPrivate) {
  const buf = fs.readFileSync(file);
  if (file.endsWith('.der')) return { key: buf, format: 'der', type: isPrivate ? 'pkcs8' : 'spki' };
  return { key: buf.toString('latin1'), format: 'pem' };
}

function save(key, kind, file) {
  fs.writeFileSync(file, key.export({ type: kind, format: file.endsWith('.der') ? 'der' : 'pem' }));
}

const ctxOpt = (ctx) => (ctx !== undefined ? { context: Buffer.from(ctx, 'utf8') } : {});

function main(argv) {
  const [cmd, ...args] = argv;
  if (cmd === 'keygen' && args.length === 3) {
    const { publicKey, privateKey } = crypto.generateKeyPairSync(args[0].toLowerCase());
    save(privateKey, 'pkcs8', args[1]);
    save(publicKey, 'spki', args[2]);
    return 0;
  }
  if (cmd === 'sign' && (args.length === 3 || args.length === 4)) {
    const key = crypto.createPrivateKey(keyOptions(args[0], true));
    fs.writeFileSync(args[2], crypto.sign(null, fs.readFileSync(args[1]), { key, ...ctxOpt(args[3]) }));
    return 0;
  }
  if (cmd === 'verify' && (args.length === 3 || args.length === 4)) {
    const key = crypto.createPublicKey(keyOptions(args[0], false));
    const ok = crypto.verify(null, fs.readFileSync(args[1]), { key, ...ctxOpt(args[3]) },
                             fs.readFileSync(args[2]));
    return ok ? 0 : 1;
  }
  throw new Error(`usage: cli_node.js keygen|sign|verify ... (got: ${argv.join(' ')})`);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`cli_node.js: ${e.message || e}\n`);
  process.exitCode = 2;
}
