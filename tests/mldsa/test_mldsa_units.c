/* ML-DSA internals against direct transcriptions of FIPS 204: Decompose and
 * Power2Round exhaustively over Z_q, the hint identity, NTT multiplication against
 * schoolbook multiplication in Z_q[X]/(X^256 + 1), the sparse challenge products
 * likewise, the reductions, bit packing, and the samplers' output ranges. */
#include <stdlib.h>
#include <string.h>

#include "mldsa/challenge.h"
#include "mldsa/ntt.h"
#include "mldsa/pack.h"
#include "mldsa/poly.h"
#include "mldsa/reduce.h"
#include "mldsa/rounding.h"
#include "mldsa/sample.h"
#include "mldsa_test_util.h"

#define Q PQS_MLDSA_Q

static int32_t mod_q(int64_t a)
{
    int64_t r = a % Q;
    return (int32_t)(r < 0 ? r + Q : r);
}

/* a mod+- m: the representative in (-m/2, m/2] (FIPS 204 section 2.3). */
static int32_t mod_pm(int32_t a, int32_t m)
{
    int32_t r = a % m;
    if (r < 0)
        r += m;
    return r > m / 2 ? r - m : r;
}

static uint32_t rnd32(void)
{
    uint8_t b[4];
    pqs_test_rand(b, 4);
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* Algorithm 36 written out with division, for every r in [0, q). */
static void test_decompose(const pqs_mldsa_params *p)
{
    int bad = 0;
    for (int32_t r = 0; r < Q; r++) {
        int32_t r0 = mod_pm(r, 2 * p->gamma2), r1, got0;
        if (r - r0 == Q - 1) {
            r1 = 0;
            r0 -= 1;
        } else {
            r1 = (r - r0) / (2 * p->gamma2);
        }
        int32_t got1 = pqs_mldsa_decompose(p, &got0, r);
        if (got1 != r1 || got0 != r0) {
            if (bad++ < 5)
                fprintf(stderr, "decompose(%d): (%d, %d), expected (%d, %d)\n", r, got1, got0,
                        r1, r0);
        }
    }
    CHECK(bad == 0, "%s: Decompose differs on %d of q inputs", p->name, bad);
}

static void test_power2round(void)
{
    static pqs_mldsa_poly t, t1, t0;
    int bad = 0;
    for (int32_t base = 0; base < Q; base += PQS_MLDSA_N) {
        for (int i = 0; i < PQS_MLDSA_N; i++)
            t.c[i] = base + i < Q ? base + i : 0;
        pqs_mldsa_power2round(&t1, &t0, &t);
        for (int i = 0; i < PQS_MLDSA_N; i++) {
            int32_t r0 = mod_pm(t.c[i], 1 << PQS_MLDSA_D);
            bad += t0.c[i] != r0 || t1.c[i] != (t.c[i] - r0) >> PQS_MLDSA_D;
        }
    }
    CHECK(bad == 0, "Power2Round differs on %d inputs", bad);
}

/* FIPS 204 section 7.4: UseHint(MakeHint(z, r), r) = HighBits(r + z) for small z. */
static void test_hints(const pqs_mldsa_params *p)
{
    static pqs_mldsa_poly r, z, h, r1, want, sum;
    int bad = 0;
    for (int trial = 0; trial < 2000; trial++) {
        for (int i = 0; i < PQS_MLDSA_N; i++) {
            r.c[i] = (int32_t)(rnd32() % Q);
            z.c[i] = (int32_t)(rnd32() % (2 * (uint32_t)p->gamma2 + 1)) - p->gamma2;
            sum.c[i] = mod_q((int64_t)r.c[i] + z.c[i]);
        }
        if (trial == 0)   /* the wrap-around edge of Decompose */
            r.c[0] = Q - 1, z.c[0] = 1, sum.c[0] = 0;
        pqs_mldsa_make_hint(p, &h, &z, &r);
        pqs_mldsa_use_hint(p, &r1, &h, &r);
        pqs_mldsa_highbits(p, &want, &sum);
        bad += memcmp(&r1, &want, sizeof r1) != 0;
    }
    CHECK(bad == 0, "%s: UseHint(MakeHint(z, r), r) != HighBits(r + z) in %d trials", p->name,
          bad);
}

static void schoolbook(pqs_mldsa_poly *r, const pqs_mldsa_poly *a, const pqs_mldsa_poly *b)
{
    int64_t acc[PQS_MLDSA_N] = {0};
    for (int i = 0; i < PQS_MLDSA_N; i++) {
        for (int j = 0; j < PQS_MLDSA_N; j++) {
            int64_t v = (int64_t)a->c[i] * b->c[j] % Q;
            if (i + j < PQS_MLDSA_N)
                acc[i + j] += v;
            else
                acc[i + j - PQS_MLDSA_N] -= v;   /* X^256 = -1 */
        }
    }
    for (int i = 0; i < PQS_MLDSA_N; i++)
        r->c[i] = mod_q(acc[i]);
}

static void test_ntt(void)
{
    static pqs_mldsa_poly a, b, ah, bh, prod, want;
    int bad = 0, bad_inverse = 0;
    for (int trial = 0; trial < 20; trial++) {
        for (int i = 0; i < PQS_MLDSA_N; i++) {
            a.c[i] = (int32_t)(rnd32() % (2 * Q - 1)) - (Q - 1);    /* |a| < q */
            b.c[i] = (int32_t)(rnd32() % (2 * Q - 1)) - (Q - 1);
        }
        ah = a, bh = b;
        pqs_mldsa_ntt(&ah);
        pqs_mldsa_ntt(&bh);
        pqs_mldsa_poly_pointwise(&prod, &ah, &bh);
        pqs_mldsa_invntt_tomont(&prod);
        schoolbook(&want, &a, &b);
        for (int i = 0; i < PQS_MLDSA_N; i++)
            bad += mod_q(prod.c[i]) != want.c[i] || prod.c[i] <= -Q || prod.c[i] >= Q;
        /* NTT^-1 o NTT multiplies by the Montgomery factor 2^32 = 4193792 mod q. */
        pqs_mldsa_invntt_tomont(&ah);
        for (int i = 0; i < PQS_MLDSA_N; i++)
            bad_inverse += mod_q(ah.c[i]) != mod_q((int64_t)mod_q(a.c[i]) * 4193792 % Q);
    }
    CHECK(bad == 0, "NTT product differs from schoolbook on %d coefficients", bad);
    CHECK(bad_inverse == 0, "invntt(ntt(a)) != a * 2^32 on %d coefficients", bad_inverse);
}

/* c * s1 and c * t0 by shifted additions (challenge.c) against the schoolbook. */
static void test_challenge_mul(const pqs_mldsa_params *p)
{
    static pqs_mldsa_poly c, s, t, got, want;
    static pqs_mldsa_spoly ss;
    pqs_mldsa_challenge ch;
    uint8_t ctilde[PQS_MLDSA_CTILDE_MAX];
    int bad = 0;
    for (int trial = 0; trial < 20; trial++) {
        pqs_test_rand(ctilde, sizeof ctilde);
        pqs_mldsa_sample_in_ball(p, &c, ctilde);
        pqs_mldsa_challenge_from_poly(&ch, &c);
        bad += ch.n != p->tau;
        /* The list SampleInBall builds as it goes (Sign uses it): the same terms. */
        pqs_mldsa_challenge built;
        pqs_mldsa_ball_job bj;
        pqs_mldsa_poly c2;
        pqs_xof_job job = pqs_mldsa_sample_in_ball_job(p, &bj, &c2, &built, ctilde);
        pqs_xof_run(&job, 1);
        bad += built.n != ch.n || memcmp(&c, &c2, sizeof c) != 0;
        uint8_t seen[PQS_MLDSA_N] = {0};
        for (unsigned k = 0; k < built.n && k < PQS_MLDSA_TAU_MAX; k++) {
            bad += c.c[built.pos[k]] != (built.neg[k] ? -1 : 1) || seen[built.pos[k]]++;
        }
        for (int i = 0; i < PQS_MLDSA_N; i++) {
            s.c[i] = (int32_t)(rnd32() % (2 * p->eta + 1)) - (int32_t)p->eta;
            t.c[i] = (int32_t)(rnd32() % (1u << 13)) - (1 << 12) + 1;   /* t0 range */
        }
        if (trial == 0) {   /* extremes: every coefficient at the bound */
            for (int i = 0; i < PQS_MLDSA_N; i++)
                s.c[i] = -(int32_t)p->eta, t.c[i] = 1 << 12;
        }
        pqs_mldsa_spoly_from_poly(&ss, &s);
        pqs_mldsa_challenge_mul_small(&got, &ch, &ss);
        schoolbook(&want, &c, &s);
        for (int i = 0; i < PQS_MLDSA_N; i++)
            bad += mod_q(got.c[i]) != want.c[i] || got.c[i] < -(int32_t)p->beta ||
                   got.c[i] > (int32_t)p->beta;
        int32_t bound = (int32_t)p->tau * (1 << 12);
        pqs_mldsa_challenge_mul(&got, &ch, &t);
        schoolbook(&want, &c, &t);
        for (int i = 0; i < PQS_MLDSA_N; i++)
            bad += mod_q(got.c[i]) != want.c[i] || got.c[i] < -bound || got.c[i] > bound;
    }
    CHECK(bad == 0, "%s: challenge products differ from schoolbook (%d)", p->name, bad);
}

static void test_reductions(void)
{
    int bad = 0;
    for (int i = 0; i < 1000000; i++) {
        int64_t a = (int64_t)((int32_t)rnd32()) * (int32_t)(rnd32() % (2u * Q)) / 2;
        if (a >= (int64_t)Q << 31 || a <= -((int64_t)Q << 31))
            continue;
        int32_t m = pqs_mldsa_montgomery_reduce(a);
        bad += m <= -Q || m >= Q || mod_q((int64_t)m * ((int64_t)1 << 32)) != mod_q(a);
        int32_t x = (int32_t)(rnd32() >> 1) - (1 << 30);
        int32_t r = pqs_mldsa_reduce32(x);
        bad += r < -6283008 || r > 6283008 || mod_q(r) != mod_q(x);
        int32_t fz = pqs_mldsa_freeze(x);
        bad += fz != mod_q(x);
    }
    CHECK(bad == 0, "Montgomery/reduce32/freeze wrong on %d inputs", bad);
}

static void test_packing(void)
{
    static const unsigned widths[] = {3, 4, 6, 10, 13, 18, 20};
    static pqs_mldsa_poly a, b;
    uint8_t buf[32 * 20];
    int bad = 0;
    for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
        unsigned bits = widths[w];
        int32_t top = (int32_t)(1u << (bits - 1));
        for (int i = 0; i < PQS_MLDSA_N; i++)
            a.c[i] = (int32_t)(rnd32() & ((1u << bits) - 1));
        pqs_mldsa_simplebitpack(buf, &a, bits);
        pqs_mldsa_simplebitunpack(&b, buf, bits);
        bad += memcmp(&a, &b, sizeof a) != 0;
        for (int i = 0; i < PQS_MLDSA_N; i++)   /* BitPack range [top - 2^bits + 1, top] */
            a.c[i] = top - (int32_t)(rnd32() & ((1u << bits) - 1));
        pqs_mldsa_bitpack(buf, &a, bits, top);
        pqs_mldsa_bitunpack(&b, buf, bits, top);
        bad += memcmp(&a, &b, sizeof a) != 0;
    }
    /* Bit order: SimpleBitPack of (1, 0, ...) with 10 bits starts 01 00. */
    memset(&a, 0, sizeof a);
    a.c[0] = 1, a.c[1] = 0x3FF;
    pqs_mldsa_simplebitpack(buf, &a, 10);
    bad += buf[0] != 0x01 || buf[1] != 0xFC || buf[2] != 0x0F;
    CHECK(bad == 0, "bit packing round trip or order wrong (%d)", bad);
}

