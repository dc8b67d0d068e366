/* The three ML-DSA parameter sets of FIPS 204 Table 1; sizes from Table 2. */
#include "mldsa/params.h"

/* gamma2 = (q-1)/88 or (q-1)/32; the derived fields follow from it at compile time. */
#define G2_88 ((PQS_MLDSA_Q - 1) / 88)
#define G2_32 ((PQS_MLDSA_Q - 1) / 32)
#define DECOMPOSE_MUL(g2) ((((uint64_t)1 << 48) + 2 * (uint64_t)(g2) - 1) / (2 * (uint64_t)(g2)))

/* pk = rho || t1 (10 bits per coefficient), sk = rho || K || tr || s1 || s2 || t0,
 * sig = c~ || z || hint (Algorithms 22, 24, 26). */
#define PK_BYTES(k) (32 + 320 * (k))
#define SK_BYTES(k, l, eta_bits) (128 + 32 * (eta_bits) * ((k) + (l)) + 416 * (k))
#define SIG_BYTES(k, l, ct, zb, omega) ((ct) + 32 * (zb) * (l) + (omega) + (k))

const pqs_mldsa_params pqs_mldsa44 = {
    .name = "ML-DSA-44", .k = 4, .l = 4, .eta = 2, .tau = 39, .beta = 78, .omega = 80,
    .ctilde_bytes = 32, .gamma1 = 1 << 17, .gamma2 = G2_88,
    .eta_bits = 3, .z_bits = 18, .w1_bits = 6, .w1_max = 44,
    .decompose_mul = DECOMPOSE_MUL(G2_88),
    .pk_bytes = PK_BYTES(4), .sk_bytes = SK_BYTES(4, 4, 3),
    .sig_bytes = SIG_BYTES(4, 4, 32, 18, 80),
};

const pqs_mldsa_params pqs_mldsa65 = {
    .name = "ML-DSA-65", .k = 6, .l = 5, .eta = 4, .tau = 49, .beta = 196, .omega = 55,
    .ctilde_bytes = 48, .gamma1 = 1 << 19, .gamma2 = G2_32,
    .eta_bits = 4, .z_bits = 20, .w1_bits = 4, .w1_max = 16,
    .decompose_mul = DECOMPOSE_MUL(G2_32),
    .pk_bytes = PK_BYTES(6), .sk_bytes = SK_BYTES(6, 5, 4),
    .sig_bytes = SIG_BYTES(6, 5, 48, 20, 55),
};

const pqs_mldsa_params pqs_mldsa87 = {
    .name = "ML-DSA-87", .k = 8, .l = 7, .eta = 2, .tau = 60, .beta = 120, .omega = 75,
    .ctilde_bytes = 64, .gamma1 = 1 << 19, .gamma2 = G2_32,
    .eta_bits = 3, .z_bits = 20, .w1_bits = 4, .w1_max = 16,
    .decompose_mul = DECOMPOSE_MUL(G2_32),
    .pk_bytes = PK_BYTES(8), .sk_bytes = SK_BYTES(8, 7, 3),
    .sig_bytes = SIG_BYTES(8, 7, 64, 20, 75),
};
