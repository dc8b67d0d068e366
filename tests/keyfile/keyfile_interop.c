/* test_keyfile_interop_*: key FILES crossing between pqsafe and OpenSSL 3.5 (Node 24), both
 * ways, for every ML-KEM, ML-DSA and SLH-DSA parameter set.
 *
 * (a) pqsafe generates a key and writes it (SPKI; PKCS#8 in every private form; PEM and
 *     DER). Node imports each file and uses it: it signs (with and without a context) and
 *     pqsafe verifies; it encapsulates to the public key file and pqsafe decapsulates; it
 *     decapsulates what pqsafe encapsulated. Node's re-export of each imported key parses
 *     back in pqsafe to the same key, and is byte for byte what pqsafe writes itself.
 * (b) Node generates and exports a key (PEM and DER); pqsafe reads the four files and uses
 *     them: it signs and Node verifies; it encapsulates and Node decapsulates, and the
 *     reverse; its public key derived from Node's private key equals Node's, and writing
 *     Node's key back gives Node's bytes.
 *
 * Usage: keyfile_driver ML-KEM|ML-DSA|SLH-DSA. The driver and keyfile_peer.js exchange
 * files in a fresh temporary directory (removed on success, kept and named on failure)
 * and requests over pipes (the child-process plumbing of tests/interop). Node comes from
 * $PQSAFE_NODE, else the .deps path that scripts/setup.sh installs; a missing Node is a
 * failure, not a skip. SLH-DSA 's' sets sign once per direction. */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "interop.h"
#include "pqs_test.h"
#include "pqsafe/keys.h"

#define MAX_MSG 512
#define NAME_CAP 128

static const char *const kMlkem[] = {"ML-KEM-512", "ML-KEM-768", "ML-KEM-1024"};
static const char *const kMldsa[] = {"ML-DSA-44", "ML-DSA-65", "ML-DSA-87"};
static const char *const kSlhdsa[] = {
    "SLH-DSA-SHA2-128s", "SLH-DSA-SHA2-128f", "SLH-DSA-SHA2-192s", "SLH-DSA-SHA2-192f",
    "SLH-DSA-SHA2-256s", "SLH-DSA-SHA2-256f", "SLH-DSA-SHAKE-128s", "SLH-DSA-SHAKE-128f",
    "SLH-DSA-SHAKE-192s", "SLH-DSA-SHAKE-192f", "SLH-DSA-SHAKE-256s", "SLH-DSA-SHAKE-256f"};

static const char *const kFormName[] = {"seed", "expanded", "both"};   /* PQS_KEY_FORM_* */
static const char *const kExt[] = {"pem", "der"};                      /* PQS_KEY_PEM, _DER */

typedef struct {
    const char *name;
    const pqs_kem *kem;   /* exactly one of kem, sig */
    const pqs_sig *sig;
    int nforms;           /* private forms to write: 3, or 1 for SLH-DSA (the form is ignored) */
    int slow;             /* SLH-DSA 's': one signature per direction */
    size_t index;
} alg_t;

/* A message and a context; "other" is a context that differs, for the negative checks. */
typedef struct {
    uint8_t msg[MAX_MSG], ctx[PQS_SIG_MAX_CTX_BYTES], other[1];
    size_t msg_len, ctx_len, other_len;
} exchange;

static void new_exchange(exchange *x, int with_ctx)
{
    uint8_t r[2];
    memset(x, 0, sizeof *x);
    pqs_test_rand(r, sizeof r);
    x->msg_len = ((size_t)r[0] << 8 | r[1]) % MAX_MSG;
    pqs_test_rand(x->msg, x->msg_len);
    x->ctx_len = with_ctx ? 1 + r[1] % PQS_SIG_MAX_CTX_BYTES : 0;
    pqs_test_rand(x->ctx, x->ctx_len);
    x->other[0] = (uint8_t)(x->ctx[0] ^ 0x5a);
    x->other_len = with_ctx ? 0 : 1;
}

/* ---- files in the working (temporary) directory ---- */

