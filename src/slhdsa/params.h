/* The SLH-DSA parameter sets (FIPS 205 Table 2) as one list, expanded by params.c into
 * pqs_slhdsa_params and by slhdsa_algs.c into the name-based API table, so the numbers
 * are written once. X(var, name, hash suite, n, h, d, a, k, m, category). */
#ifndef PQS_SLHDSA_PARAMS_H
#define PQS_SLHDSA_PARAMS_H

#include "slhdsa.h"

#define PQS_SLHDSA_SETS(X)                                                         \
    X(sha2_128s, "SLH-DSA-SHA2-128s", sha2_cat1, 16, 63, 7, 12, 14, 30, 1)         \
    X(sha2_128f, "SLH-DSA-SHA2-128f", sha2_cat1, 16, 66, 22, 6, 33, 34, 1)         \
    X(sha2_192s, "SLH-DSA-SHA2-192s", sha2_cat35, 24, 63, 7, 14, 17, 39, 3)        \
    X(sha2_192f, "SLH-DSA-SHA2-192f", sha2_cat35, 24, 66, 22, 8, 33, 42, 3)        \
    X(sha2_256s, "SLH-DSA-SHA2-256s", sha2_cat35, 32, 64, 8, 14, 22, 47, 5)        \
    X(sha2_256f, "SLH-DSA-SHA2-256f", sha2_cat35, 32, 68, 17, 9, 35, 49, 5)        \
    X(shake_128s, "SLH-DSA-SHAKE-128s", shake, 16, 63, 7, 12, 14, 30, 1)           \
    X(shake_128f, "SLH-DSA-SHAKE-128f", shake, 16, 66, 22, 6, 33, 34, 1)           \
    X(shake_192s, "SLH-DSA-SHAKE-192s", shake, 24, 63, 7, 14, 17, 39, 3)           \
    X(shake_192f, "SLH-DSA-SHAKE-192f", shake, 24, 66, 22, 8, 33, 42, 3)           \
    X(shake_256s, "SLH-DSA-SHAKE-256s", shake, 32, 64, 8, 14, 22, 47, 5)           \
    X(shake_256f, "SLH-DSA-SHAKE-256f", shake, 32, 68, 17, 9, 35, 49, 5)

#define PQS_SLHDSA_PK_BYTES(n) (2 * (n))
#define PQS_SLHDSA_SK_BYTES(n) (4 * (n))
/* R, k FORS trees of a + 1 nodes, d XMSS signatures of len + h' nodes (Table 2). */
#define PQS_SLHDSA_SIG_BYTES(n, h, d, a, k) \
    ((1 + (k) * (1 + (a)) + (h) + (d) * (2 * (n) + 3)) * (n))

#endif
