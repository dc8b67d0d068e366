/* The hash functions of SLH-DSA (FIPS 205 §4.1) as a suite of function pointers per
 * family: SHAKE (§11.1), SHA2 for category 1 (§11.2.1) and SHA2 for categories 3 and 5
 * (§11.2.2). A per-operation context holds PK.seed already absorbed (for SHA2, the
 * compression state after the block PK.seed || toByte(0, 64 - n) or 128 - n), so each
 * F, H and T call starts from a copy instead of rehashing PK.seed.
 *
 * Besides single calls, the suite hashes batches: many independent F, H, PRF or T_l
 * calls, and the WOTS+ chains (Alg. 5, F iterated) of several key pairs, where nearly
 * all signing time goes. A family computes a batch in lane groups, as many hashes at once
 * as its multi-lane backend has lanes (src/hash: SHA-256 16 / 8, SHA-512 8 / 4, Keccak
 * 8 / 4 with AVX-512 / AVX2; 1 on the portable path), so the lane count is a property of
 * the backend and the algorithms above (wots.c, fors.c, treehash.c) only form batches. */
#ifndef PQS_SLHDSA_HASH_H
#define PQS_SLHDSA_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "address.h"
#include "hash/fips202.h"
#include "hash/sha2.h"
#include "slhdsa.h"

/* WOTS+ chains (Alg. 5) of `keys` consecutive key pairs, len chains each, all ending at
 * position w - 1 (Alg. 6 wots_pkGen and Alg. 8 wots_pkFromSig). Chain i of key k is
 * x + (k len + i) n: its start value on entry (unless from the secret key), its end on
 * return. */
typedef struct pqs_slhdsa_wots_job {
    const uint8_t *adrs;       /* WOTS_HASH address: layer, tree and the first key pair */
    unsigned keys;             /* <= PQS_SLHDSA_WOTS_BATCH */
    /* NULL: every chain starts at position 0 from its secret value PRF(PK.seed, SK.seed,
     * WOTS_PRF address) (pkGen); else the len start positions of the one key (keys = 1,
     * pkFromSig), x holding the signature values. Positions are public. */
    const uint32_t *start;
    /* wots_sign (Alg. 7) on the way: chain i of key sign_key has its value at position
     * digits[i] written to sig + i n. sign_key >= keys: no signature. */
    unsigned sign_key;
    const uint32_t *digits;
    uint8_t *sig;
} pqs_slhdsa_wots_job;

/* The lane-group loops of the families are written once with the lane count L as a
 * parameter and instantiated for the backends' constant counts (SHA-256 16 / 8, Keccak
 * 8 / 4, and 1), so the compiler can unroll and vectorise the per-lane work between
 * hash calls. */
#if defined(__GNUC__) || defined(__clang__)
#define PQS_SLHDSA_LANES_INLINE static inline __attribute__((always_inline))
#else
#define PQS_SLHDSA_LANES_INLINE static inline
#endif

/* Key pairs per WOTS+ job: 8 len chains fill lane groups of 16, 8 or 4 up to at most one
 * partial group (280 chains of 35-chain keys are 17.5 groups of 16), and the chain values
 * stay small on the stack (8 len n <= 17 KiB). */
#define PQS_SLHDSA_WOTS_BATCH 8

/* Order the chains of a job for lane groups (hash.c): with start positions, chains
 * that start early first, so that a group of consecutive chains spans few steps. */
void pqs_slhdsa_chain_order(uint16_t *order, const pqs_slhdsa_wots_job *job, unsigned len);

/* Bytes [off, off + len) of parts[0] || parts[1] || parts[2], zero past the end (hash.c):
 * the blocks of multi-block batched messages (T_l), lane by lane. */
void pqs_slhdsa_msg_slice(uint8_t *dst, size_t off, size_t len, const uint8_t *const parts[3],
                          const size_t lens[3]);

