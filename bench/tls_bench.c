/* TLS 1.3 benchmark client for bench/tls_bench.sh: full handshakes per second and bulk
 * throughput for a list of groups against one server (Debian's s_server with the pqsafe
 * provider, one certificate), in the same run, with ratios to the first group.
 *
 *   tls_bench PORT SECONDS PATH GROUP...
 *
 * Handshakes: connect, SSL_connect (a full handshake: no session is reused), close; the
 * groups take turns in 5 rounds so that drift in machine load falls on all of them.
 * Bulk: "GET PATH HTTP/1.0" (s_server -WWW) read to the end, in the same turns.
 * Uses Debian's libssl; the groups come from the provider via OPENSSL_CONF. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#define ROUNDS 5
#define MAX_GROUPS 8

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int tcp_connect(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* One connection: handshake and, with path, an HTTP GET read to the end. Returns the
 * bytes of the answer (0 for a bare handshake) or -1. */
static long long one_connection(SSL_CTX *ctx, int port, const char *path)
{
    int fd = tcp_connect(port);
    if (fd < 0)
        return -1;
    SSL *ssl = SSL_new(ctx);
    long long got = -1;
    if (ssl != NULL && SSL_set_fd(ssl, fd) && SSL_connect(ssl) == 1) {
        got = 0;
        if (path != NULL) {
            char req[512];
            int n = snprintf(req, sizeof req, "GET %s HTTP/1.0\r\n\r\n", path);
            static unsigned char buf[1 << 16];
            int r;
            if (SSL_write(ssl, req, n) != n)
                got = -1;
            while (got >= 0 && (r = SSL_read(ssl, buf, sizeof buf)) > 0)
                got += r;
        }
        SSL_shutdown(ssl);
    }
    ERR_clear_error();
    SSL_free(ssl);
    close(fd);
    return got;
}

static SSL_CTX *client_ctx(const char *group)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL || !SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) ||
        !SSL_CTX_set1_groups_list(ctx, group)) {
        fprintf(stderr, "tls_bench: group %s is not available (is the provider configured?)\n", group);
        ERR_print_errors_fp(stderr);
        exit(1);
    }
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    return ctx;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: tls_bench PORT SECONDS PATH GROUP...\n");
        return 2;
    }
    int port = atoi(argv[1]), ngroups = argc - 4;
    double seconds = atof(argv[2]);
    const char *path = argv[3];
    if (ngroups > MAX_GROUPS)
        ngroups = MAX_GROUPS;
    SSL_CTX *ctx[MAX_GROUPS];
    long long hs[MAX_GROUPS] = {0}, bulk_bytes[MAX_GROUPS] = {0};
    double hs_time[MAX_GROUPS] = {0}, bulk_time[MAX_GROUPS] = {0};
    for (int g = 0; g < ngroups; g++)
        ctx[g] = client_ctx(argv[4 + g]);

    /* Half the time on handshakes, half on bulk, split into rounds and groups. */
    double slice = seconds / 2 / ROUNDS / ngroups;
    for (int r = 0; r < ROUNDS; r++) {
        for (int g = 0; g < ngroups; g++) {
            double t0 = now(), t;
            do {
                if (one_connection(ctx[g], port, NULL) < 0) {
                    fprintf(stderr, "tls_bench: handshake with %s failed\n", argv[4 + g]);
                    return 1;
                }
                hs[g]++;
            } while ((t = now()) - t0 < slice);
            hs_time[g] += t - t0;
        }
        for (int g = 0; g < ngroups; g++) {
            double t0 = now(), t;
            do {
                long long n = one_connection(ctx[g], port, path);
                if (n <= 0) {
                    fprintf(stderr, "tls_bench: transfer of %s with %s failed\n", path, argv[4 + g]);
                    return 1;
                }
                bulk_bytes[g] += n;
            } while ((t = now()) - t0 < slice);
            bulk_time[g] += t - t0;
        }
    }

    printf("%-20s %14s %10s %14s %10s\n", "group", "handshakes/s", "ratio", "bulk MiB/s", "ratio");
    double hs0 = (double)hs[0] / hs_time[0], bulk0 = (double)bulk_bytes[0] / bulk_time[0] / 1048576.0;
    for (int g = 0; g < ngroups; g++) {
        double h = (double)hs[g] / hs_time[g];
        double b = (double)bulk_bytes[g] / bulk_time[g] / 1048576.0;
        printf("%-20s %14.1f %10.3f %14.1f %10.3f\n", argv[4 + g], h, h / hs0, b, b / bulk0);
        SSL_CTX_free(ctx[g]);
    }
    printf("(ratios relative to %s; same server, certificate and run; handshakes counted:", argv[4]);
    for (int g = 0; g < ngroups; g++)
        printf(" %lld", hs[g]);
    printf(")\n");
    return 0;
}
