/* pqsafe bench: median time of every KEM and signature operation, beside OpenSSL 3.5
 * (in Node 24) measured in the same run with the same method. See bench/README.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bench.h"
#include "cli.h"
#include "pqsafe/pqsafe.h"

#define SIGN_MESSAGE_BYTES 1024
#define MAX_ITERATIONS 10000000

typedef struct {
    int kems, sigs, peer, portable, rows_only, iterations;
    const char *alg;
} bench_opts;

typedef struct {
    const char *alg, *op;
    bench_result r;
} bench_row;

/* The rows measured so far, and the algorithms they cover (for the peer). */
typedef struct {
    bench_row rows[3 * 64];
    size_t nrows;
    bench_peer_alg algs[64];
    size_t nalgs;
} bench_run;

typedef struct {
    const char *name;
    bench_fn fn;
} bench_op;

static void usage(FILE *f)
{
    fputs("usage: pqsafe bench [kem|sig|all] [--alg NAME] [--iterations N] [--no-peer]\n"
          "                    [--no-portable]\n"
          "\n"
          "Median time of KeyGen/Encaps/Decaps for every KEM and KeyGen/Sign/Verify\n"
          "(1 KiB message) for every signature algorithm, in microseconds and cycles,\n"
          "beside OpenSSL 3.5 (Node 24) measured in the same run.\n"
          "\n"
          "  kem|sig|all       which algorithms (default all)\n"
          "  --alg NAME        only this algorithm (see 'pqsafe list')\n"
          "  --iterations N    timed runs per operation (default: ~0.3 s worth, at least 5)\n"
          "  --no-peer         do not run the OpenSSL peer\n"
          "  --no-portable     do not also measure the portable code (PQSAFE_FORCE_PORTABLE=1)\n"
          "  --rows            print only tab-separated rows: algorithm, operation, median us\n"
          "\n"
          "The peer runs under $PQSAFE_NODE, else the Node that scripts/setup.sh installs\n"
          "into .deps, else a `node` on PATH with OpenSSL 3.5 or later.\n", f);
}

static int parse_iterations(const char *text, int *out)
{
    char *end;
    long v = strtol(text != NULL ? text : "", &end, 10);
    if (text == NULL || *text == '\0' || *end != '\0' || v < 1 || v > MAX_ITERATIONS)
        return -1;
    *out = (int)v;
    return 0;
}

/* The value of "--opt VALUE" or "--opt=VALUE"; NULL when arg is another option. */
static const char *option_value(int argc, char **argv, int *i, const char *opt)
{
    size_t n = strlen(opt);
    if (strncmp(argv[*i], opt, n) != 0)
        return NULL;
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (argv[*i][n] != '\0')
        return NULL;
    return *i + 1 < argc ? argv[++*i] : "";
}

static int parse_args(int argc, char **argv, bench_opts *o)
{
    const char *v;
    *o = (bench_opts){.kems = 1, .sigs = 1, .peer = 1, .portable = 1};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "kem") == 0 || strcmp(a, "sig") == 0 || strcmp(a, "all") == 0) {
            o->kems = a[0] != 's';
            o->sigs = a[0] != 'k';
        } else if (strcmp(a, "--no-peer") == 0) {
            o->peer = 0;
        } else if (strcmp(a, "--no-portable") == 0) {
            o->portable = 0;
        } else if (strcmp(a, "--rows") == 0) {
            o->rows_only = 1;
            o->peer = 0;
            o->portable = 0;
        } else if ((v = option_value(argc, argv, &i, "--alg")) != NULL) {
            if (*v == '\0') {
                pqs_cli_error("--alg needs an algorithm name");
                return PQS_EXIT_USAGE;
            }
            o->alg = v;
        } else if ((v = option_value(argc, argv, &i, "--iterations")) != NULL) {
            if (parse_iterations(v, &o->iterations) != 0) {
                pqs_cli_error("--iterations needs a number from 1 to %d", MAX_ITERATIONS);
                return PQS_EXIT_USAGE;
            }
        } else {
            pqs_cli_error("unknown option '%s' (see 'pqsafe bench --help')", a);
            return PQS_EXIT_USAGE;
        }
    }
    return PQS_EXIT_OK;
}

