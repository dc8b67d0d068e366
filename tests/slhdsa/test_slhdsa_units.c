/* SLH-DSA building blocks: the ADRS layout and its compressed form (FIPS 205 §4.2,
 * §11.2), base_2b (Alg. 4), and every function of the three hash suites against a
 * direct evaluation of the formulas of §11.1 / §11.2 with OpenSSL's EVP (an independent
 * SHA-2 / SHAKE / HMAC), on random inputs, for all twelve sets; then the batched
 * functions (F, H, PRF, T_l batches and WOTS+ chains, computed in lane groups) against
 * those single calls, with batch sizes that leave partial lane groups. CTest runs it on
 * the native path, the AVX2 path (PQSAFE_HASH_NO_AVX512=1) and the portable path. */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <string.h>

#include "pqs_test.h"
#include "slhdsa/encode.h"
#include "slhdsa/hash.h"

static void test_adrs(void)
{
    pqs_slhdsa_adrs a;
    uint8_t c[PQS_SLHDSA_ADRSC_BYTES];
    static const uint8_t want_c[22] = {0x07, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
                                       0x03, 0, 0, 0x01, 0x23, 0, 0, 0, 0x05, 0, 0, 0x01, 0x00};
    pqs_slhdsa_adrs_zero(a);
    pqs_slhdsa_set_layer(a, 7);
    pqs_slhdsa_set_tree(a, 0x0102030405060708ull);
    pqs_slhdsa_set_type_and_clear(a, PQS_SLHDSA_FORS_TREE);
    pqs_slhdsa_set_keypair(a, 0x123);
    pqs_slhdsa_set_tree_height(a, 5);
    pqs_slhdsa_set_tree_index(a, 256);
    CHECK(a[3] == 7 && a[4] == 0 && a[8] == 1 && a[15] == 8 && a[19] == 3 &&
              pqs_slhdsa_get_keypair(a) == 0x123 && a[27] == 5 &&
              pqs_slhdsa_get_tree_index(a) == 256, "ADRS word layout");
    pqs_slhdsa_adrs_compress(c, a);
    CHECK(memcmp(c, want_c, sizeof c) == 0, "ADRSc = ADRS[3] || ADRS[8:16] || ADRS[19] || ADRS[20:32]");
    pqs_slhdsa_set_type_and_clear(a, PQS_SLHDSA_WOTS_PK);
    CHECK(a[19] == 1 && pqs_slhdsa_get_keypair(a) == 0 && a[27] == 0 && a[31] == 0 && a[15] == 8,
          "setTypeAndClear zeroes the last three words only");
}

static void test_base_2b(void)
{
    const uint8_t x[3] = {0xAB, 0xCD, 0xEF};
    uint32_t d[6];
    pqs_slhdsa_base_2b(d, x, 4, 6);
    CHECK(d[0] == 0xA && d[1] == 0xB && d[2] == 0xC && d[5] == 0xF, "base_2b, b = 4");
    pqs_slhdsa_base_2b(d, x, 12, 2);
    CHECK(d[0] == 0xABC && d[1] == 0xDEF, "base_2b, b = 12");
    pqs_slhdsa_base_2b(d, x, 9, 2);
    CHECK(d[0] == (0xABCDu >> 7) && d[1] == ((0xABCDEFu >> 6) & 0x1FF), "base_2b, b = 9");
    CHECK(pqs_slhdsa_to_int(x, 3) == 0xABCDEF, "toInt");
}

/* out = Trunc_outlen(md(parts...)), or XOF output of outlen bytes for SHAKE256. */
static void evp_hash(const EVP_MD *md, uint8_t *out, size_t outlen, const uint8_t *const *parts,
                     const size_t *lens, int nparts)
{
    uint8_t full[64];
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    EVP_DigestInit_ex(c, md, NULL);
    for (int i = 0; i < nparts; i++)
        EVP_DigestUpdate(c, parts[i], lens[i]);
    if (md == EVP_shake256()) {
        EVP_DigestFinalXOF(c, out, outlen);
    } else {
        EVP_DigestFinal_ex(c, full, NULL);
        memcpy(out, full, outlen);
    }
    EVP_MD_CTX_free(c);
}

