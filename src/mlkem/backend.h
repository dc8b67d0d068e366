/* The arithmetic backend of ML-KEM: one table of function pointers, chosen once at run
 * time (the single dispatch point of this algorithm; see docs/ARCHITECTURE.md). The
 * portable table points at the plain pqs_mlkem_* functions of ntt.c, poly.c, compress.c
 * and sampling.c; a native table (native/x86_64/) points at SIMD versions that give
 * bit-identical results on the same inputs, so either table serves every caller and
 * tests/mlkem/test_mlkem_native.c compares them function by function. */
#ifndef PQS_MLKEM_BACKEND_H
#define PQS_MLKEM_BACKEND_H

#include <stddef.h>
#include <stdint.h>

#include "ntt.h"
#include "poly.h"

typedef struct pqs_mlkem_backend {
    const char *name;   /* "portable", "avx2", "avx512", "avx512+vbmi2" */
    /* ntt.h */
    void (*ntt)(pqs_mlkem_poly *r);
    void (*invntt_frommont)(pqs_mlkem_poly *r);
    void (*mulcache_compute)(pqs_mlkem_mulcache *x, const pqs_mlkem_poly *b);
    void (*basemul_acc)(pqs_mlkem_poly *r, const pqs_mlkem_poly *a, const pqs_mlkem_poly *b,
                        const pqs_mlkem_mulcache *bx, unsigned k);
    /* poly.h */
    void (*poly_reduce)(pqs_mlkem_poly *r);
    void (*poly_tomont)(pqs_mlkem_poly *r);
    void (*poly_tobytes)(uint8_t r[PQS_MLKEM_POLY_BYTES], const pqs_mlkem_poly *a);
    void (*poly_frombytes)(pqs_mlkem_poly *r, const uint8_t a[PQS_MLKEM_POLY_BYTES]);
    int (*poly_bytes_canonical)(const uint8_t a[PQS_MLKEM_POLY_BYTES]);
    /* compress.h */
    void (*poly_compress)(uint8_t *r, const pqs_mlkem_poly *a, unsigned d);
    void (*poly_decompress)(pqs_mlkem_poly *r, const uint8_t *a, unsigned d);
    void (*poly_frommsg)(pqs_mlkem_poly *r, const uint8_t m[PQS_MLKEM_SYM_BYTES]);
    void (*poly_tomsg)(uint8_t m[PQS_MLKEM_SYM_BYTES], const pqs_mlkem_poly *a);
    /* sampling.h: the arithmetic halves of SamplePolyCBD and SampleNTT */
    void (*cbd)(pqs_mlkem_poly *r, const uint8_t *buf, unsigned eta);
    unsigned (*rej_uniform)(int16_t *a, unsigned ctr, const uint8_t *buf, size_t len);
} pqs_mlkem_backend;

/* The backend for this process: the best one this CPU runs, or the portable one under
 * PQSAFE_FORCE_PORTABLE=1 (pqs_cpu_features_mask). Chosen once; thread-safe. */
const pqs_mlkem_backend *pqs_mlkem_backend_get(void);

extern const pqs_mlkem_backend pqs_mlkem_backend_portable;

#endif