/* --alg must name an algorithm of the chosen kind. */
static int check_alg(const bench_opts *o)
{
    if (o->alg == NULL)
        return PQS_EXIT_OK;
    int is_kem = pqs_kem_find(o->alg) != NULL, is_sig = pqs_sig_find(o->alg) != NULL;
    if (!is_kem && !is_sig) {
        pqs_cli_error("unknown algorithm '%s' (see 'pqsafe list')", o->alg);
        return PQS_EXIT_USAGE;
    }
    if ((is_kem && !o->kems) || (is_sig && !o->sigs)) {
        pqs_cli_error("'%s' is not a %s", o->alg, is_kem ? "signature algorithm" : "KEM");
        return PQS_EXIT_USAGE;
    }
    return PQS_EXIT_OK;
}

/* Time each op on state; a failing operation is a bug worth a non-zero exit. */
static int measure_ops(bench_run *run, const char *alg, const bench_op *ops, size_t nops,
                       void *state, int iterations)
{
    for (size_t i = 0; i < nops && run->nrows < sizeof run->rows / sizeof run->rows[0]; i++) {
        bench_row *row = &run->rows[run->nrows];
        int rc = bench_measure(ops[i].fn, state, iterations, &row->r);
        if (rc != 0) {
            pqs_cli_error("%s %s failed: %s", alg, ops[i].name, pqs_strerror(rc));
            return PQS_EXIT_INVALID;
        }
        row->alg = alg;
        row->op = ops[i].name;
        run->nrows++;
    }
    return PQS_EXIT_OK;
}

/* ---- KEM operations: KeyGen refreshes (ek, dk); Encaps then Decaps use the last pair ---- */
typedef struct {
    const pqs_kem *kem;
    uint8_t *ek, *dk, *ct, ss[PQS_KEM_SS_BYTES], ss2[PQS_KEM_SS_BYTES];
} kem_state;

static int kem_keygen(void *a)
{
    kem_state *s = a;
    return pqs_kem_keypair(s->kem, s->ek, s->dk, NULL);
}

static int kem_encaps(void *a)
{
    kem_state *s = a;
    return pqs_kem_encaps(s->kem, s->ct, s->ss, s->ek, NULL);
}

static int kem_decaps(void *a)
{
    kem_state *s = a;
    return pqs_kem_decaps(s->kem, s->ss2, s->ct, s->dk);
}

static int bench_kem(bench_run *run, const pqs_kem *kem, int iterations)
{
    static const bench_op ops[] = {
        {"KeyGen", kem_keygen}, {"Encaps", kem_encaps}, {"Decaps", kem_decaps}};
    kem_state s = {.kem = kem};
    s.ek = malloc(kem->ek_bytes);
    s.dk = malloc(kem->dk_bytes);
    s.ct = malloc(kem->ct_bytes);
    int rc = PQS_EXIT_INVALID;
    if (s.ek != NULL && s.dk != NULL && s.ct != NULL)
        rc = measure_ops(run, kem->name, ops, 3, &s, iterations);
    if (rc == PQS_EXIT_OK && memcmp(s.ss, s.ss2, sizeof s.ss) != 0) {
        pqs_cli_error("%s: Decaps disagrees with Encaps", kem->name);
        rc = PQS_EXIT_INVALID;
    }
    free(s.ek);
    free(s.dk);
    free(s.ct);
    return rc;
}

/* ---- signature operations: 1 KiB message, empty context, hedged signing ---- */
typedef struct {
    const pqs_sig *alg;
    uint8_t *pk, *sk, *sig, msg[SIGN_MESSAGE_BYTES];
    size_t sig_len;
} sig_state;

