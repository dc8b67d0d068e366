/* Hostile TLS 1.3 peers for the provider's groups, written at the byte level (RFC 8446
 * §4.1.2, §4.1.3, §4.2.8) so that they can send what no real stack would.
 *
 *   hostile_tls client-hello PORT
 *       Connects to a server (Debian's s_server with the provider) and sends ClientHellos
 *       whose X25519MLKEM768 / SecP256r1MLKEM768 key share is truncated, oversized, empty,
 *       has an ML-KEM ek failing the FIPS 203 §7.2 modulus check, an all-zero X25519
 *       point, or a bad P-256 point. Each must be answered with a fatal alert and no
 *       ServerHello.
 *
 *   hostile_tls server-hello
 *       Listens on a loopback port and answers a client (Debian's libssl in a thread of
 *       this program, with the provider through OPENSSL_CONF) with a ServerHello whose
 *       X25519MLKEM768 ciphertext share has the wrong length, or whose SecP256r1MLKEM768
 *       share has a bad point. The client must fail the handshake with an alert and the
 *       provider's error on its queue.
 *
 * Exit 0 when every case behaved; each case prints one line. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "pqsafe/kem.h"

#define G_X25519MLKEM768 0x11EC
#define G_SECP256R1MLKEM768 0x11EB

static int g_failed;

static void result(int ok, const char *what, const char *detail)
{
    printf("%s: %s%s%s\n", ok ? "ok" : "FAIL", what, detail[0] ? " -- " : "", detail);
    fflush(stdout);
    if (!ok)
        g_failed = 1;
}

/* ---- a byte buffer ---- */

typedef struct {
    uint8_t b[8192];
    size_t n;
} buf;

static void put8(buf *o, unsigned v) { o->b[o->n++] = (uint8_t)v; }
static void put16(buf *o, unsigned v) { put8(o, v >> 8), put8(o, v); }
static void put(buf *o, const void *p, size_t len) { memcpy(o->b + o->n, p, len), o->n += len; }
/* Reserve a length field of `bytes` bytes; fill it with end_len(). */
static size_t mark(buf *o, int bytes) { size_t at = o->n; o->n += (size_t)bytes; return at; }
static void end_len(buf *o, size_t at, int bytes)
{
    size_t len = o->n - at - (size_t)bytes;
    for (int i = bytes - 1; i >= 0; i--, len >>= 8)
        o->b[at + (size_t)i] = (uint8_t)len;
}

static int send_all(int fd, const uint8_t *p, size_t len)
{
    while (len > 0) {
        ssize_t w = send(fd, p, len, MSG_NOSIGNAL);
        if (w <= 0)
            return 0;
        p += w, len -= (size_t)w;
    }
    return 1;
}

static int recv_all(int fd, uint8_t *p, size_t len)
{
    while (len > 0) {
        ssize_t r = recv(fd, p, len, 0);
        if (r <= 0)
            return 0;
        p += r, len -= (size_t)r;
    }
    return 1;
}

/* Read records until an alert (returns its description), a handshake record (-2), EOF
 * or timeout (-1). ChangeCipherSpec records are skipped. */
static int read_until_alert(int fd, uint8_t *first_hs_type)
{
    uint8_t h[5], body[1 << 14];
    for (;;) {
        if (!recv_all(fd, h, 5))
            return -1;
        size_t len = (size_t)h[3] << 8 | h[4];
        if (len > sizeof body || !recv_all(fd, body, len))
            return -1;
        if (h[0] == 21 && len >= 2)
            return body[1];
        if (h[0] == 22) {
            if (first_hs_type)
                *first_hs_type = len > 0 ? body[0] : 0;
            return -2;
        }
    }
}