static int write_file(const char *name, const uint8_t *buf, size_t len)
{
    FILE *f = fopen(name, "wb");
    int ok = f != NULL && fwrite(buf, 1, len, f) == len;
    if (f != NULL && fclose(f) != 0)
        ok = 0;
    return CHECK(ok, "cannot write %s", name);
}

/* The whole file, or NULL (a failed check) when it cannot be read. */
static uint8_t *read_file(const char *name, size_t *len)
{
    FILE *f = fopen(name, "rb");
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = f ? malloc(cap) : NULL;
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        uint8_t *nb = realloc(buf, cap *= 2);
        if (nb == NULL)
            free(buf);
        buf = nb;
    }
    if (f != NULL)
        fclose(f);
    CHECK(buf != NULL, "cannot read %s", name);
    *len = n;
    return buf;
}

/* Read a key file and hand its bytes to pqs_key_parse. NULL (a failed check) on error. */
static pqs_key *parse_file(const char *name)
{
    size_t len;
    pqs_key *key = NULL;
    uint8_t *buf = read_file(name, &len);
    if (buf == NULL)
        return NULL;
    int rc = pqs_key_parse(&key, buf, len);
    CHECK(rc == 0, "pqsafe cannot parse %s: %s (%s)", name, pqs_strerror(rc), pqs_error_detail());
    free(buf);
    return rc == 0 ? key : NULL;
}

/* The file holds exactly these bytes. */
static void same_bytes(const char *name, const uint8_t *want, size_t want_len, const char *what)
{
    size_t len;
    uint8_t *got = read_file(name, &len);
    if (got != NULL)
        CHECK(len == want_len && memcmp(got, want, len) == 0,
              "%s (%zu bytes) differs from %s (%zu bytes)", name, len, what, want_len);
    free(got);
}

/* got is the key want: same algorithm and public key and, with_private, same private key. */
static void same_key(const pqs_key *want, const pqs_key *got, int with_private, const char *what)
{
    size_t lw, lg;
    const uint8_t *w, *g;
    if (!CHECK(strcmp(pqs_key_alg(want), pqs_key_alg(got)) == 0, "%s: %s instead of %s", what,
               pqs_key_alg(got), pqs_key_alg(want)))
        return;
    w = pqs_key_public_bytes(want, &lw);
    g = pqs_key_public_bytes(got, &lg);
    CHECK(lw == lg && memcmp(w, g, lw) == 0, "%s: public key differs", what);
    if (!with_private)
        return;
    if (!CHECK(pqs_key_is_private(got), "%s: no private key", what))
        return;
    w = pqs_key_private_bytes(want, &lw);
    g = pqs_key_private_bytes(got, &lg);
    CHECK(lw == lg && memcmp(w, g, lw) == 0, "%s: private key differs", what);
}

/* Parse name and compare it with want. */
static void file_holds_key(const char *name, const pqs_key *want, int is_private)
{
    pqs_key *got = parse_file(name);
    if (got == NULL)
        return;
    char what[2 * NAME_CAP];
    snprintf(what, sizeof what, "%s read back by pqsafe", name);
    CHECK(pqs_key_is_private(got) == is_private, "%s: %s key expected", what,
          is_private ? "private" : "public");
    same_key(want, got, is_private, what);
    pqs_key_free(got);
}

/* pqsafe's own encoding of key (public when form < 0), for byte comparisons. */
static uint8_t *encode(const pqs_key *key, int format, int form, size_t *len)
{
    uint8_t *buf = NULL;
    int rc = form < 0 ? pqs_key_encode_public(key, format, &buf, len)
                      : pqs_key_encode_private(key, format, form, &buf, len);
    CHECK(rc == 0, "%s: encode %s %s %s: %s (%s)", pqs_key_alg(key), form < 0 ? "public" : "private",
          form < 0 ? "" : kFormName[form], kExt[format], pqs_strerror(rc), pqs_error_detail());
    return rc == 0 ? buf : NULL;
}