static int sig_keygen(void *a)
{
    sig_state *s = a;
    return pqs_sig_keypair(s->alg, s->pk, s->sk, NULL);
}

static int sig_sign(void *a)
{
    sig_state *s = a;
    return pqs_sig_sign(s->alg, s->sig, &s->sig_len, s->msg, sizeof s->msg, NULL, 0, s->sk, NULL);
}

static int sig_verify(void *a)
{
    sig_state *s = a;
    return pqs_sig_verify(s->alg, s->sig, s->sig_len, s->msg, sizeof s->msg, NULL, 0, s->pk);
}

static int bench_sig(bench_run *run, const pqs_sig *alg, int iterations)
{
    static const bench_op ops[] = {
        {"KeyGen", sig_keygen}, {"Sign", sig_sign}, {"Verify", sig_verify}};
    sig_state s = {.alg = alg};
    s.pk = malloc(alg->pk_bytes);
    s.sk = malloc(alg->sk_bytes);
    s.sig = malloc(alg->sig_bytes);
    int rc = PQS_EXIT_INVALID;
    if (s.pk != NULL && s.sk != NULL && s.sig != NULL && pqs_randombytes(s.msg, sizeof s.msg) == 0)
        rc = measure_ops(run, alg->name, ops, 3, &s, iterations);
    free(s.pk);
    free(s.sk);
    free(s.sig);
    return rc;
}

static int selected(const bench_opts *o, const char *name)
{
    return o->alg == NULL || strcasecmp(o->alg, name) == 0;
}

static int add_alg(bench_run *run, const char *name, int is_kem)
{
    if (run->nalgs == sizeof run->algs / sizeof run->algs[0])
        return 0;
    run->algs[run->nalgs++] = (bench_peer_alg){name, is_kem};
    return 1;
}

/* Measure pqsafe on every selected algorithm, in pqs_kem_at / pqs_sig_at order. */
static int measure_pqsafe(bench_run *run, const bench_opts *o)
{
    const pqs_kem *k;
    const pqs_sig *s;
    int rc = PQS_EXIT_OK;
    for (size_t i = 0; o->kems && rc == PQS_EXIT_OK && (k = pqs_kem_at(i)) != NULL; i++) {
        if (selected(o, k->name) && add_alg(run, k->name, 1))
            rc = bench_kem(run, k, o->iterations);
    }
    for (size_t i = 0; o->sigs && rc == PQS_EXIT_OK && (s = pqs_sig_at(i)) != NULL; i++) {
        if (selected(o, s->name) && add_alg(run, s->name, 0))
            rc = bench_sig(run, s, o->iterations);
    }
    return rc;
}

/* Microseconds with precision to suit the magnitude. */
static const char *fmt_us(char buf[32], double us)
{
    snprintf(buf, 32, us < 100 ? "%.2f" : us < 10000 ? "%.1f" : "%.0f", us);
    return buf;
}

static void print_header(const bench_peer *peer, int have_peer, int have_portable)
{
    printf("pqsafe %s (cpu: %s)\n", pqs_version(), pqs_cpu_features());
    if (have_peer)
        printf("peer: OpenSSL %s (Node %s), measured in the same run\n", peer->openssl_version,
               peer->node_version);
    else
        printf("peer: %s\n", peer->why);
    printf("median of N runs after warm-up (N: --iterations, else ~0.3 s per operation, >= 5)%s\n",
           bench_have_cycles() ? "; cycles: time-stamp counter (rdtsc)" : "");
    if (have_peer)
        puts("ratio = OpenSSL time / pqsafe time (above 1: pqsafe is faster); "
             "-: not in the peer");
    printf("backends: %s\n", pqs_backends());
    if (have_portable)
        puts("portable = the same run's figures with PQSAFE_FORCE_PORTABLE=1; gain = portable / pqsafe");
    printf("\n%-22s %-9s %12s %12s", "algorithm", "operation", "pqsafe us", "cycles");
    if (have_portable)
        printf(" %12s %7s", "portable us", "gain");
    puts(have_peer ? "   OpenSSL us  ratio" : "");
}