static int connect_to(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    struct timeval tv = {.tv_sec = 10};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* ---- ClientHello side ---- */

static void client_hello(buf *rec, unsigned group, const uint8_t *share, size_t share_len)
{
    uint8_t random[32], sid[32];
    for (size_t i = 0; i < 32; i++)
        random[i] = (uint8_t)(i * 7 + 1), sid[i] = (uint8_t)(0xA0 + i);
    rec->n = 0;
    put8(rec, 22), put16(rec, 0x0301);
    size_t rl = mark(rec, 2);
    put8(rec, 1);   /* ClientHello */
    size_t hl = mark(rec, 3);
    put16(rec, 0x0303), put(rec, random, 32);
    put8(rec, 32), put(rec, sid, 32);
    put16(rec, 6), put16(rec, 0x1301), put16(rec, 0x1302), put16(rec, 0x1303);
    put8(rec, 1), put8(rec, 0);
    size_t el = mark(rec, 2);
    put16(rec, 0x002b), put16(rec, 3), put8(rec, 2), put16(rec, 0x0304);   /* supported_versions */
    put16(rec, 0x000a), put16(rec, 4), put16(rec, 2), put16(rec, group);    /* supported_groups */
    put16(rec, 0x000d), put16(rec, 10), put16(rec, 8);                      /* signature_algorithms */
    put16(rec, 0x0403), put16(rec, 0x0804), put16(rec, 0x0401), put16(rec, 0x0807);
    put16(rec, 0x0033);                                                      /* key_share */
    size_t kl = mark(rec, 2);
    size_t csl = mark(rec, 2);
    put16(rec, group), put16(rec, (unsigned)share_len), put(rec, share, share_len);
    end_len(rec, csl, 2), end_len(rec, kl, 2);
    end_len(rec, el, 2), end_len(rec, hl, 3), end_len(rec, rl, 2);
}

static void hostile_client_case(int port, const char *what, unsigned group, const uint8_t *share,
                                size_t len)
{
    buf rec;
    char detail[128] = "";
    uint8_t hs = 0;
    client_hello(&rec, group, share, len);
    int fd = connect_to(port);
    if (fd < 0) {
        result(0, what, "cannot connect to the server");
        return;
    }
    int alert = send_all(fd, rec.b, rec.n) ? read_until_alert(fd, &hs) : -1;
    close(fd);
    if (alert >= 0)
        snprintf(detail, sizeof detail, "server sent alert %d (%s)", alert,
                 SSL_alert_desc_string_long(alert));
    else if (alert == -2)
        snprintf(detail, sizeof detail, "server answered with handshake message %u", hs);
    else
        snprintf(detail, sizeof detail, "connection closed without an alert");
    result(alert >= 0, what, detail);
}

static int run_client_hello(int port)
{
    const pqs_kem *kem = pqs_kem_find("ML-KEM-768");
    uint8_t ek[PQS_MLKEM768_EK_BYTES], dk[PQS_MLKEM768_DK_BYTES], share[4096];
    const size_t n = PQS_MLKEM768_EK_BYTES + 32;
    if (kem == NULL || pqs_kem_keypair(kem, ek, dk, NULL) != 0)
        return 2;
    /* X25519MLKEM768: ek || x25519 (a valid-looking point: the base point u = 9). */
    memcpy(share, ek, sizeof ek);
    memset(share + sizeof ek, 0, 32);
    share[sizeof ek] = 9;
    hostile_client_case(port, "X25519MLKEM768 share truncated by one byte", G_X25519MLKEM768, share, n - 1);
    hostile_client_case(port, "X25519MLKEM768 share one byte too long", G_X25519MLKEM768, share, n + 1);
    hostile_client_case(port, "X25519MLKEM768 share of 3000 bytes", G_X25519MLKEM768, share, 3000);
    hostile_client_case(port, "X25519MLKEM768 share of 32 bytes (X25519 only)", G_X25519MLKEM768,
                        share + sizeof ek, 32);
    /* FIPS 203 §7.2: a coefficient of 4095 >= q survives no ByteDecode_12/ByteEncode_12. */
    share[0] = 0xff, share[1] |= 0x0f;
    hostile_client_case(port, "X25519MLKEM768 ek failing the modulus check", G_X25519MLKEM768, share, n);
    memcpy(share, ek, sizeof ek);
    share[sizeof ek] = 0;   /* all-zero X25519 point: the shared secret would be zero */
    hostile_client_case(port, "X25519MLKEM768 with the all-zero X25519 point", G_X25519MLKEM768, share, n);
    /* SecP256r1MLKEM768: P-256 point || ek. */
    const size_t m = 65 + PQS_MLKEM768_EK_BYTES;
    memset(share, 0, 65);
    share[0] = 0x04, share[32] = 1, share[64] = 1;   /* (1, 1) is not on P-256 */
    memcpy(share + 65, ek, sizeof ek);
    hostile_client_case(port, "SecP256r1MLKEM768 point off the curve", G_SECP256R1MLKEM768, share, m);
    share[0] = 0x02;
    hostile_client_case(port, "SecP256r1MLKEM768 compressed point", G_SECP256R1MLKEM768, share, m);
    hostile_client_case(port, "SecP256r1MLKEM768 share truncated", G_SECP256R1MLKEM768, share, m - 1);
    return g_failed;
}

/* ---- ServerHello side ---- */

typedef struct {
    int port;
    const char *groups;
    int ret;                 /* SSL_connect's result */
    char error[512];         /* the client's error queue, as text */
} client_job;

static void *client_thread(void *arg)
{
    client_job *j = arg;
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *ssl = NULL;
    int fd = -1;
    j->ret = -100;
    if (ctx == NULL || !SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) ||
        !SSL_CTX_set1_groups_list(ctx, j->groups)) {
        snprintf(j->error, sizeof j->error, "client setup failed (is the provider configured?)");
        goto out;
    }
    fd = connect_to(j->port);
    ssl = SSL_new(ctx);
    if (fd < 0 || ssl == NULL || !SSL_set_fd(ssl, fd))
        goto out;
    j->ret = SSL_connect(ssl);
    unsigned long e;
    const char *data;
    int flags;
    size_t n = 0;
    /* Each error as its reason and the provider's detail text. */
    while ((e = ERR_get_error_all(NULL, NULL, NULL, &data, &flags)) != 0 && n + 2 < sizeof j->error) {
        const char *reason = ERR_reason_error_string(e);
        n += (size_t)snprintf(j->error + n, sizeof j->error - n, "%s%s%s; ", reason ? reason : "?",
                              (flags & ERR_TXT_STRING) ? ": " : "", (flags & ERR_TXT_STRING) ? data : "");
        if (n >= sizeof j->error)
            n = sizeof j->error - 1;
    }
out:
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    if (fd >= 0)
        close(fd);
    ERR_clear_error();
    return NULL;
}

