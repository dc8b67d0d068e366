/* pqsafe bench: timing (bench_time.c) and the OpenSSL 3.5 peer in Node 24 (bench_peer.c).
 * Both sides use the same method: warm up for BENCH_WARMUP_NS, then time N single runs
 * and report the median; N adapts to ~BENCH_TARGET_NS of work unless given. The peer
 * script bench/peer_openssl.js repeats these constants. */
#ifndef PQS_CLI_BENCH_H
#define PQS_CLI_BENCH_H

#include <stddef.h>
#include <stdint.h>

#define BENCH_WARMUP_NS 50000000.0     /* 50 ms of warm-up runs... */
#define BENCH_WARMUP_MAX_RUNS 1000     /* ...but no more than this many */
#define BENCH_TARGET_NS 300000000.0    /* adaptive N: about 0.3 s per operation */
#define BENCH_MIN_RUNS 5
#define BENCH_MAX_RUNS 100000

/* One operation under test: returns 0 on success (a failure stops the benchmark). */
typedef int (*bench_fn)(void *arg);

typedef struct {
    double median_us;
    uint64_t median_cycles;   /* 0 where no cycle counter is available */
    int runs;
} bench_result;

/* 1 when cycles are counted (rdtsc on x86-64). */
int bench_have_cycles(void);
/* Warm up, then time `iterations` runs (0: adaptive). Returns fn's first error, else 0. */
int bench_measure(bench_fn fn, void *arg, int iterations, bench_result *out);

/* The peer's median for one (algorithm, operation). */
typedef struct {
    char alg[48];
    char op[16];
    double median_us;
    int runs;
} bench_peer_row;

typedef struct {
    char node_version[32];
    char openssl_version[32];
    bench_peer_row *rows;
    size_t nrows;
    char why[160];            /* why the peer is unavailable, when it is */
} bench_peer;

/* What the peer should measure: KEMs and signature algorithms, by pqsafe name. */
typedef struct {
    const char *name;
    int is_kem;
} bench_peer_alg;

/* Find Node, run bench/peer_openssl.js on algs and parse its JSON. 0 on success; otherwise
 * peer->why says why (e.g. "unavailable (run scripts/setup.sh)"). */
int bench_peer_run(bench_peer *peer, const bench_peer_alg *algs, size_t nalgs, int iterations);
/* The peer's row for (alg, op), or NULL. */
const bench_peer_row *bench_peer_find(const bench_peer *peer, const char *alg, const char *op);
void bench_peer_free(bench_peer *peer);

/* Run this binary again as `bench <same arguments> --rows --no-peer` with
 * PQSAFE_FORCE_PORTABLE=1 and collect its rows (median_us per algorithm and operation)
 * in out, reusing the peer's row type. 0 on success. */
int bench_portable_run(bench_peer *out, int argc, char **argv);

#endif
