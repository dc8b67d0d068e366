/* The SHA-256 / SHA-512 compression function (FIPS 180-4 sections 6.2.2 and 6.4.2) on SN
 * independent states at once, one per vector lane. Included once per backend with:
 *   SX_FN, SX_ATTR     function name and target attribute
 *   SX_WORD            uint32_t (SHA-256) or uint64_t (SHA-512)
 *   SX_ROUNDS          64 or 80
 *   SN                 lanes per vector (the stride of the lane-sliced arrays)
 *   SV                 the vector type
 *   SV_LOAD(p), SV_STORE(p, v), SV_BCAST(x), SV_ADD(a, b)
 *   SV_BSIG0(x), SV_BSIG1(x)   the round functions Sigma0, Sigma1 (section 4.1.2 / 4.1.3)
 *   SV_SSIG0(x), SV_SSIG1(x)   the schedule functions sigma0, sigma1
 *   SV_CH(e, f, g), SV_MAJ(a, b, c)
 * The schedule is a 16-word ring (W[t mod 16]) refreshed 16 words at a time; the rounds
 * are written out 16 at a time so the ring and the working variables stay in registers. */
#include <stddef.h>
#include <stdint.h>

/* One round t = t0 + i (section 6.2.2 step 3): the eight working variables are renamed
 * instead of moved, so only d and h are written. The sums are ordered for short
 * dependency chains (all lanes share one chain, so latency matters as much as the
 * instruction count): h + K_t + W_t does not depend on this round's e or a, so the new
 * e = (d + (h + K_t + W_t + Ch(e, f, g))) + Sigma1(e) and the new
 * a = (T1 + Maj(a, b, c)) + Sigma0(a) each add only a few steps to the chain. */
#define SX_ROUND(a, b, c, d, e, f, g, h, i)                                                   \
    do {                                                                                  \
        SV ch_ = SV_ADD(SV_ADD(h, SV_ADD(W[i], SV_BCAST(k[t0 + (i)]))), SV_CH(e, f, g));   \
        SV s1_ = SV_BSIG1(e);                                                             \
        d = SV_ADD(SV_ADD(d, ch_), s1_);                                                  \
        h = SV_ADD(SV_ADD(SV_ADD(ch_, s1_), SV_MAJ(a, b, c)), SV_BSIG0(a));               \
    } while (0)

/* W[t] = sigma1(W[t-2]) + W[t-7] + sigma0(W[t-15]) + W[t-16] (step 1), in the ring. */
#define SX_SCHED(i)                                                                       \
    W[i] = SV_ADD(SV_ADD(SV_SSIG1(W[((i) + 14) & 15]), W[((i) + 9) & 15]),                \
                  SV_ADD(SV_SSIG0(W[((i) + 1) & 15]), W[i]))

SX_ATTR void SX_FN(SX_WORD st[8 * SN], const SX_WORD *w, size_t nblocks,
                   const SX_WORD k[SX_ROUNDS])
{
    SV a = SV_LOAD(st + 0 * SN), b = SV_LOAD(st + 1 * SN), c = SV_LOAD(st + 2 * SN);
    SV d = SV_LOAD(st + 3 * SN), e = SV_LOAD(st + 4 * SN), f = SV_LOAD(st + 5 * SN);
    SV g = SV_LOAD(st + 6 * SN), h = SV_LOAD(st + 7 * SN);
    SV W[16];

    for (; nblocks > 0; nblocks--, w += 16 * SN) {
        SV a0 = a, b0 = b, c0 = c, d0 = d, e0 = e, f0 = f, g0 = g, h0 = h;
        for (int i = 0; i < 16; i++)
            W[i] = SV_LOAD(w + i * SN);
        for (int t0 = 0; t0 < SX_ROUNDS; t0 += 16) {
            if (t0 > 0) {
                SX_SCHED(0); SX_SCHED(1); SX_SCHED(2); SX_SCHED(3);
                SX_SCHED(4); SX_SCHED(5); SX_SCHED(6); SX_SCHED(7);
                SX_SCHED(8); SX_SCHED(9); SX_SCHED(10); SX_SCHED(11);
                SX_SCHED(12); SX_SCHED(13); SX_SCHED(14); SX_SCHED(15);
            }
            SX_ROUND(a, b, c, d, e, f, g, h, 0);
            SX_ROUND(h, a, b, c, d, e, f, g, 1);
            SX_ROUND(g, h, a, b, c, d, e, f, 2);
            SX_ROUND(f, g, h, a, b, c, d, e, 3);
            SX_ROUND(e, f, g, h, a, b, c, d, 4);
            SX_ROUND(d, e, f, g, h, a, b, c, 5);
            SX_ROUND(c, d, e, f, g, h, a, b, 6);
            SX_ROUND(b, c, d, e, f, g, h, a, 7);
            SX_ROUND(a, b, c, d, e, f, g, h, 8);
            SX_ROUND(h, a, b, c, d, e, f, g, 9);
            SX_ROUND(g, h, a, b, c, d, e, f, 10);
            SX_ROUND(f, g, h, a, b, c, d, e, 11);
            SX_ROUND(e, f, g, h, a, b, c, d, 12);
            SX_ROUND(d, e, f, g, h, a, b, c, 13);
            SX_ROUND(c, d, e, f, g, h, a, b, 14);
            SX_ROUND(b, c, d, e, f, g, h, a, 15);
        }
        /* Step 4: add the working variables to the previous state. */
        a = SV_ADD(a, a0); b = SV_ADD(b, b0); c = SV_ADD(c, c0); d = SV_ADD(d, d0);
        e = SV_ADD(e, e0); f = SV_ADD(f, f0); g = SV_ADD(g, g0); h = SV_ADD(h, h0);
    }
    SV_STORE(st + 0 * SN, a); SV_STORE(st + 1 * SN, b);
    SV_STORE(st + 2 * SN, c); SV_STORE(st + 3 * SN, d);
    SV_STORE(st + 4 * SN, e); SV_STORE(st + 5 * SN, f);
    SV_STORE(st + 6 * SN, g); SV_STORE(st + 7 * SN, h);
}

#undef SX_ROUND
#undef SX_SCHED
