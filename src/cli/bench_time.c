/* Timing for pqsafe bench: wall-clock (CLOCK_MONOTONIC) and, on x86-64, the time-stamp
 * counter. Each run is timed on its own and the median reported: medians shrug off the
 * odd run disturbed by an interrupt or a page fault, which means would not. */
#include <stdlib.h>
#include <time.h>

#include "bench.h"
#include "pqsafe/common.h"

#if defined(__x86_64__)
#include <x86intrin.h>
#define HAVE_CYCLES 1
static uint64_t cycles(void)
{
    return __rdtsc();
}
#else
#define HAVE_CYCLES 0
static uint64_t cycles(void)
{
    return 0;
}
#endif

int bench_have_cycles(void)
{
    return HAVE_CYCLES;
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Median of n sorted-in-place samples; the mean of the middle two when n is even. */
static double median_double(double *v, int n)
{
    qsort(v, (size_t)n, sizeof v[0], cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static uint64_t median_u64(uint64_t *v, int n)
{
    qsort(v, (size_t)n, sizeof v[0], cmp_u64);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Warm caches, branch predictors and CPU frequency; returns the mean time of one run in
 * ns (the estimate behind the adaptive run count), or a negative fn error. */
static double warm_up(bench_fn fn, void *arg, int *err)
{
    int runs = 0;
    double start = now_ns(), elapsed;
    do {
        *err = fn(arg);
        runs++;
        elapsed = now_ns() - start;
    } while (*err == 0 && elapsed < BENCH_WARMUP_NS && runs < BENCH_WARMUP_MAX_RUNS);
    return elapsed / runs;
}

static int adaptive_runs(double ns_per_run)
{
    double n = BENCH_TARGET_NS / (ns_per_run > 1 ? ns_per_run : 1);
    if (n < BENCH_MIN_RUNS)
        return BENCH_MIN_RUNS;
    return n > BENCH_MAX_RUNS ? BENCH_MAX_RUNS : (int)n;
}

int bench_measure(bench_fn fn, void *arg, int iterations, bench_result *out)
{
    int err = 0;
    double estimate = warm_up(fn, arg, &err);
    if (err != 0)
        return err;
    int n = iterations > 0 ? iterations : adaptive_runs(estimate);
    double *ns = malloc((size_t)n * sizeof *ns);
    uint64_t *cyc = malloc((size_t)n * sizeof *cyc);
    if (ns == NULL || cyc == NULL) {
        free(ns);
        free(cyc);
        return PQS_E_NOMEM;
    }
    for (int i = 0; i < n && err == 0; i++) {
        uint64_t c0 = cycles();
        double t0 = now_ns();
        err = fn(arg);
        double t1 = now_ns();
        cyc[i] = cycles() - c0;
        ns[i] = t1 - t0;
    }
    if (err == 0) {
        out->median_us = median_double(ns, n) / 1e3;
        out->median_cycles = median_u64(cyc, n);
        out->runs = n;
    }
    free(ns);
    free(cyc);
    return err;
}