static int write_key(const pqs_key *key, int format, int form, const char *name)
{
    size_t len = 0;
    uint8_t *buf = encode(key, format, form, &len);
    int ok = buf != NULL && write_file(name, buf, len);
    pqs_key_buffer_free(buf, len);
    return ok;
}

/* ---- requests to the Node peer ---- */

static void req(interop_peer *p, const char *cmd, const alg_t *a) { interop_req_begin(p, cmd, a->name); }
static void word(interop_peer *p, const char *w) { fprintf(p->to, " %s", w); }

static int node_keygen(interop_peer *p, const alg_t *a, const char *prefix)
{
    req(p, "keygen", a);
    word(p, prefix);
    return interop_req_end(p) == 0;
}

/* Node re-exports the key in file `in` as kind (spki or pkcs8) into `out`. */
static int node_export(interop_peer *p, const alg_t *a, const char *in, const char *kind, const char *out)
{
    req(p, "export", a);
    word(p, in);
    word(p, kind);
    word(p, out);
    return interop_req_end(p) == 0;
}

/* Node's signature with the private key file, or NULL. */
static uint8_t *node_sign(interop_peer *p, const alg_t *a, const char *file, const exchange *x, size_t *len)
{
    req(p, "sign", a);
    word(p, file);
    interop_req_hex(p, x->msg, x->msg_len);
    interop_req_hex(p, x->ctx, x->ctx_len);
    return interop_req_end(p) == 1 ? interop_ans_hex(p, 1, len) : NULL;
}

/* Node's verdict with the key file: 1 valid, 0 invalid, -1 error. */
static int node_verify(interop_peer *p, const alg_t *a, const char *file, const exchange *x,
                       const uint8_t *ctx, size_t ctx_len, const uint8_t *sig, size_t sig_len)
{
    req(p, "verify", a);
    word(p, file);
    interop_req_hex(p, x->msg, x->msg_len);
    interop_req_hex(p, ctx, ctx_len);
    interop_req_hex(p, sig, sig_len);
    if (interop_req_end(p) != 1)
        return -1;
    return strcmp(interop_ans_word(p, 1), "1") == 0;
}

/* Node encapsulates to the key file: ciphertext (malloc'd) and shared secret, or NULL. */
static uint8_t *node_encaps(interop_peer *p, const alg_t *a, const char *file, uint8_t ss[PQS_KEM_SS_BYTES])
{
    size_t ct_len, ss_len;
    req(p, "encaps", a);
    word(p, file);
    if (interop_req_end(p) != 2)
        return NULL;
    uint8_t *ct = interop_ans_hex(p, 1, &ct_len), *s = interop_ans_hex(p, 2, &ss_len);
    int ok = CHECK(ct_len == a->kem->ct_bytes && ss_len == PQS_KEM_SS_BYTES,
                   "%s: Node's ciphertext %zu bytes, secret %zu bytes", a->name, ct_len, ss_len);
    if (ok)
        memcpy(ss, s, PQS_KEM_SS_BYTES);
    free(s);
    if (!ok) {
        free(ct);
        return NULL;
    }
    return ct;
}

static int node_decaps(interop_peer *p, const alg_t *a, const char *file, const uint8_t *ct,
                       uint8_t ss[PQS_KEM_SS_BYTES])
{
    size_t ss_len;
    req(p, "decaps", a);
    word(p, file);
    interop_req_hex(p, ct, a->kem->ct_bytes);
    if (interop_req_end(p) != 1)
        return 0;
    uint8_t *s = interop_ans_hex(p, 1, &ss_len);
    int ok = CHECK(ss_len == PQS_KEM_SS_BYTES, "%s: Node's secret is %zu bytes", a->name, ss_len);
    if (ok)
        memcpy(ss, s, PQS_KEM_SS_BYTES);
    free(s);
    return ok;
}

/* ---- uses of the keys ---- */

/* Node signs with priv_file; pqsafe verifies with pk (and refuses another context); Node
 * verifies its own signature with the public key file pub_file. */
