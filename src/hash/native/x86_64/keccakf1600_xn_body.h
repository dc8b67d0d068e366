/* The body of Keccak-f[1600] (FIPS 202 section 3.3, Algorithm 7) on a batch of states,
 * one state per 64-bit lane of a vector: the same steps as src/hash/keccakf1600_body.h
 * with every uint64_t replaced by a vector of KN words. Included once per backend with
 * these defined:
 *   KX_FN, KX_ATTR     function name and its target attribute
 *   KN                 states per vector (the stride of the lane-sliced array)
 *   KV                 the vector type
 *   KV_LOAD(p), KV_STORE(p, v), KV_BCAST(x)   unaligned load / store, broadcast
 *   KV_XOR(a, b)       a ^ b
 *   KV_XOR5(a, b, c, d, e)   a ^ b ^ c ^ d ^ e
 *   KV_ROL(v, n)       rotate each 64-bit word left by the constant n, 0 < n < 64
 *   KV_CHI(a, b, c)    a ^ (~b & c)
 * Lane (x, y) of the state is word x + 5y; rho and pi are fused as in the scalar body
 * (B[y][2x+3y] = ROT(A[x][y] ^ D[x], r[x][y]), rotation offsets of FIPS 202 Table 2). */
#include <stdint.h>

#ifndef PQS_KECCAK_XN_RC
#define PQS_KECCAK_XN_RC
/* Round constants RC[i] (FIPS 202 Algorithm 6). */
static const uint64_t keccak_xn_rc[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull, 0x8000000080008000ull,
    0x000000000000808bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
    0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800aull, 0x800000008000000aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull};
#endif

