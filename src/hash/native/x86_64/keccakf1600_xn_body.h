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
 * Lane (x, y) of the state is word x + 5y. Shape of a round (as in the Keccak team's
 * unrolled reference code): theta's C and D for the whole state, then the state is
 * produced one ROW at a time: the five lanes of row y after pi (FIPS 202 Algorithm 3,
 * B[x][y] = A[(x + 3y) mod 5][x]) each get theta's D and rho's rotation (Table 2), and
 * chi (Algorithm 4) turns them into row y of the new state right away. Rounds alternate
 * between two sets of variables (A -> E, E -> A), two per loop iteration, so nothing is
 * copied back and few values are live at once: with 32 vector registers the compiler
 * keeps all of it in registers (the former one-round loop needed ~28 register copies
 * and ~14 spills per round). */
#include <stdint.h>

#include "hash/keccak_rc.h"

#ifndef KX_ROUND_MACROS
#define KX_ROUND_MACROS
/* theta (Algorithm 1) steps 1-2: column parities C and D[x] = C[x-1] ^ ROT(C[x+1], 1). */
#define KX_THETA(A)                                                   \
    c0 = KV_XOR5(A##0, A##5, A##10, A##15, A##20);                    \
    c1 = KV_XOR5(A##1, A##6, A##11, A##16, A##21);                    \
    c2 = KV_XOR5(A##2, A##7, A##12, A##17, A##22);                    \
    c3 = KV_XOR5(A##3, A##8, A##13, A##18, A##23);                    \
    c4 = KV_XOR5(A##4, A##9, A##14, A##19, A##24);                    \
    d0 = KV_XOR(c4, KV_ROL(c1, 1));                                   \
    d1 = KV_XOR(c0, KV_ROL(c2, 1));                                   \
    d2 = KV_XOR(c1, KV_ROL(c3, 1));                                   \
    d3 = KV_XOR(c2, KV_ROL(c4, 1));                                   \
    d4 = KV_XOR(c3, KV_ROL(c0, 1))
/* One lane of B: theta step 3 (A ^ D) and rho (rotation n; lane (0, 0) has n = 0). */
#define KX_RHO(a, d, n) ((n) == 0 ? KV_XOR((a), (d)) : KV_ROL(KV_XOR((a), (d)), (n)))
/* Row y of the next state: B[x][y] for x = 0..4 is source lane s_x with its column's D
 * and offset n_x; chi into E e0..e4 (= 5y .. 5y+4). */
#define KX_ROW(A, E, e0, e1, e2, e3, e4, s0, d_0, n0, s1, d_1, n1, s2, d_2, n2, s3, d_3, n3, \
               s4, d_4, n4)                                                                  \
    b0 = KX_RHO(A##s0, d_0, n0);                                                             \
    b1 = KX_RHO(A##s1, d_1, n1);                                                             \
    b2 = KX_RHO(A##s2, d_2, n2);                                                             \
    b3 = KX_RHO(A##s3, d_3, n3);                                                             \
    b4 = KX_RHO(A##s4, d_4, n4);                                                             \
    E##e0 = KV_CHI(b0, b1, b2);                                                              \
    E##e1 = KV_CHI(b1, b2, b3);                                                              \
    E##e2 = KV_CHI(b2, b3, b4);                                                              \
    E##e3 = KV_CHI(b3, b4, b0);                                                              \
    E##e4 = KV_CHI(b4, b0, b1)
/* A full round from A into E, iota (Algorithm 6) with RC[i] = rc. The source lanes of
 * row y are A[(x + 3y) mod 5][x], i.e. word (x + 3y) mod 5 + 5x, and the offsets r of
 * FIPS 202 Table 2 for those lanes. */
#define KX_ROUND(A, E, rc)                                                                    \
    do {                                                                                      \
        KX_THETA(A);                                                                          \
        KX_ROW(A, E, 0, 1, 2, 3, 4, 0, d0, 0, 6, d1, 44, 12, d2, 43, 18, d3, 21, 24, d4, 14); \
        E##0 = KV_XOR(E##0, KV_BCAST(rc));                                                    \
        KX_ROW(A, E, 5, 6, 7, 8, 9, 3, d3, 28, 9, d4, 20, 10, d0, 3, 16, d1, 45, 22, d2, 61); \
        KX_ROW(A, E, 10, 11, 12, 13, 14, 1, d1, 1, 7, d2, 6, 13, d3, 25, 19, d4, 8, 20, d0,   \
               18);                                                                           \
        KX_ROW(A, E, 15, 16, 17, 18, 19, 4, d4, 27, 5, d0, 36, 11, d1, 10, 17, d2, 15, 23,    \
               d3, 56);                                                                       \
        KX_ROW(A, E, 20, 21, 22, 23, 24, 2, d2, 62, 8, d3, 55, 14, d4, 39, 15, d0, 41, 21,    \
               d1, 2);                                                                        \
    } while (0)
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
    KV e0, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12, e13, e14, e15, e16, e17, e18,
        e19, e20, e21, e22, e23, e24;
    KV b0, b1, b2, b3, b4, c0, c1, c2, c3, c4, d0, d1, d2, d3, d4;

    for (int round = 0; round < 24; round += 2) {
        KX_ROUND(a, e, pqs_keccak_rc[round]);
        KX_ROUND(e, a, pqs_keccak_rc[round + 1]);
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