static void test_samplers(const pqs_mldsa_params *p)
{
    static pqs_mldsa_poly s1[PQS_MLDSA_LMAX], s2[PQS_MLDSA_KMAX], y[PQS_MLDSA_LMAX], c;
    uint8_t seed[64], ctilde[PQS_MLDSA_CTILDE_MAX];
    int bad = 0;
    pqs_test_rand(seed, sizeof seed);
    pqs_test_rand(ctilde, sizeof ctilde);
    pqs_mldsa_expand_s(p, s1, s2, seed);
    for (unsigned i = 0; i < p->l + p->k; i++) {
        const pqs_mldsa_poly *s = i < p->l ? &s1[i] : &s2[i - p->l];
        for (int n = 0; n < PQS_MLDSA_N; n++)
            bad += s->c[n] < -(int32_t)p->eta || s->c[n] > (int32_t)p->eta;
    }
    pqs_mldsa_expand_mask(p, y, seed, 0);
    for (unsigned i = 0; i < p->l; i++) {
        for (int n = 0; n < PQS_MLDSA_N; n++)
            bad += y[i].c[n] <= -p->gamma1 || y[i].c[n] > p->gamma1;
    }
    pqs_mldsa_sample_in_ball(p, &c, ctilde);
    unsigned weight = 0;
    for (int n = 0; n < PQS_MLDSA_N; n++) {
        bad += c.c[n] < -1 || c.c[n] > 1;
        weight += c.c[n] != 0;
    }
    CHECK(bad == 0 && weight == p->tau, "%s: sampler ranges (bad %d, weight %u)", p->name, bad,
          weight);
}

int main(void)
{
    static const pqs_mldsa_params *const sets[] = {&pqs_mldsa44, &pqs_mldsa65, &pqs_mldsa87};
    test_decompose(&pqs_mldsa44);   /* gamma2 = (q-1)/88 */
    test_decompose(&pqs_mldsa65);   /* gamma2 = (q-1)/32 */
    test_power2round();
    test_ntt();
    test_reductions();
    test_packing();
    for (size_t s = 0; s < 3; s++) {
        test_hints(sets[s]);
        test_samplers(sets[s]);
        test_challenge_mul(sets[s]);
    }
    return pqs_test_done("test_mldsa_units");
}
