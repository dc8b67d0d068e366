// The Node 24 peer of test_node.sh: OpenSSL 3.5 with native ML-KEM groups.
//   node node_peer.js client PORT GROUP   connect to 127.0.0.1:PORT offering only GROUP,
//                                         send an HTTP request, check the negotiated
//                                         group (getEphemeralKeyInfo) and the answer.
//   node node_peer.js server GROUP CERT KEY
//                                         serve on a free loopback port (printed as
//                                         "PORT n"), accepting only GROUP; the handshake
//                                         trace (enableTrace) goes to stderr.
'use strict';
const tls = require('tls');
const fs = require('fs');

const [mode, ...args] = process.argv.slice(2);
const die = (msg) => { console.error('node peer: ' + msg); process.exit(1); };
setTimeout(() => die('timed out'), 30000).unref();

if (mode === 'client') {
  const [port, group] = args;
  const sock = tls.connect({ host: '127.0.0.1', port: Number(port), ecdhCurve: group,
                             minVersion: 'TLSv1.3', rejectUnauthorized: false }, () => {
    const info = sock.getEphemeralKeyInfo();
    console.log(`node client: negotiated ${JSON.stringify(info)} protocol ${sock.getProtocol()}`);
    if (!info || info.name !== group) die(`negotiated ${JSON.stringify(info)}, want ${group}`);
    sock.write('GET / HTTP/1.0\r\n\r\n');
  });
  let body = '';
  sock.setEncoding('utf8');
  sock.on('data', (d) => { body += d; });
  sock.on('end', () => {
    if (!body.includes('HTTP/1.0 200 ok')) die('no HTTP answer: ' + body.slice(0, 200));
    console.log(`node client: ${group} ok, ${body.length} bytes of answer`);
  });
  sock.on('error', (e) => die(e.message));
} else if (mode === 'server') {
  const [group, cert, key] = args;
  const server = tls.createServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key),
                                    ecdhCurve: group, minVersion: 'TLSv1.3', enableTrace: true },
    (sock) => {
      sock.end(`hello from node over ${group}\n`);
    });
  server.on('tlsClientError', (e) => console.log('node server: client error ' + e.message));
  server.listen(0, '127.0.0.1', () => console.log('PORT ' + server.address().port));
  process.on('SIGTERM', () => process.exit(0));
} else {
  die('usage: node_peer.js client PORT GROUP | server GROUP CERT KEY');
}