/* PK.seed || toByte(0, pad - n) || ADRSc || in (SHA2), or PK.seed || ADRS || in (SHAKE). */
static void reference_thash(const pqs_slhdsa_params *p, const EVP_MD *md, size_t pad,
                            uint8_t *out, const uint8_t *pk_seed, const pqs_slhdsa_adrs adrs,
                            const uint8_t *in, size_t inlen)
{
    static const uint8_t zeros[128];
    uint8_t adrsc[PQS_SLHDSA_ADRSC_BYTES];
    pqs_slhdsa_adrs_compress(adrsc, adrs);
    if (md == EVP_shake256()) {
        const uint8_t *parts[] = {pk_seed, adrs, in};
        const size_t lens[] = {p->n, PQS_SLHDSA_ADRS_BYTES, inlen};
        evp_hash(md, out, p->n, parts, lens, 3);
    } else {
        const uint8_t *parts[] = {pk_seed, zeros, adrsc, in};
        const size_t lens[] = {p->n, pad - p->n, sizeof adrsc, inlen};
        evp_hash(md, out, p->n, parts, lens, 4);
    }
}

/* Compare F, H, T_len, PRF and chain of one set with the reference. */
static void check_thash(const pqs_slhdsa_params *p, const pqs_slhdsa_hctx *c, const uint8_t *seed,
                        const uint8_t *sk_seed, pqs_slhdsa_adrs adrs, const uint8_t *in)
{
    int shake = p->hash == &pqs_slhdsa_shake, cat1 = p->category == 1;
    const EVP_MD *small = shake ? EVP_shake256() : EVP_sha256();
    const EVP_MD *big = shake ? EVP_shake256() : cat1 ? EVP_sha256() : EVP_sha512();
    size_t big_pad = cat1 ? 64 : 128;
    uint8_t got[32], want[32], x[32];
    p->hash->f(c, got, adrs, in);
    reference_thash(p, small, 64, want, seed, adrs, in, p->n);
    CHECK(memcmp(got, want, p->n) == 0, "%s: F", p->name);
    p->hash->prf(c, got, adrs);
    reference_thash(p, small, 64, want, seed, adrs, sk_seed, p->n);
    CHECK(memcmp(got, want, p->n) == 0, "%s: PRF", p->name);
    p->hash->h(c, got, adrs, in, in + p->n);
    reference_thash(p, big, big_pad, want, seed, adrs, in, 2 * p->n);
    CHECK(memcmp(got, want, p->n) == 0, "%s: H", p->name);
    p->hash->t(c, got, adrs, in, p->len);
    reference_thash(p, big, big_pad, want, seed, adrs, in, (size_t)p->len * p->n);
    CHECK(memcmp(got, want, p->n) == 0, "%s: T_len", p->name);
    /* One WOTS+ chain from position 3: F at hash addresses 3, 4, ..., 14 in turn. */
    uint32_t start[PQS_SLHDSA_MAX_LEN] = {3};
    for (unsigned i = 1; i < p->len; i++)
        start[i] = PQS_SLHDSA_W - 1;   /* the other chains take no step */
    const pqs_slhdsa_wots_job job = {adrs, 1, start, PQS_SLHDSA_WOTS_BATCH, NULL, NULL};
    uint8_t xs[PQS_SLHDSA_MAX_LEN * 32];
    memcpy(xs, in, (size_t)p->len * p->n);
    memcpy(want, in, p->n);
    pqs_slhdsa_set_chain(adrs, 0);
    p->hash->wots_chains(c, xs, &job);
    for (uint32_t j = 3; j < PQS_SLHDSA_W - 1; j++) {
        pqs_slhdsa_set_hash(adrs, j);
        reference_thash(p, small, 64, want, seed, adrs, want, p->n);
    }
    CHECK(memcmp(xs, want, p->n) == 0 && memcmp(xs + p->n, in + p->n, (p->len - 1) * p->n) == 0,
          "%s: chain", p->name);
    (void)x;
}