/* Parse a ClientHello record: its legacy_session_id and its first key share's group. */
static int parse_client_hello(const uint8_t *p, size_t len, uint8_t *sid, size_t *sid_len,
                              unsigned *group)
{
    size_t i = 5 + 4 + 2 + 32;   /* record header, handshake header, version, random */
    if (len < i + 1 || p[0] != 22 || p[5] != 1)
        return 0;
    *sid_len = p[i];
    if (*sid_len > 32 || len < i + 1 + *sid_len + 2)
        return 0;
    memcpy(sid, p + i + 1, *sid_len);
    i += 1 + *sid_len;
    i += 2 + ((size_t)p[i] << 8 | p[i + 1]);   /* cipher suites */
    if (i + 1 > len)
        return 0;
    i += 1 + p[i];                            /* compression methods */
    if (i + 2 > len)
        return 0;
    size_t end = i + 2 + ((size_t)p[i] << 8 | p[i + 1]);
    for (i += 2; i + 4 <= end && end <= len;) {
        unsigned type = (unsigned)p[i] << 8 | p[i + 1];
        size_t elen = (size_t)p[i + 2] << 8 | p[i + 3];
        if (type == 0x0033 && elen >= 4) {
            *group = (unsigned)p[i + 6] << 8 | p[i + 7];
            return 1;
        }
        i += 4 + elen;
    }
    return 0;
}

