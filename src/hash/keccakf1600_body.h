/* The body of Keccak-f[1600] (FIPS 202 section 3.3, Algorithm 7), included once per
 * build flavour: portable (keccakf1600.c) and with BMI1/BMI2 enabled (the and-not of chi
 * becomes one ANDN instruction; native/x86_64/keccakf1600_bmi.c). Define PQS_KECCAK_FN
 * and PQS_KECCAK_ATTR before including. The 25 lanes live in locals so the compiler keeps
 * them in registers; rho and pi are fused (B[y][2x+3y] = ROT(A[x][y] ^ D[x], r[x][y])).
 * Lane (x, y) is a{x + 5y}; the rotation offsets are those of FIPS 202 Table 2. */
#include <stdint.h>

#define ROL64(v, n) (((v) << (n)) | ((v) >> (64 - (n))))

#include "hash/keccak_rc.h"

PQS_KECCAK_ATTR void PQS_KECCAK_FN(uint64_t s[25])
{
    uint64_t a0 = s[0], a1 = s[1], a2 = s[2], a3 = s[3], a4 = s[4], a5 = s[5], a6 = s[6], a7 = s[7], a8 = s[8], a9 = s[9], a10 = s[10], a11 = s[11], a12 = s[12], a13 = s[13], a14 = s[14], a15 = s[15], a16 = s[16], a17 = s[17], a18 = s[18], a19 = s[19], a20 = s[20], a21 = s[21], a22 = s[22], a23 = s[23], a24 = s[24];
    uint64_t b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18, b19, b20, b21, b22, b23, b24;
    uint64_t c0, c1, c2, c3, c4, d0, d1, d2, d3, d4;

    for (int round = 0; round < 24; round++) {
        c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20;
        c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21;
        c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22;
        c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23;
        c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24;
        d0 = c4 ^ ROL64(c1, 1);
        d1 = c0 ^ ROL64(c2, 1);
        d2 = c1 ^ ROL64(c3, 1);
        d3 = c2 ^ ROL64(c4, 1);
        d4 = c3 ^ ROL64(c0, 1);
        b0 = (a0 ^ d0);
        b16 = ROL64((a5 ^ d0), 36);
        b7 = ROL64((a10 ^ d0), 3);
        b23 = ROL64((a15 ^ d0), 41);
        b14 = ROL64((a20 ^ d0), 18);
        b10 = ROL64((a1 ^ d1), 1);
        b1 = ROL64((a6 ^ d1), 44);
        b17 = ROL64((a11 ^ d1), 10);
        b8 = ROL64((a16 ^ d1), 45);
        b24 = ROL64((a21 ^ d1), 2);
        b20 = ROL64((a2 ^ d2), 62);
        b11 = ROL64((a7 ^ d2), 6);
        b2 = ROL64((a12 ^ d2), 43);
        b18 = ROL64((a17 ^ d2), 15);
        b9 = ROL64((a22 ^ d2), 61);
        b5 = ROL64((a3 ^ d3), 28);
        b21 = ROL64((a8 ^ d3), 55);
        b12 = ROL64((a13 ^ d3), 25);
        b3 = ROL64((a18 ^ d3), 21);
        b19 = ROL64((a23 ^ d3), 56);
        b15 = ROL64((a4 ^ d4), 27);
        b6 = ROL64((a9 ^ d4), 20);
        b22 = ROL64((a14 ^ d4), 39);
        b13 = ROL64((a19 ^ d4), 8);
        b4 = ROL64((a24 ^ d4), 14);
        a0 = b0 ^ (~b1 & b2);
        a1 = b1 ^ (~b2 & b3);
        a2 = b2 ^ (~b3 & b4);
        a3 = b3 ^ (~b4 & b0);
        a4 = b4 ^ (~b0 & b1);
        a5 = b5 ^ (~b6 & b7);
        a6 = b6 ^ (~b7 & b8);
        a7 = b7 ^ (~b8 & b9);
        a8 = b8 ^ (~b9 & b5);
        a9 = b9 ^ (~b5 & b6);
        a10 = b10 ^ (~b11 & b12);
        a11 = b11 ^ (~b12 & b13);
        a12 = b12 ^ (~b13 & b14);
        a13 = b13 ^ (~b14 & b10);
        a14 = b14 ^ (~b10 & b11);
        a15 = b15 ^ (~b16 & b17);
        a16 = b16 ^ (~b17 & b18);
        a17 = b17 ^ (~b18 & b19);
        a18 = b18 ^ (~b19 & b15);
        a19 = b19 ^ (~b15 & b16);
        a20 = b20 ^ (~b21 & b22);
        a21 = b21 ^ (~b22 & b23);
        a22 = b22 ^ (~b23 & b24);
        a23 = b23 ^ (~b24 & b20);
        a24 = b24 ^ (~b20 & b21);
        a0 ^= pqs_keccak_rc[round];
    }
    s[0] = a0;
    s[1] = a1;
    s[2] = a2;
    s[3] = a3;
    s[4] = a4;
    s[5] = a5;
    s[6] = a6;
    s[7] = a7;
    s[8] = a8;
    s[9] = a9;
    s[10] = a10;
    s[11] = a11;
    s[12] = a12;
    s[13] = a13;
    s[14] = a14;
    s[15] = a15;
    s[16] = a16;
    s[17] = a17;
    s[18] = a18;
    s[19] = a19;
    s[20] = a20;
    s[21] = a21;
    s[22] = a22;
    s[23] = a23;
    s[24] = a24;
}

#undef ROL64
