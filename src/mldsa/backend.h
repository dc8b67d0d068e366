/* The arithmetic backend of ML-DSA: one table of function pointers, chosen once at run
 * time (the single dispatch point of this algorithm; see docs/ARCHITECTURE.md). The
 * portable table points at the plain pqs_mldsa_* functions of ntt.c, poly.c,
 * rounding.c, challenge.c, sample.c and pack.c; a native table (native/x86_64/) points
 * at SIMD versions with bit-identical results, so either table serves every caller and
 * tests/mldsa/test_mldsa_native.c compares them function by function. */
#ifndef PQS_MLDSA_BACKEND_H
#define PQS_MLDSA_BACKEND_H

#include <stddef.h>
#include <stdint.h>

#include "mldsa/challenge.h"
#include "mldsa/params.h"

typedef struct pqs_mldsa_backend {
    const char *name;   /* "portable", "avx2", "avx512" */
    /* ntt.h */
    void (*ntt)(pqs_mldsa_poly *a);
    void (*invntt_tomont)(pqs_mldsa_poly *a);
    /* poly.h */
    void (*poly_pointwise)(pqs_mldsa_poly *r, const pqs_mldsa_poly *a, const pqs_mldsa_poly *b);
    void (*matrix_mul)(pqs_mldsa_poly w[PQS_MLDSA_KMAX],
                       const pqs_mldsa_poly a[PQS_MLDSA_KMAX][PQS_MLDSA_LMAX],
                       const pqs_mldsa_poly v[PQS_MLDSA_LMAX], unsigned k, unsigned l);
    void (*poly_freeze)(pqs_mldsa_poly *a);
    uint32_t (*poly_exceeds)(const pqs_mldsa_poly *a, int32_t bound);
    /* rounding.h */
    void (*power2round)(pqs_mldsa_poly *t1, pqs_mldsa_poly *t0, const pqs_mldsa_poly *t);
    void (*highbits)(const pqs_mldsa_params *p, pqs_mldsa_poly *r1, const pqs_mldsa_poly *r);
    void (*lowbits)(const pqs_mldsa_params *p, pqs_mldsa_poly *r0, const pqs_mldsa_poly *r);
    unsigned (*make_hint)(const pqs_mldsa_params *p, pqs_mldsa_poly *h, const pqs_mldsa_poly *z,
                          const pqs_mldsa_poly *r);
    void (*use_hint)(const pqs_mldsa_params *p, pqs_mldsa_poly *r1, const pqs_mldsa_poly *h,
                     const pqs_mldsa_poly *r);
    /* challenge.h */
    void (*challenge_mul_small)(pqs_mldsa_poly *r, const pqs_mldsa_challenge *c,
                                const pqs_mldsa_spoly *s);
    void (*challenge_mul)(pqs_mldsa_poly *r, const pqs_mldsa_challenge *c,
                          const pqs_mldsa_poly *t);
    uint32_t (*response)(pqs_mldsa_poly *z, const pqs_mldsa_challenge *c,
                         const pqs_mldsa_spoly *s1, const pqs_mldsa_poly *y, int32_t bound);
    uint32_t (*low_check)(const pqs_mldsa_params *p, pqs_mldsa_poly *r,
                          const pqs_mldsa_challenge *c, const pqs_mldsa_spoly *s2,
                          const pqs_mldsa_poly *w, int32_t bound);
    /* sample.h: the arithmetic halves of RejNTTPoly, RejBoundedPoly, ExpandMask */
    unsigned (*rej_uniform)(int32_t *a, unsigned ctr, const uint8_t *buf, size_t len);
    unsigned (*rej_eta)(int32_t *a, unsigned ctr, const uint8_t *buf, size_t len, unsigned eta);
    /* pack.h */
    void (*pack_bits)(uint8_t *out, const pqs_mldsa_poly *a, unsigned bits, int32_t add,
                      int32_t mul);
    void (*unpack_bits)(pqs_mldsa_poly *a, const uint8_t *in, unsigned bits, int32_t add,
                        int32_t mul);
    void (*w1_pack)(const pqs_mldsa_params *p, uint8_t *out, pqs_mldsa_poly *w);
} pqs_mldsa_backend;

/* The backend for this process: the best one this CPU runs, or the portable one under
 * PQSAFE_FORCE_PORTABLE=1 (pqs_cpu_features_mask). Chosen once; thread-safe. */
const pqs_mldsa_backend *pqs_mldsa_backend_get(void);

extern const pqs_mldsa_backend pqs_mldsa_backend_portable;

#endif