static void node_signs(interop_peer *p, const alg_t *a, const uint8_t *pk, const char *priv_file,
                       const char *pub_file, int with_ctx)
{
    exchange x;
    size_t sig_len;
    new_exchange(&x, with_ctx);
    uint8_t *sig = node_sign(p, a, priv_file, &x, &sig_len);
    if (sig == NULL)
        return;
    CHECK(sig_len == a->sig->sig_bytes, "%s: Node's signature is %zu bytes", a->name, sig_len);
    CHECK(pqs_sig_verify(a->sig, sig, sig_len, x.msg, x.msg_len, x.ctx, x.ctx_len, pk) == 0,
          "%s: pqsafe rejects Node's signature made with %s (ctx %zu bytes)", a->name, priv_file, x.ctx_len);
    CHECK(pqs_sig_verify(a->sig, sig, sig_len, x.msg, x.msg_len, x.other, x.other_len, pk) == PQS_E_VERIFY,
          "%s: pqsafe accepts Node's signature (key %s) under another context", a->name, priv_file);
    CHECK(node_verify(p, a, pub_file, &x, x.ctx, x.ctx_len, sig, sig_len) == 1,
          "%s: Node rejects its own signature under the public key file %s", a->name, pub_file);
    free(sig);
}

/* pqsafe signs with priv (hedged); pqsafe and Node (with pub_file) verify it, and both refuse
 * it under another context. */
static void pqsafe_signs(interop_peer *p, const alg_t *a, const pqs_key *priv, const pqs_key *pub,
                         const char *pub_file, int with_ctx)
{
    exchange x;
    size_t sig_len = 0;
    uint8_t *sig = malloc(a->sig->sig_bytes);
    const uint8_t *sk = pqs_key_private_bytes(priv, NULL), *pk = pqs_key_public_bytes(pub, NULL);
    new_exchange(&x, with_ctx);
    if (CHECK(pqs_sig_sign(a->sig, sig, &sig_len, x.msg, x.msg_len, x.ctx, x.ctx_len, sk, NULL) == 0,
              "%s: pqsafe cannot sign with Node's key", a->name)) {
        CHECK(pqs_sig_verify(a->sig, sig, sig_len, x.msg, x.msg_len, x.ctx, x.ctx_len, pk) == 0,
              "%s: pqsafe rejects its signature under Node's public key", a->name);
        CHECK(node_verify(p, a, pub_file, &x, x.ctx, x.ctx_len, sig, sig_len) == 1,
              "%s: Node rejects pqsafe's signature made with Node's key, checked with %s (ctx %zu bytes)",
              a->name, pub_file, x.ctx_len);
        CHECK(node_verify(p, a, pub_file, &x, x.other, x.other_len, sig, sig_len) == 0,
              "%s: Node accepts pqsafe's signature under another context", a->name);
    }
    free(sig);
}

/* Node encapsulates to pub_file and pqsafe decapsulates with dk; pqsafe encapsulates to ek
 * and Node decapsulates with priv_file. Both sides must hold the same secret each time. */
static void kem_exchange(interop_peer *p, const alg_t *a, const uint8_t *ek, const uint8_t *dk,
                         const char *pub_file, const char *priv_file)
{
    uint8_t ss[PQS_KEM_SS_BYTES], ss2[PQS_KEM_SS_BYTES];
    uint8_t *ct = node_encaps(p, a, pub_file, ss);
    if (ct != NULL) {
        CHECK(pqs_kem_decaps(a->kem, ss2, ct, dk) == 0 && memcmp(ss, ss2, sizeof ss) == 0,
              "%s: pqsafe's secret differs from Node's, which encapsulated to %s", a->name, pub_file);
        free(ct);
    }
    ct = malloc(a->kem->ct_bytes);
    if (CHECK(pqs_kem_encaps(a->kem, ct, ss, ek, NULL) == 0, "%s: pqsafe encaps", a->name) &&
        node_decaps(p, a, priv_file, ct, ss2))
        CHECK(memcmp(ss, ss2, sizeof ss) == 0, "%s: Node's secret, decapsulated with %s, differs from pqsafe's",
              a->name, priv_file);
    free(ct);
}

