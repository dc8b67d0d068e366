/* ML-DSA and SLH-DSA against OpenSSL: each side verifies the other's signatures, with and
 * without a context string, rejects them under a different context, and both derive the
 * same key pair from the same seed. */
#include <stdlib.h>
#include <string.h>

#include "interop.h"
#include "pqs_test.h"

#define MAX_MSG 512

static const char *const kMldsa[] = {"ML-DSA-44", "ML-DSA-65", "ML-DSA-87"};
static const char *const kSlhdsa[] = {
    "SLH-DSA-SHA2-128s", "SLH-DSA-SHA2-128f", "SLH-DSA-SHA2-192s", "SLH-DSA-SHA2-192f",
    "SLH-DSA-SHA2-256s", "SLH-DSA-SHA2-256f", "SLH-DSA-SHAKE-128s", "SLH-DSA-SHAKE-128f",
    "SLH-DSA-SHAKE-192s", "SLH-DSA-SHAKE-192f", "SLH-DSA-SHAKE-256s", "SLH-DSA-SHAKE-256f"};

/* A message and a context for one exchange. */
typedef struct {
    uint8_t msg[MAX_MSG], ctx[PQS_SIG_MAX_CTX_BYTES], other_ctx[1];
    size_t msg_len, ctx_len, other_len;
} exchange;

/* Random message (0..MAX_MSG-1 bytes) and, when with_ctx, a 1..255-byte context. The
 * "other" context differs from it, for the negative check. */
static void new_exchange(exchange *x, int with_ctx)
{
    uint8_t r[2];
    memset(x, 0, sizeof *x);
    pqs_test_rand(r, sizeof r);
    x->msg_len = ((size_t)r[0] << 8 | r[1]) % MAX_MSG;
    pqs_test_rand(x->msg, x->msg_len);
    x->ctx_len = with_ctx ? 1 + r[0] % PQS_SIG_MAX_CTX_BYTES : 0;
    pqs_test_rand(x->ctx, x->ctx_len);
    x->other_ctx[0] = (uint8_t)(x->ctx[0] ^ 0x5a);
    x->other_len = with_ctx ? 0 : 1;
}

/* OpenSSL's verdict on sig over (msg, ctx): 1 valid, 0 invalid, -1 error. */
static int peer_verify(interop_peer *p, const pqs_sig *alg, const uint8_t *pk, const exchange *x,
                       const uint8_t *ctx, size_t ctx_len, const uint8_t *sig, size_t sig_len)
{
    interop_req_begin(p, "sig_verify", alg->name);
    interop_req_hex(p, pk, alg->pk_bytes);
    interop_req_hex(p, x->msg, x->msg_len);
    interop_req_hex(p, ctx, ctx_len);
    interop_req_hex(p, sig, sig_len);
    if (interop_req_end(p) != 1)
        return -1;
    return strcmp(interop_ans_word(p, 1), "1") == 0;
}

/* pqsafe generates the key and signs (hedged); OpenSSL verifies. */
static void pqsafe_signs(interop_peer *p, const pqs_sig *alg, int with_ctx)
{
    exchange x;
    size_t sig_len = 0;
    uint8_t *pk = malloc(alg->pk_bytes), *sk = malloc(alg->sk_bytes), *sig = malloc(alg->sig_bytes);
    new_exchange(&x, with_ctx);
    if (CHECK(pqs_sig_keypair(alg, pk, sk, NULL) == 0, "%s keypair", alg->name) &&
        CHECK(pqs_sig_sign(alg, sig, &sig_len, x.msg, x.msg_len, x.ctx, x.ctx_len, sk, NULL) == 0,
              "%s sign", alg->name)) {
        CHECK(peer_verify(p, alg, pk, &x, x.ctx, x.ctx_len, sig, sig_len) == 1,
              "%s: OpenSSL rejects pqsafe's signature (ctx %zu bytes)", alg->name, x.ctx_len);
        CHECK(peer_verify(p, alg, pk, &x, x.other_ctx, x.other_len, sig, sig_len) == 0,
              "%s: OpenSSL accepts pqsafe's signature under another context", alg->name);
    }
    free(pk);
    free(sk);
    free(sig);
}

/* pqsafe re-derives OpenSSL's key pair: ML-DSA from xi, SLH-DSA from the first 3n bytes of
 * sk (SK.seed || SK.prf || PK.seed, FIPS 205 Alg. 18). Both must match exactly. */