/* ---- Batches against single calls --------------------------------------------------- */

#define MAX_BATCH 40

static void random_adrs(pqs_slhdsa_adrs *a, unsigned count)
{
    pqs_test_rand((uint8_t *)a, count * sizeof a[0]);
}

/* F, H, PRF and T_l batches of every size up to MAX_BATCH (partial lane groups at both
 * ends), including in-place F and H as the tree code uses them. */
static void check_many(const pqs_slhdsa_params *p, const pqs_slhdsa_hctx *c)
{
    const unsigned n = p->n;
    static uint8_t in[MAX_BATCH * PQS_SLHDSA_MAX_LEN * 32], got[MAX_BATCH * 64], want[MAX_BATCH * 64];
    pqs_slhdsa_adrs adrs[MAX_BATCH];
    int bad_f = 0, bad_h = 0, bad_prf = 0, bad_t = 0, bad_inplace = 0;
    for (unsigned count = 0; count <= MAX_BATCH; count += (count < 18 ? 1 : 11)) {
        random_adrs(adrs, count);
        pqs_test_rand(in, sizeof in);
        p->hash->f_many(c, got, in, (const pqs_slhdsa_adrs *)adrs, count);
        for (unsigned i = 0; i < count; i++)
            p->hash->f(c, want + i * n, adrs[i], in + i * n);
        bad_f += memcmp(got, want, count * n) != 0;
        p->hash->h_many(c, got, in, (const pqs_slhdsa_adrs *)adrs, count);
        for (unsigned i = 0; i < count; i++)
            p->hash->h(c, want + i * n, adrs[i], in + 2 * i * n, in + (2 * i + 1) * n);
        bad_h += memcmp(got, want, count * n) != 0;
        /* In place, as a tree level is reduced: out = in. */
        p->hash->h_many(c, in, in, (const pqs_slhdsa_adrs *)adrs, count);
        bad_inplace += memcmp(in, want, count * n) != 0;
        p->hash->prf_many(c, got, (const pqs_slhdsa_adrs *)adrs, count);
        for (unsigned i = 0; i < count; i++)
            p->hash->prf(c, want + i * n, adrs[i]);
        bad_prf += memcmp(got, want, count * n) != 0;
        size_t l = count % 2 ? p->len : p->k;
        p->hash->t_many(c, got, in, l, (const pqs_slhdsa_adrs *)adrs, count);
        for (unsigned i = 0; i < count; i++)
            p->hash->t(c, want + i * n, adrs[i], in + i * l * n, l);
        bad_t += memcmp(got, want, count * n) != 0;
    }
    CHECK(bad_f == 0, "%s: f_many differs from f (%d sizes)", p->name, bad_f);
    CHECK(bad_h == 0, "%s: h_many differs from h (%d sizes)", p->name, bad_h);
    CHECK(bad_inplace == 0, "%s: h_many in place (%d sizes)", p->name, bad_inplace);
    CHECK(bad_prf == 0, "%s: prf_many differs from prf (%d sizes)", p->name, bad_prf);
    CHECK(bad_t == 0, "%s: t_many differs from t (%d sizes)", p->name, bad_t);
}

/* Chain i of key k from position `from` to w - 1 by single F calls (Alg. 5), recording
 * the value at position `cap` (if any) in *capv. */
static void reference_chain(const pqs_slhdsa_params *p, const pqs_slhdsa_hctx *c, uint8_t *x,
                            const pqs_slhdsa_adrs base, uint32_t key, uint32_t i, uint32_t from,
                            uint32_t cap, uint8_t *capv)
{
    pqs_slhdsa_adrs a;
    memcpy(a, base, sizeof a);
    pqs_slhdsa_set_keypair(a, pqs_slhdsa_get_keypair(base) + key);
    pqs_slhdsa_set_chain(a, i);
    for (uint32_t j = from; j < PQS_SLHDSA_W; j++) {
        if (j == cap && capv != NULL)
            memcpy(capv, x, p->n);
        if (j == PQS_SLHDSA_W - 1)
            break;
        pqs_slhdsa_set_hash(a, j);
        p->hash->f(c, x, a, x);
    }
}