/* ---- (a) pqsafe's key files in Node ---- */

/* Node re-exports `in` as kind in PEM and DER; pqsafe reads each back as want and finds
 * its own encoding of want (expected_form, or public for -1) byte for byte. */
static void node_reexports(interop_peer *p, const alg_t *a, const char *in, const char *kind,
                           const pqs_key *want, int expected_form)
{
    char out[NAME_CAP];
    for (int format = PQS_KEY_PEM; format <= PQS_KEY_DER; format++) {
        snprintf(out, sizeof out, "%s.node-%s.%s", in, kind, kExt[format]);
        if (!node_export(p, a, in, kind, out))
            continue;
        file_holds_key(out, want, expected_form >= 0);
        size_t len = 0;
        uint8_t *mine = encode(want, format, expected_form, &len);
        if (mine != NULL) {
            char what[64];
            snprintf(what, sizeof what, "pqsafe's %s %s", expected_form < 0 ? "SPKI" : "PKCS#8", kExt[format]);
            same_bytes(out, mine, len, what);
        }
        pqs_key_buffer_free(mine, len);
    }
}

static void pqsafe_keys(interop_peer *p, const alg_t *a)
{
    pqs_key *key;
    char pub[2][NAME_CAP], priv[NAME_CAP];
    if (!CHECK(pqs_key_generate(&key, a->name) == 0, "%s: generate (%s)", a->name, pqs_error_detail()))
        return;
    const uint8_t *pk = pqs_key_public_bytes(key, NULL), *sk = pqs_key_private_bytes(key, NULL);
    for (int format = PQS_KEY_PEM; format <= PQS_KEY_DER; format++) {
        snprintf(pub[format], sizeof pub[format], "%s-a.pub.%s", a->name, kExt[format]);
        if (write_key(key, format, -1, pub[format]))
            node_reexports(p, a, pub[format], "spki", key, -1);
    }
    int signed_once = 0;
    for (int form = 0; form < a->nforms; form++) {
        for (int format = PQS_KEY_PEM; format <= PQS_KEY_DER; format++) {
            snprintf(priv, sizeof priv, "%s-a.%s.%s", a->name, kFormName[form], kExt[format]);
            if (!write_key(key, format, form, priv))
                continue;
            /* Node writes the seed with the expanded key whenever it has the seed. */
            node_reexports(p, a, priv, "pkcs8", key,
                           form == PQS_KEY_FORM_EXPANDED ? PQS_KEY_FORM_EXPANDED : PQS_KEY_FORM_BOTH);
            node_reexports(p, a, priv, "spki", key, -1);
            const char *other_pub = pub[format ^ 1];
            if (a->kem != NULL) {
                kem_exchange(p, a, pk, sk, pub[format], priv);
            } else if (!a->slow) {
                node_signs(p, a, pk, priv, other_pub, 0);
                node_signs(p, a, pk, priv, other_pub, 1);
            } else if (!signed_once && format == (int)(a->index & 1)) {
                node_signs(p, a, pk, priv, other_pub, (int)(a->index & 1));
                signed_once = 1;
            }
        }
    }
    /* SLH-DSA has one private form: asking for another must give the same bytes. */
    if (a->nforms == 1) {
        size_t l0 = 0, l = 0;
        uint8_t *b0 = encode(key, PQS_KEY_DER, PQS_KEY_FORM_SEED, &l0);
        for (int form = PQS_KEY_FORM_EXPANDED; b0 != NULL && form <= PQS_KEY_FORM_BOTH; form++) {
            uint8_t *b = encode(key, PQS_KEY_DER, form, &l);
            CHECK(b != NULL && l == l0 && memcmp(b, b0, l) == 0, "%s: form %s changes the key file",
                  a->name, kFormName[form]);
            pqs_key_buffer_free(b, l);
        }
        pqs_key_buffer_free(b0, l0);
    }
    pqs_key_free(key);
}

/* ---- (b) Node's key files in pqsafe ---- */