static void print_row(const bench_row *row, const bench_peer *peer, int have_peer,
                      const bench_peer *portable, int have_portable)
{
    char us[32], cyc[32] = "-";
    if (bench_have_cycles())
        snprintf(cyc, sizeof cyc, "%llu", (unsigned long long)row->r.median_cycles);
    printf("%-22s %-9s %12s %12s", row->alg, row->op, fmt_us(us, row->r.median_us), cyc);
    const bench_peer_row *q = have_portable ? bench_peer_find(portable, row->alg, row->op) : NULL;
    if (q != NULL && row->r.median_us > 0)
        printf(" %12s %6.2fx", fmt_us(us, q->median_us), q->median_us / row->r.median_us);
    else if (have_portable)
        printf(" %12s %7s", "-", "-");
    const bench_peer_row *p = have_peer ? bench_peer_find(peer, row->alg, row->op) : NULL;
    if (p != NULL && row->r.median_us > 0) {
        double ratio = p->median_us / row->r.median_us;
        printf(" %12s  %.2fx%s", fmt_us(us, p->median_us), ratio, ratio >= 1 ? " faster" : "");
    } else if (have_peer) {
        printf(" %12s  %s", "-", "-");   /* an algorithm this OpenSSL lacks */
    }
    putchar('\n');
}

int pqs_cmd_bench(int argc, char **argv)
{
    bench_opts o;
    bench_peer peer;
    if (pqs_cli_wants_help(argc, argv)) {
        usage(stdout);
        return PQS_EXIT_OK;
    }
    int rc = parse_args(argc, argv, &o);
    if (rc == PQS_EXIT_OK)
        rc = check_alg(&o);
    if (rc != PQS_EXIT_OK)
        return rc;
    bench_run *run = calloc(1, sizeof *run);
    if (run == NULL) {
        pqs_cli_error("out of memory");
        return PQS_EXIT_INVALID;
    }
    fprintf(stderr, "bench: measuring pqsafe...\n");
    rc = measure_pqsafe(run, &o);
    int have_peer = 0;
    memset(&peer, 0, sizeof peer);
    snprintf(peer.why, sizeof peer.why, "not run (--no-peer)");
    if (rc == PQS_EXIT_OK && o.peer) {
        fprintf(stderr, "bench: measuring the OpenSSL peer...\n");
        have_peer = bench_peer_run(&peer, run->algs, run->nalgs, o.iterations) == 0;
    }
    if (rc == PQS_EXIT_OK && o.rows_only) {
        for (size_t i = 0; i < run->nrows; i++)
            printf("%s\t%s\t%.4f\n", run->rows[i].alg, run->rows[i].op, run->rows[i].r.median_us);
        free(run);
        return rc;
    }
    /* The portable path, measured by this binary with PQSAFE_FORCE_PORTABLE=1, when the
     * native path is in use here. */
    bench_peer portable;
    int have_portable = 0;
    memset(&portable, 0, sizeof portable);
    if (rc == PQS_EXIT_OK && o.portable && strcmp(pqs_cpu_features(), "portable") != 0) {
        fprintf(stderr, "bench: measuring the portable code...\n");
        have_portable = bench_portable_run(&portable, argc, argv) == 0;
    }
    if (rc == PQS_EXIT_OK) {
        print_header(&peer, have_peer, have_portable);
        for (size_t i = 0; i < run->nrows; i++)
            print_row(&run->rows[i], &peer, have_peer, &portable, have_portable);
    }
    bench_peer_free(&portable);
    bench_peer_free(&peer);
    free(run);
    return rc;
}