/* WOTS+ chains: key generation with a signing key (every batch size up to the job limit)
 * and public-key recovery from random start positions. */
static void check_wots_chains(const pqs_slhdsa_params *p, const pqs_slhdsa_hctx *c)
{
    const unsigned n = p->n, len = p->len;
    static uint8_t got[PQS_SLHDSA_WOTS_BATCH * PQS_SLHDSA_MAX_LEN * 32];
    static uint8_t want[PQS_SLHDSA_WOTS_BATCH * PQS_SLHDSA_MAX_LEN * 32];
    uint8_t sig[PQS_SLHDSA_MAX_LEN * 32], want_sig[PQS_SLHDSA_MAX_LEN * 32];
    uint32_t digits[PQS_SLHDSA_MAX_LEN];
    pqs_slhdsa_adrs base, prf_adrs;
    int bad = 0, bad_sig = 0, bad_verify = 0;
    for (unsigned keys = 1; keys <= PQS_SLHDSA_WOTS_BATCH; keys++) {
        pqs_test_rand(base, sizeof base);
        pqs_slhdsa_set_type_and_clear(base, PQS_SLHDSA_WOTS_HASH);
        pqs_slhdsa_set_keypair(base, 40 + keys);
        for (unsigned i = 0; i < len; i++)
            digits[i] = (uint32_t)((i * 7 + keys) % PQS_SLHDSA_W);
        unsigned sign_key = keys - 1 - keys / 3;
        const pqs_slhdsa_wots_job job = {base, keys, NULL, sign_key, digits, sig};
        p->hash->wots_chains(c, got, &job);
        for (unsigned k = 0; k < keys; k++)
            for (unsigned i = 0; i < len; i++) {
                uint8_t *x = want + (k * len + i) * n;
                memcpy(prf_adrs, base, sizeof prf_adrs);
                pqs_slhdsa_set_type_and_clear(prf_adrs, PQS_SLHDSA_WOTS_PRF);
                pqs_slhdsa_set_keypair(prf_adrs, pqs_slhdsa_get_keypair(base) + k);
                pqs_slhdsa_set_chain(prf_adrs, i);
                p->hash->prf(c, x, prf_adrs);
                reference_chain(p, c, x, base, k, i, 0, k == sign_key ? digits[i] : 99,
                                want_sig + i * n);
            }
        bad += memcmp(got, want, (size_t)keys * len * n) != 0;
        bad_sig += memcmp(sig, want_sig, (size_t)len * n) != 0;
        /* pkFromSig from the signature: random starts, the same ends. */
        for (unsigned i = 0; i < len; i++) {
            uint8_t r;
            pqs_test_rand(&r, 1);
            digits[i] = r % PQS_SLHDSA_W;
        }
        pqs_test_rand(got, (size_t)len * n);
        memcpy(want, got, (size_t)len * n);
        const pqs_slhdsa_wots_job vjob = {base, 1, digits, PQS_SLHDSA_WOTS_BATCH, NULL, NULL};
        p->hash->wots_chains(c, got, &vjob);
        for (unsigned i = 0; i < len; i++)
            reference_chain(p, c, want + i * n, base, 0, i, digits[i], 99, NULL);
        bad_verify += memcmp(got, want, (size_t)len * n) != 0;
    }
    CHECK(bad == 0, "%s: wots_chains (pkGen) differ from single F calls (%d sizes)", p->name, bad);
    CHECK(bad_sig == 0, "%s: wots_chains signature values (%d sizes)", p->name, bad_sig);
    CHECK(bad_verify == 0, "%s: wots_chains (pkFromSig) (%d cases)", p->name, bad_verify);
}