static void node_keys(interop_peer *p, const alg_t *a)
{
    char prefix[NAME_CAP / 2], priv_file[2][NAME_CAP], pub_file[2][NAME_CAP];
    pqs_key *priv[2] = {NULL, NULL}, *pub[2] = {NULL, NULL};
    snprintf(prefix, sizeof prefix, "%s-b", a->name);
    if (!node_keygen(p, a, prefix))
        return;
    int ok = 1;
    for (int format = PQS_KEY_PEM; format <= PQS_KEY_DER; format++) {
        snprintf(priv_file[format], NAME_CAP, "%s.priv.%s", prefix, kExt[format]);
        snprintf(pub_file[format], NAME_CAP, "%s.pub.%s", prefix, kExt[format]);
        priv[format] = parse_file(priv_file[format]);
        pub[format] = parse_file(pub_file[format]);
        ok &= priv[format] != NULL && pub[format] != NULL;
        ok = ok && CHECK(strcmp(pqs_key_alg(priv[format]), a->name) == 0 &&
                             strcmp(pqs_key_alg(pub[format]), a->name) == 0,
                         "%s: pqsafe reads Node's files as %s / %s", a->name, pqs_key_alg(priv[format]),
                         pqs_key_alg(pub[format]));
        ok = ok && CHECK(pqs_key_is_private(priv[format]) && !pqs_key_is_private(pub[format]),
                         "%s: private / public mixed up in %s, %s", a->name, priv_file[format],
                         pub_file[format]);
    }
    if (!ok)
        goto done;
    same_key(priv[PQS_KEY_PEM], priv[PQS_KEY_DER], 1, "Node's private key, PEM vs DER");
    same_key(pub[PQS_KEY_PEM], pub[PQS_KEY_DER], 0, "Node's public key, PEM vs DER");
    for (int format = PQS_KEY_PEM; format <= PQS_KEY_DER; format++) {
        char what[2 * NAME_CAP + 64];   /* two file names and the words between */
        snprintf(what, sizeof what, "pqsafe's public key derived from %s vs %s", priv_file[format],
                 pub_file[format]);
        same_key(pub[format], priv[format], 0, what);
        /* Written back by pqsafe, Node's key is Node's file byte for byte (Node writes the
         * seed together with the expanded key). */
        size_t len = 0;
        uint8_t *mine = encode(pub[format], format, -1, &len);
        if (mine != NULL)
            same_bytes(pub_file[format], mine, len, "pqsafe's encoding of it");
        pqs_key_buffer_free(mine, len);
        mine = encode(priv[format], format, PQS_KEY_FORM_BOTH, &len);
        if (mine != NULL)
            same_bytes(priv_file[format], mine, len, "pqsafe's encoding of it");
        pqs_key_buffer_free(mine, len);
    }
    if (a->kem != NULL) {
        for (int format = PQS_KEY_PEM; format <= PQS_KEY_DER; format++)
            kem_exchange(p, a, pqs_key_public_bytes(pub[format], NULL),
                         pqs_key_private_bytes(priv[format ^ 1], NULL), pub_file[format],
                         priv_file[format ^ 1]);
    } else if (a->slow) {
        int format = (int)(~a->index & 1);
        pqsafe_signs(p, a, priv[format], pub[format ^ 1], pub_file[format ^ 1], format);
    } else {
        pqsafe_signs(p, a, priv[PQS_KEY_PEM], pub[PQS_KEY_DER], pub_file[PQS_KEY_DER], 0);
        pqsafe_signs(p, a, priv[PQS_KEY_DER], pub[PQS_KEY_PEM], pub_file[PQS_KEY_PEM], 1);
    }
done:
    for (int format = PQS_KEY_PEM; format <= PQS_KEY_DER; format++) {
        pqs_key_free(priv[format]);
        pqs_key_free(pub[format]);
    }
}

/* ---- the driver ---- */

static const char *node_path(void)
{
    const char *env = getenv("PQSAFE_NODE");
    return (env != NULL && env[0] != '\0') ? env : PQS_KEYFILE_NODE;
}