static void check_same_keys(const pqs_sig *alg, const uint8_t *peer_pk, const uint8_t *priv,
                            size_t priv_len)
{
    uint8_t *pk = malloc(alg->pk_bytes), *sk = malloc(alg->sk_bytes);
    int slh = priv_len == alg->sk_bytes;
    if (CHECK(priv_len >= alg->keygen_seed_bytes, "%s: OpenSSL private key %zu bytes", alg->name,
              priv_len) &&
        CHECK(pqs_sig_keypair(alg, pk, sk, priv) == 0, "%s keypair from seed", alg->name)) {
        CHECK(memcmp(pk, peer_pk, alg->pk_bytes) == 0, "%s: pk from OpenSSL's seed differs",
              alg->name);
        CHECK(!slh || memcmp(sk, priv, priv_len) == 0, "%s: sk differs from OpenSSL's", alg->name);
    }
    free(pk);
    free(sk);
}

/* pqsafe verifies sig over x, and rejects it under the other context. */
static void pqsafe_verifies(const pqs_sig *alg, const uint8_t *pk, const exchange *x,
                            const uint8_t *sig, size_t sig_len)
{
    CHECK(pqs_sig_verify(alg, sig, sig_len, x->msg, x->msg_len, x->ctx, x->ctx_len, pk) == 0,
          "%s: pqsafe rejects OpenSSL's signature (ctx %zu bytes)", alg->name, x->ctx_len);
    CHECK(pqs_sig_verify(alg, sig, sig_len, x->msg, x->msg_len, x->other_ctx, x->other_len, pk) ==
              PQS_E_VERIFY,
          "%s: pqsafe accepts OpenSSL's signature under another context", alg->name);
}

/* OpenSSL generates the key and signs; pqsafe re-derives the key and verifies. */
static void openssl_signs(interop_peer *p, const pqs_sig *alg, int with_ctx)
{
    exchange x;
    size_t pk_len, priv_len, sig_len;
    new_exchange(&x, with_ctx);
    interop_req_begin(p, "sig_keygen", alg->name);
    if (interop_req_end(p) != 2)
        return;
    uint8_t *pk = interop_ans_hex(p, 1, &pk_len), *priv = interop_ans_hex(p, 2, &priv_len);
    if (CHECK(pk_len == alg->pk_bytes, "%s: OpenSSL pk is %zu bytes", alg->name, pk_len)) {
        check_same_keys(alg, pk, priv, priv_len);
        interop_req_begin(p, "sig_sign", alg->name);
        interop_req_hex(p, priv, priv_len);
        interop_req_hex(p, x.msg, x.msg_len);
        interop_req_hex(p, x.ctx, x.ctx_len);
        if (interop_req_end(p) == 1) {
            uint8_t *sig = interop_ans_hex(p, 1, &sig_len);
            pqsafe_verifies(alg, pk, &x, sig, sig_len);
            free(sig);
        }
    }
    free(pk);
    free(priv);
}

/* SLH-DSA 's' sets sign slowly: one signature per side, one with a context and one
 * without (alternating across sets). Everything else: both modes, several rounds. */
static void run_alg(interop_peer *p, const pqs_sig *alg, size_t index)
{
    size_t n = strlen(alg->name);
    int slh = strncmp(alg->name, "SLH-DSA", 7) == 0;
    int slow = slh && alg->name[n - 1] == 's';
    int rounds = slh ? 2 : 10;
    if (slow) {
        pqsafe_signs(p, alg, (int)(index & 1));
        openssl_signs(p, alg, (int)(~index & 1));
        return;
    }
    for (int r = 0; r < rounds; r++) {
        for (int with_ctx = 0; with_ctx <= 1; with_ctx++) {
            pqsafe_signs(p, alg, with_ctx);
            openssl_signs(p, alg, with_ctx);
        }
    }
}

void interop_sig(interop_peer *p, const char *family)
{
    int slh = strcmp(family, "SLH-DSA") == 0;
    const char *const *names = slh ? kSlhdsa : kMldsa;
    size_t count = slh ? sizeof kSlhdsa / sizeof kSlhdsa[0] : sizeof kMldsa / sizeof kMldsa[0];
    for (size_t i = 0; i < count; i++) {
        const pqs_sig *alg = pqs_sig_find(names[i]);
        if (!CHECK(alg != NULL, "%s is not registered in pqsafe", names[i]))
            continue;
        int before = pqs_test_failures;
        run_alg(p, alg, i);
        printf("%s: %s\n", alg->name, pqs_test_failures == before ? "ok" : "FAILED");
        fflush(stdout);
    }
}