/* The per-operation context (lives on the stack of keygen/sign/verify). */
typedef struct pqs_slhdsa_hctx {
    const pqs_slhdsa_params *p;
    unsigned n;
    uint8_t pk_seed[PQS_SLHDSA_MAX_N];
    uint8_t sk_seed[PQS_SLHDSA_MAX_N];   /* secret (zero when verifying); wiped on exit */
    union {
        struct {
            pqs_sha256_ctx s256;         /* after PK.seed || toByte(0, 64 - n) */
            pqs_sha512_ctx s512;         /* after PK.seed || toByte(0, 128 - n) (cat 3, 5) */
        } sha2;
        pqs_keccak_ctx shake;            /* after PK.seed */
    } u;
} pqs_slhdsa_hctx;

/* M = prefix || msg (FIPS 205 Alg. 22/23 build the prefix; internal callers pass none). */
typedef struct pqs_slhdsa_msg {
    const uint8_t *prefix;
    size_t prefix_len;
    const uint8_t *msg;
    size_t msg_len;
} pqs_slhdsa_msg;

typedef struct pqs_slhdsa_hash_suite {
    /* Absorb PK.seed once for the operation. */
    void (*seed)(pqs_slhdsa_hctx *c);
    /* PRF(PK.seed, SK.seed, ADRS): n bytes. */
    void (*prf)(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs adrs);
    /* F(PK.seed, ADRS, M1), |M1| = n. */
    void (*f)(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs adrs,
              const uint8_t *in);
    /* H(PK.seed, ADRS, left || right), n bytes each. */
    void (*h)(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs adrs,
              const uint8_t *left, const uint8_t *right);
    /* T_l(PK.seed, ADRS, M_l), |M_l| = l n. */
    void (*t)(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs adrs,
              const uint8_t *in, size_t l);
    /* Batches of count independent calls (any count >= 0): item i reads in + i n (F) or
     * in + 2 i n (H) and adrs[i], and writes out + i n. out may equal in: a lane group
     * reads all its inputs before it writes. (Callers filling an address array cast it
     * to const: C11 does not convert pointers to arrays of differently qualified bytes.) */
    void (*f_many)(const pqs_slhdsa_hctx *c, uint8_t *out, const uint8_t *in,
                   const pqs_slhdsa_adrs *adrs, unsigned count);
    void (*h_many)(const pqs_slhdsa_hctx *c, uint8_t *out, const uint8_t *in,
                   const pqs_slhdsa_adrs *adrs, unsigned count);
    /* PRF(PK.seed, SK.seed, adrs[i]) to out + i n. */
    void (*prf_many)(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs *adrs,
                     unsigned count);
    /* T_l on count messages of l n bytes each (in + i l n). */
    void (*t_many)(const pqs_slhdsa_hctx *c, uint8_t *out, const uint8_t *in, size_t l,
                   const pqs_slhdsa_adrs *adrs, unsigned count);
    /* The WOTS+ chains of a batch of key pairs, see pqs_slhdsa_wots_job. */
    void (*wots_chains)(const pqs_slhdsa_hctx *c, uint8_t *x, const pqs_slhdsa_wots_job *job);
    /* PRF_msg(SK.prf, opt_rand, M): n bytes. */
    void (*prf_msg)(const pqs_slhdsa_params *p, uint8_t *out, const uint8_t *sk_prf,
                    const uint8_t *opt_rand, const pqs_slhdsa_msg *m);
    /* H_msg(R, PK.seed, PK.root, M): m bytes. */
    void (*h_msg)(const pqs_slhdsa_params *p, uint8_t *out, const uint8_t *r,
                  const uint8_t *pk_seed, const uint8_t *pk_root, const pqs_slhdsa_msg *m);
} pqs_slhdsa_hash_suite;

extern const pqs_slhdsa_hash_suite pqs_slhdsa_shake;
extern const pqs_slhdsa_hash_suite pqs_slhdsa_sha2_cat1;
extern const pqs_slhdsa_hash_suite pqs_slhdsa_sha2_cat35;

/* Fill the context for one operation; sk_seed may be NULL (verify). */
void pqs_slhdsa_hctx_init(pqs_slhdsa_hctx *c, const pqs_slhdsa_params *p,
                          const uint8_t *pk_seed, const uint8_t *sk_seed);
void pqs_slhdsa_hctx_wipe(pqs_slhdsa_hctx *c);

#endif
