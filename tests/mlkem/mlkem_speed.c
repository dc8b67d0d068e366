/* Development timing of KEM KeyGen/Encaps/Decaps in microseconds: the fastest and the
 * median of many short batches (the fastest batch is the least disturbed on a shared
 * machine). Not a test and not the benchmark (bench/ is); run by hand:
 * ./mlkem_speed [iterations per batch]. */
#include <stdlib.h>
#include <time.h>

#include "pqs_test.h"

#define MAX_BUF 4096
#define BATCHES 101

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int iters = argc > 1 ? atoi(argv[1]) : 20;
    static uint8_t ek[MAX_BUF], dk[MAX_BUF], ct[MAX_BUF], ss[32], seed[64];
    int rc = 0;
    pqs_test_rand(seed, sizeof seed);
    for (const pqs_kem *k; (k = pqs_kem_at((size_t)rc)) != NULL; rc++) {
        double t[3][BATCHES];
        for (int b = 0; b < BATCHES; b++) {
            double t0 = now_us();
            for (int i = 0; i < iters; i++)
                (void)!pqs_kem_keypair(k, ek, dk, seed);
            double t1 = now_us();
            for (int i = 0; i < iters; i++)
                (void)!pqs_kem_encaps(k, ct, ss, ek, seed);
            double t2 = now_us();
            for (int i = 0; i < iters; i++)
                (void)!pqs_kem_decaps(k, ss, ct, dk);
            double t3 = now_us();
            t[0][b] = (t1 - t0) / iters;
            t[1][b] = (t2 - t1) / iters;
            t[2][b] = (t3 - t2) / iters;
        }
        for (int o = 0; o < 3; o++)
            qsort(t[o], BATCHES, sizeof(double), cmp_double);
        printf("%-12s keygen %7.2f us  encaps %7.2f us  decaps %7.2f us  (median %.2f / %.2f / "
               "%.2f)\n", k->name, t[0][0], t[1][0], t[2][0], t[0][BATCHES / 2],
               t[1][BATCHES / 2], t[2][BATCHES / 2]);
    }
    return 0;
}