/* MGF1 (RFC 8017 B.2.1) with SHA-256 or SHA-512. */
static void mgf1(const EVP_MD *md, uint8_t *out, size_t outlen, const uint8_t *seed, size_t slen)
{
    uint8_t block[64];
    size_t hlen = (size_t)EVP_MD_get_size(md);
    for (uint32_t ctr = 0, done = 0; done < outlen; ctr++, done += (uint32_t)hlen) {
        const uint8_t c4[4] = {(uint8_t)(ctr >> 24), (uint8_t)(ctr >> 16), (uint8_t)(ctr >> 8),
                               (uint8_t)ctr};
        const uint8_t *parts[] = {seed, c4};
        const size_t lens[] = {slen, 4};
        evp_hash(md, block, hlen, parts, lens, 2);
        memcpy(out + done, block, outlen - done < hlen ? outlen - done : hlen);
    }
}

/* PRF_msg and H_msg with M split as prefix || msg. */
static void check_msg_hashes(const pqs_slhdsa_params *p, const uint8_t *r, const uint8_t *seed,
                             const uint8_t *root, const uint8_t *m, size_t mlen, size_t split)
{
    int shake = p->hash == &pqs_slhdsa_shake;
    const EVP_MD *md = shake ? EVP_shake256() : p->category == 1 ? EVP_sha256() : EVP_sha512();
    const pqs_slhdsa_msg msg = {m, split, m + split, mlen - split};
    uint8_t got[64], want[64], buf[256 + 64], mgf_seed[2 * 32 + 64];
    p->hash->prf_msg(p, got, root, r, &msg);   /* SK.prf := root, opt_rand := r */
    if (shake) {
        const uint8_t *parts[] = {root, r, m};
        const size_t lens[] = {p->n, p->n, mlen};
        evp_hash(md, want, p->n, parts, lens, 3);
    } else {
        unsigned int l = 0;
        memcpy(buf, r, p->n);
        memcpy(buf + p->n, m, mlen);
        HMAC(md, root, (int)p->n, buf, p->n + mlen, want, &l);
    }
    CHECK(memcmp(got, want, p->n) == 0, "%s: PRF_msg (split %zu)", p->name, split);
    p->hash->h_msg(p, got, r, seed, root, &msg);
    const uint8_t *parts[] = {r, seed, root, m};
    const size_t lens[] = {p->n, p->n, p->n, mlen};
    if (shake) {
        evp_hash(md, want, p->m, parts, lens, 4);
    } else {
        size_t hlen = (size_t)EVP_MD_get_size(md);
        memcpy(mgf_seed, r, p->n);
        memcpy(mgf_seed + p->n, seed, p->n);
        evp_hash(md, mgf_seed + 2 * p->n, hlen, parts, lens, 4);
        mgf1(md, want, p->m, mgf_seed, 2 * p->n + hlen);
    }
    CHECK(memcmp(got, want, p->m) == 0, "%s: H_msg (split %zu)", p->name, split);
}

static void test_hash_suites(void)
{
    const pqs_slhdsa_params *p;
    for (size_t i = 0; (p = pqs_slhdsa_params_at(i)) != NULL; i++) {
        uint8_t seed[32], sk_seed[32], root[32], in[PQS_SLHDSA_MAX_LEN * 32], m[200];
        pqs_slhdsa_hctx c;
        pqs_slhdsa_adrs adrs;
        pqs_test_rand(seed, sizeof seed);
        pqs_test_rand(sk_seed, sizeof sk_seed);
        pqs_test_rand(root, sizeof root);
        pqs_test_rand(in, sizeof in);
        pqs_test_rand(m, sizeof m);
        pqs_test_rand(adrs, sizeof adrs);
        pqs_slhdsa_hctx_init(&c, p, seed, sk_seed);
        check_thash(p, &c, seed, sk_seed, adrs, in);
        check_many(p, &c);
        check_wots_chains(p, &c);
        check_msg_hashes(p, in, seed, root, m, sizeof m, 0);
        check_msg_hashes(p, in, seed, root, m, sizeof m, 77);
        check_msg_hashes(p, in, seed, root, m, 0, 0);
        pqs_slhdsa_hctx_wipe(&c);
    }
}

int main(void)
{
    test_adrs();
    test_base_2b();
    test_hash_suites();
    return pqs_test_done("test_slhdsa_units");
}
