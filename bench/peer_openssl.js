'use strict';
// The peer of `pqsafe bench`: OpenSSL 3.5 as bundled in Node 24, measured with the same
// method as src/cli/bench_time.c (constants in src/cli/bench.h): warm up for 50 ms (at
// most 1000 runs), then time N single runs and take the median; N is --iterations, or
// adapts to ~0.3 s of work (5..100000 runs). Only the synchronous APIs are used so each
// sample is one OpenSSL call plus Node's binding overhead (about a microsecond).
//
// usage: node peer_openssl.js [--iterations N] (--kem NAME | --sig NAME)...
// prints: {"node", "openssl", "results": [{"alg", "op", "median_us", "runs"}], "errors": [...]}
const crypto = require('node:crypto');

const WARMUP_NS = 50e6;
const WARMUP_MAX_RUNS = 1000;
const TARGET_NS = 300e6;
const MIN_RUNS = 5;
const MAX_RUNS = 100000;
const MESSAGE_BYTES = 1024;   // as pqsafe signs: 1 KiB, empty context, hedged

const now = () => Number(process.hrtime.bigint());

function median(samples) {
  samples.sort();   // Float64Array sorts numerically
  const n = samples.length;
  return n % 2 ? samples[(n - 1) / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
}

function measure(fn, iterations) {
  let runs = 0;
  const start = now();
  let elapsed;
  do {
    fn();
    runs++;
    elapsed = now() - start;
  } while (elapsed < WARMUP_NS && runs < WARMUP_MAX_RUNS);
  const estimate = Math.max(elapsed / runs, 1);
  const n = iterations > 0 ? iterations
    : Math.min(MAX_RUNS, Math.max(MIN_RUNS, Math.floor(TARGET_NS / estimate)));
  const samples = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t0 = now();
    fn();
    samples[i] = now() - t0;
  }
  return { median_us: median(samples) / 1e3, runs: n };
}

function benchKem(name, iterations) {
  const type = name.toLowerCase();
  const { publicKey, privateKey } = crypto.generateKeyPairSync(type);
  const { sharedKey, ciphertext } = crypto.encapsulate(publicKey);
  if (!crypto.decapsulate(privateKey, ciphertext).equals(sharedKey))
    throw new Error('decapsulate disagrees with encapsulate');
  return [
    ['KeyGen', () => crypto.generateKeyPairSync(type)],
    ['Encaps', () => crypto.encapsulate(publicKey)],
    ['Decaps', () => crypto.decapsulate(privateKey, ciphertext)],
  ].map(([op, fn]) => ({ alg: name, op, ...measure(fn, iterations) }));
}

function benchSig(name, iterations) {
  const type = name.toLowerCase();
  const { publicKey, privateKey } = crypto.generateKeyPairSync(type);
  const msg = crypto.randomBytes(MESSAGE_BYTES);
  const sig = crypto.sign(null, msg, privateKey);
  if (!crypto.verify(null, msg, publicKey, sig))
    throw new Error('verify rejects a fresh signature');
  return [
    ['KeyGen', () => crypto.generateKeyPairSync(type)],
    ['Sign', () => crypto.sign(null, msg, privateKey)],
    ['Verify', () => crypto.verify(null, msg, publicKey, sig)],
  ].map(([op, fn]) => ({ alg: name, op, ...measure(fn, iterations) }));
}

function parseArgs(argv) {
  const jobs = [];
  let iterations = 0;
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--iterations') iterations = parseInt(value, 10);
    else if (flag === '--kem') jobs.push([value, benchKem]);
    else if (flag === '--sig') jobs.push([value, benchSig]);
    else throw new Error(`unknown option ${flag}`);
  }
  return { jobs, iterations };
}

function main() {
  const { jobs, iterations } = parseArgs(process.argv.slice(2));
  const report = {
    node: process.versions.node, openssl: process.versions.openssl, results: [], errors: [],
  };
  for (const [name, bench] of jobs) {
    try {
      report.results.push(...bench(name, iterations));
    } catch (e) {   // e.g. an algorithm this OpenSSL lacks: pqsafe's numbers stand alone
      report.errors.push({ alg: name, error: String(e.message || e) });
    }
  }
  process.stdout.write(JSON.stringify(report) + '\n');
}

try {
  main();
} catch (e) {
  process.stderr.write(`peer_openssl.js: ${e.message}\n`);
  process.exit(2);
}
