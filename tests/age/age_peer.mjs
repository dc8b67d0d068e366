// The npm age-encryption peer for the age interop tests and the benchmark, run with the
// Node 24 of .deps/node. Streams files through the library (binary), or in memory (armor).
//   node age_peer.mjs keygen pq|x25519            -> identity line, then recipient line
//   node age_peer.mjs encrypt RECIPIENT|pass:P IN OUT [armor]
//   node age_peer.mjs decrypt IDENTITY_FILE|pass:P IN OUT
import { closeSync, createReadStream, createWriteStream, openSync, readFileSync, readSync,
  writeFileSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const agePath = process.env.PQSAFE_AGEJS ??
  join(here, "..", "..", ".deps", "agejs", "node_modules", "age-encryption", "dist", "index.js");
const age = await import(agePath);

async function keygen(kind) {
  const id = kind === "pq" ? await age.generateHybridIdentity() : await age.generateX25519Identity();
  console.log(id);
  console.log(await age.identityToRecipient(id));
}

async function encrypt(who, inPath, outPath, armor) {
  const e = new age.Encrypter();
  if (who.startsWith("pass:")) {
    e.setPassphrase(who.slice(5));
    e.setScryptWorkFactor(10);
  } else {
    e.addRecipient(who);
  }
  if (armor) {
    const ct = await e.encrypt(readFileSync(inPath));
    writeFileSync(outPath, age.armor.encode(ct));
    return;
  }
  const out = await e.encrypt(Readable.toWeb(createReadStream(inPath)));
  await pipeline(Readable.fromWeb(out), createWriteStream(outPath));
}

async function decrypt(who, inPath, outPath) {
  const d = new age.Decrypter();
  if (who.startsWith("pass:")) {
    d.addPassphrase(who.slice(5));
  } else {
    for (const line of readFileSync(who, "utf8").split("\n")) {
      const l = line.trim();
      if (l !== "" && !l.startsWith("#")) d.addIdentity(l);
    }
  }
  const fd = openSync(inPath, "r");
  const buf = Buffer.alloc(64);
  const n = readSync(fd, buf, 0, 64, 0);
  closeSync(fd);
  const head = buf.subarray(0, n).toString("latin1");
  if (head.trimStart().startsWith("-----BEGIN")) {
    const pt = await d.decrypt(age.armor.decode(readFileSync(inPath, "utf8")));
    writeFileSync(outPath, pt);
    return;
  }
  const out = await d.decrypt(Readable.toWeb(createReadStream(inPath)));
  await pipeline(Readable.fromWeb(out), createWriteStream(outPath));
}

const [cmd, a, b, c, d] = process.argv.slice(2);
try {
  if (cmd === "keygen") await keygen(a);
  else if (cmd === "encrypt") await encrypt(a, b, c, d === "armor");
  else if (cmd === "decrypt") await decrypt(a, b, c);
  else throw new Error(`unknown command ${cmd}`);
} catch (err) {
  console.error(`age_peer: ${err.message ?? err}`);
  process.exit(1);
}