static void hostile_server_case(const char *what, const char *groups, unsigned group,
                                const uint8_t *share, size_t len, const char *want_error)
{
    int ls = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in a = {.sin_family = AF_INET};
    socklen_t alen = sizeof a;
    char detail[700] = "";
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(ls, (struct sockaddr *)&a, sizeof a) != 0 || listen(ls, 1) != 0 ||
        getsockname(ls, (struct sockaddr *)&a, &alen) != 0) {
        result(0, what, "cannot listen");
        close(ls);
        return;
    }
    client_job job = {.port = ntohs(a.sin_port), .groups = groups};
    pthread_t t;
    pthread_create(&t, NULL, client_thread, &job);
    int fd = accept(ls, NULL, NULL);
    close(ls);
    struct timeval tv = {.tv_sec = 10};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);

    uint8_t in[1 << 14], sid[32];
    size_t sid_len = 0, got = 0;
    unsigned offered = 0;
    int alert = -1;
    if (fd >= 0 && recv_all(fd, in, 5)) {
        size_t rl = (size_t)in[3] << 8 | in[4];
        got = rl + 5 <= sizeof in && recv_all(fd, in + 5, rl) ? rl + 5 : 0;
    }
    if (got == 0 || !parse_client_hello(in, got, sid, &sid_len, &offered) || offered != group) {
        snprintf(detail, sizeof detail, "unexpected ClientHello (key share group 0x%04x)", offered);
    } else {
        buf rec;
        uint8_t random[32];
        for (size_t i = 0; i < 32; i++)
            random[i] = (uint8_t)(0x55 ^ i);
        rec.n = 0;
        put8(&rec, 22), put16(&rec, 0x0303);
        size_t rl = mark(&rec, 2);
        put8(&rec, 2);   /* ServerHello */
        size_t hl = mark(&rec, 3);
        put16(&rec, 0x0303), put(&rec, random, 32);
        put8(&rec, (unsigned)sid_len), put(&rec, sid, sid_len);
        put16(&rec, 0x1301), put8(&rec, 0);
        size_t el = mark(&rec, 2);
        put16(&rec, 0x002b), put16(&rec, 2), put16(&rec, 0x0304);
        put16(&rec, 0x0033);
        size_t kl = mark(&rec, 2);
        put16(&rec, group), put16(&rec, (unsigned)len), put(&rec, share, len);
        end_len(&rec, kl, 2), end_len(&rec, el, 2), end_len(&rec, hl, 3), end_len(&rec, rl, 2);
        alert = send_all(fd, rec.b, rec.n) ? read_until_alert(fd, NULL) : -1;
    }
    if (fd >= 0)
        close(fd);
    pthread_join(t, NULL);
    int ok = alert >= 0 && job.ret <= 0 && strstr(job.error, want_error) != NULL;
    if (detail[0] == 0)
        snprintf(detail, sizeof detail, "client sent alert %d (%s), SSL_connect %d, error: %.500s", alert,
                 alert >= 0 ? SSL_alert_desc_string_long(alert) : "none", job.ret, job.error);
    result(ok, what, detail);
}

static int run_server_hello(void)
{
    uint8_t share[4096];
    const size_t n = PQS_MLKEM768_CT_BYTES + 32;
    memset(share, 0x5a, sizeof share);
    share[PQS_MLKEM768_CT_BYTES] = 9;
    hostile_server_case("X25519MLKEM768 ciphertext share one byte short", "X25519MLKEM768",
                        G_X25519MLKEM768, share, n - 1, "ciphertext must be");
    hostile_server_case("X25519MLKEM768 ciphertext share one byte long", "X25519MLKEM768",
                        G_X25519MLKEM768, share, n + 1, "ciphertext must be");
    hostile_server_case("X25519MLKEM768 ciphertext share of 32 bytes", "X25519MLKEM768",
                        G_X25519MLKEM768, share, 32, "ciphertext must be");
    hostile_server_case("X25519MLKEM768 ciphertext share of 3000 bytes", "X25519MLKEM768",
                        G_X25519MLKEM768, share, 3000, "ciphertext must be");
    memset(share, 0, 65);
    share[0] = 0x04, share[32] = 1, share[64] = 1;
    hostile_server_case("SecP256r1MLKEM768 server point off the curve", "SecP256r1MLKEM768",
                        G_SECP256R1MLKEM768, share, 65 + PQS_MLKEM768_CT_BYTES, "P-256 public key");
    return g_failed;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "client-hello") == 0)
        return run_client_hello(atoi(argv[2]));
    if (argc == 2 && strcmp(argv[1], "server-hello") == 0)
        return run_server_hello();
    fprintf(stderr, "usage: %s client-hello PORT | server-hello\n", argv[0]);
    return 2;
}