KX_ATTR void KX_FN(uint64_t s[25 * KN])
{
    KV a0 = KV_LOAD(s + 0 * KN), a1 = KV_LOAD(s + 1 * KN), a2 = KV_LOAD(s + 2 * KN);
    KV a3 = KV_LOAD(s + 3 * KN), a4 = KV_LOAD(s + 4 * KN), a5 = KV_LOAD(s + 5 * KN);
    KV a6 = KV_LOAD(s + 6 * KN), a7 = KV_LOAD(s + 7 * KN), a8 = KV_LOAD(s + 8 * KN);
    KV a9 = KV_LOAD(s + 9 * KN), a10 = KV_LOAD(s + 10 * KN), a11 = KV_LOAD(s + 11 * KN);
    KV a12 = KV_LOAD(s + 12 * KN), a13 = KV_LOAD(s + 13 * KN), a14 = KV_LOAD(s + 14 * KN);
    KV a15 = KV_LOAD(s + 15 * KN), a16 = KV_LOAD(s + 16 * KN), a17 = KV_LOAD(s + 17 * KN);
    KV a18 = KV_LOAD(s + 18 * KN), a19 = KV_LOAD(s + 19 * KN), a20 = KV_LOAD(s + 20 * KN);
    KV a21 = KV_LOAD(s + 21 * KN), a22 = KV_LOAD(s + 22 * KN), a23 = KV_LOAD(s + 23 * KN);
    KV a24 = KV_LOAD(s + 24 * KN);
    KV b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18,
        b19, b20, b21, b22, b23, b24;
    KV c0, c1, c2, c3, c4, d0, d1, d2, d3, d4;

    for (int round = 0; round < 24; round++) {
        /* theta: column parities C and the mixing terms D (steps 1-2 of Algorithm 1). */
        c0 = KV_XOR5(a0, a5, a10, a15, a20);
        c1 = KV_XOR5(a1, a6, a11, a16, a21);
        c2 = KV_XOR5(a2, a7, a12, a17, a22);
        c3 = KV_XOR5(a3, a8, a13, a18, a23);
        c4 = KV_XOR5(a4, a9, a14, a19, a24);
        d0 = KV_XOR(c4, KV_ROL(c1, 1));
        d1 = KV_XOR(c0, KV_ROL(c2, 1));
        d2 = KV_XOR(c1, KV_ROL(c3, 1));
        d3 = KV_XOR(c2, KV_ROL(c4, 1));
        d4 = KV_XOR(c3, KV_ROL(c0, 1));
        /* theta's final XOR, rho (rotations) and pi (lane permutation), fused. */
        b0 = KV_XOR(a0, d0);
        b16 = KV_ROL(KV_XOR(a5, d0), 36);
        b7 = KV_ROL(KV_XOR(a10, d0), 3);
        b23 = KV_ROL(KV_XOR(a15, d0), 41);
        b14 = KV_ROL(KV_XOR(a20, d0), 18);
        b10 = KV_ROL(KV_XOR(a1, d1), 1);
        b1 = KV_ROL(KV_XOR(a6, d1), 44);
        b17 = KV_ROL(KV_XOR(a11, d1), 10);
        b8 = KV_ROL(KV_XOR(a16, d1), 45);
        b24 = KV_ROL(KV_XOR(a21, d1), 2);
        b20 = KV_ROL(KV_XOR(a2, d2), 62);
        b11 = KV_ROL(KV_XOR(a7, d2), 6);
        b2 = KV_ROL(KV_XOR(a12, d2), 43);
        b18 = KV_ROL(KV_XOR(a17, d2), 15);
        b9 = KV_ROL(KV_XOR(a22, d2), 61);
        b5 = KV_ROL(KV_XOR(a3, d3), 28);
        b21 = KV_ROL(KV_XOR(a8, d3), 55);
        b12 = KV_ROL(KV_XOR(a13, d3), 25);
        b3 = KV_ROL(KV_XOR(a18, d3), 21);
        b19 = KV_ROL(KV_XOR(a23, d3), 56);
        b15 = KV_ROL(KV_XOR(a4, d4), 27);
        b6 = KV_ROL(KV_XOR(a9, d4), 20);
        b22 = KV_ROL(KV_XOR(a14, d4), 39);
        b13 = KV_ROL(KV_XOR(a19, d4), 8);
        b4 = KV_ROL(KV_XOR(a24, d4), 14);
        /* chi (Algorithm 4) and iota (Algorithm 6). */
        a0 = KV_XOR(KV_CHI(b0, b1, b2), KV_BCAST(keccak_xn_rc[round]));
        a1 = KV_CHI(b1, b2, b3);
        a2 = KV_CHI(b2, b3, b4);
        a3 = KV_CHI(b3, b4, b0);
        a4 = KV_CHI(b4, b0, b1);
        a5 = KV_CHI(b5, b6, b7);
        a6 = KV_CHI(b6, b7, b8);
        a7 = KV_CHI(b7, b8, b9);
        a8 = KV_CHI(b8, b9, b5);
        a9 = KV_CHI(b9, b5, b6);
        a10 = KV_CHI(b10, b11, b12);
        a11 = KV_CHI(b11, b12, b13);
        a12 = KV_CHI(b12, b13, b14);
        a13 = KV_CHI(b13, b14, b10);
        a14 = KV_CHI(b14, b10, b11);
        a15 = KV_CHI(b15, b16, b17);
        a16 = KV_CHI(b16, b17, b18);
        a17 = KV_CHI(b17, b18, b19);
        a18 = KV_CHI(b18, b19, b15);
        a19 = KV_CHI(b19, b15, b16);
        a20 = KV_CHI(b20, b21, b22);
        a21 = KV_CHI(b21, b22, b23);
        a22 = KV_CHI(b22, b23, b24);
        a23 = KV_CHI(b23, b24, b20);
        a24 = KV_CHI(b24, b20, b21);
    }
    KV_STORE(s + 0 * KN, a0);
    KV_STORE(s + 1 * KN, a1);
    KV_STORE(s + 2 * KN, a2);
    KV_STORE(s + 3 * KN, a3);
    KV_STORE(s + 4 * KN, a4);
    KV_STORE(s + 5 * KN, a5);
    KV_STORE(s + 6 * KN, a6);
    KV_STORE(s + 7 * KN, a7);
    KV_STORE(s + 8 * KN, a8);
    KV_STORE(s + 9 * KN, a9);
    KV_STORE(s + 10 * KN, a10);
    KV_STORE(s + 11 * KN, a11);
    KV_STORE(s + 12 * KN, a12);
    KV_STORE(s + 13 * KN, a13);
    KV_STORE(s + 14 * KN, a14);
    KV_STORE(s + 15 * KN, a15);
    KV_STORE(s + 16 * KN, a16);
    KV_STORE(s + 17 * KN, a17);
    KV_STORE(s + 18 * KN, a18);
    KV_STORE(s + 19 * KN, a19);
    KV_STORE(s + 20 * KN, a20);
    KV_STORE(s + 21 * KN, a21);
    KV_STORE(s + 22 * KN, a22);
    KV_STORE(s + 23 * KN, a23);
    KV_STORE(s + 24 * KN, a24);
}