/* "ok <node> <openssl>": the peer must be OpenSSL 3.5 or later. */
static int hello(interop_peer *p)
{
    interop_req_begin(p, "hello", "");
    if (interop_req_end(p) < 2)
        return -1;
    const char *ossl = interop_ans_word(p, 2);
    int major = 0, minor = 0;
    sscanf(ossl, "%d.%d", &major, &minor);
    printf("key-file peer: OpenSSL %s (Node %s)\n", ossl, interop_ans_word(p, 1));
    return CHECK(major > 3 || (major == 3 && minor >= 5), "peer OpenSSL %s lacks PQC (need 3.5+)", ossl)
               ? 0 : -1;
}

/* Empty the working directory (the temp dir), leave it and remove it. */
static void remove_temp_dir(const char *dir)
{
    DIR *d = opendir(".");
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            unlink(e->d_name);
    }
    if (d != NULL)
        closedir(d);
    if (chdir("/") != 0 || rmdir(dir) != 0)
        fprintf(stderr, "keyfile: cannot remove %s\n", dir);
}

int main(int argc, char **argv)
{
    const char *const *names;
    size_t count;
    int is_kem = 0, is_slh = 0;
    if (argc == 2 && strcmp(argv[1], "ML-KEM") == 0) {
        names = kMlkem, count = sizeof kMlkem / sizeof kMlkem[0], is_kem = 1;
    } else if (argc == 2 && strcmp(argv[1], "ML-DSA") == 0) {
        names = kMldsa, count = sizeof kMldsa / sizeof kMldsa[0];
    } else if (argc == 2 && strcmp(argv[1], "SLH-DSA") == 0) {
        names = kSlhdsa, count = sizeof kSlhdsa / sizeof kSlhdsa[0], is_slh = 1;
    } else {
        fprintf(stderr, "usage: %s ML-KEM|ML-DSA|SLH-DSA\n", argv[0]);
        return 2;
    }
    char node[PATH_MAX], dir[PATH_MAX];
    if (realpath(node_path(), node) == NULL || access(node, X_OK) != 0) {
        fprintf(stderr, "FAIL: Node 24 (the OpenSSL 3.5 key-file peer) not found at %s.\n"
                        "Run scripts/setup.sh to install it, or set PQSAFE_NODE.\n", node_path());
        return 1;
    }
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/pqsafe-keyfile-XXXXXX", tmp != NULL && tmp[0] ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL || chdir(dir) != 0) {
        fprintf(stderr, "FAIL: cannot create and enter a temporary directory %s\n", dir);
        return 1;
    }
    interop_peer peer;
    if (interop_peer_start(&peer, node, PQS_KEYFILE_SCRIPT) != 0) {
        fprintf(stderr, "FAIL: cannot start %s %s\n", node, PQS_KEYFILE_SCRIPT);
        return 1;
    }
    if (hello(&peer) == 0) {
        for (size_t i = 0; i < count; i++) {
            alg_t a = {names[i], NULL, NULL, is_slh ? 1 : 3, 0, i};
            if (is_kem)
                a.kem = pqs_kem_find(names[i]);
            else
                a.sig = pqs_sig_find(names[i]);
            if (!CHECK(a.kem != NULL || a.sig != NULL, "%s is not registered in pqsafe", names[i]))
                continue;
            a.slow = is_slh && names[i][strlen(names[i]) - 1] == 's';
            int before = pqs_test_failures;
            int rounds = is_slh ? 1 : 2;
            for (int r = 0; r < rounds; r++) {
                pqsafe_keys(&peer, &a);
                node_keys(&peer, &a);
            }
            printf("%s: %s\n", a.name, pqs_test_failures == before ? "ok" : "FAILED");
            fflush(stdout);
        }
    }
    interop_peer_stop(&peer);
    if (pqs_test_failures == 0)
        remove_temp_dir(dir);
    else
        fprintf(stderr, "keyfile: the exchanged files are kept in %s\n", dir);
    char name[64];
    snprintf(name, sizeof name, "test_keyfile_interop %s", argv[1]);
    return pqs_test_done(name);
}
