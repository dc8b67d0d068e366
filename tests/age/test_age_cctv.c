/* Every C2SP CCTV age vector (vectors/age/testdata, 143 files), opened from memory, a file
 * and a pipe: the outcome kind must match `expect:`, and the plaintext released (all of it
 * on success, the authenticated prefix on a payload failure) must hash to `payload:`. The
 * mlkem768x25519 vectors are skipped, and said so, only while X-Wing is not built in. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "age_test_util.h"
#include "hash/sha2.h"

#define MAX_IDS 8

typedef struct {
    char expect[32];
    char payload[65];
    int armored, compressed, unknown_key, has_pq;
    pqs_age_identity *ids[MAX_IDS];
    size_t nids;
} vector;

static const char *const k_kinds[] = {"success", "armor failure", "header failure", "no match",
                                      "HMAC failure", "payload failure"};
static const int k_expected_totals[] = {26, 22, 62, 13, 1, 19};
#define N_KINDS 6

static int kind_index(const char *name)
{
    for (int i = 0; i < N_KINDS; i++) {
        if (strcmp(k_kinds[i], name) == 0)
            return i;
    }
    return -1;
}

static uint8_t *inflate_all(const uint8_t *in, size_t len, size_t *out_len)
{
    size_t cap = 1 << 20;
    uint8_t *out = malloc(cap);
    z_stream z;
    memset(&z, 0, sizeof z);
    inflateInit(&z);
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)len;
    int r = Z_OK;
    while (r != Z_STREAM_END) {
        if (z.total_out == cap) {
            cap *= 2;
            out = realloc(out, cap);
        }
        z.next_out = out + z.total_out;
        z.avail_out = (uInt)(cap - z.total_out);
        r = inflate(&z, Z_NO_FLUSH);
        if (r != Z_OK && r != Z_STREAM_END) {
            fprintf(stderr, "zlib error %d\n", r);
            exit(2);
        }
    }
    *out_len = z.total_out;
    inflateEnd(&z);
    return out;
}

/* Parse the text header; returns the offset of the age file. */
static size_t parse_vector(vector *v, const char *name, const uint8_t *buf, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        const char *line = (const char *)buf + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + 1;
        if (n == 0)
            break;
        const char *colon = memchr(line, ':', n);
        if (colon == NULL || (size_t)(colon - line) + 2 > n) {
            v->unknown_key = 1;
            continue;
        }
        size_t klen = (size_t)(colon - line);
        const char *val = colon + 2;
        size_t vlen = n - klen - 2;
        if (klen == 6 && memcmp(line, "expect", 6) == 0) {
            snprintf(v->expect, sizeof v->expect, "%.*s", (int)vlen, val);
        } else if (klen == 7 && memcmp(line, "payload", 7) == 0) {
            snprintf(v->payload, sizeof v->payload, "%.*s", (int)vlen, val);
        } else if ((klen == 8 && memcmp(line, "identity", 8) == 0) ||
                   (klen == 10 && memcmp(line, "passphrase", 10) == 0)) {
            int rc = klen == 8 ? pqs_age_identity_parse(&v->ids[v->nids], val, vlen)
                               : pqs_age_identity_passphrase(&v->ids[v->nids], val, vlen, 0);
            v->has_pq |= klen == 8 && vlen > 18 && memcmp(val, "AGE-SECRET-KEY-PQ-", 18) == 0;
            if (CHECK(rc == 0 && v->nids < MAX_IDS, "%s: identity does not parse: %s", name,
                      pqs_error_detail()))
                v->nids++;
        } else if (klen == 7 && memcmp(line, "armored", 7) == 0) {
            v->armored = vlen == 3 && memcmp(val, "yes", 3) == 0;
        } else if (klen == 10 && memcmp(line, "compressed", 10) == 0) {
            v->compressed = vlen == 4 && memcmp(val, "zlib", 4) == 0;
        } else if (!(klen == 7 && memcmp(line, "comment", 7) == 0) &&
                   !(klen == 8 && memcmp(line, "file key", 8) == 0)) {
            v->unknown_key = 1;
        }
    }
    return pos;
}

static int pq_built_in(void)
{
    pqs_age_identity *id = NULL;
    int rc = pqs_age_identity_generate(&id, PQS_AGE_MLKEM768X25519);
    pqs_age_identity_free(id);
    return rc == 0;
}

/* Each vector is opened from memory, from a regular file (read at offsets by every thread)
 * and from a pipe (read in order): the engine's two payload inputs. */
enum { VIA_MEM = 0, VIA_FILE = 1, VIA_PIPE = 2 };
static const char *const k_via[] = {"memory", "file", "pipe"};

static int decrypt_via(int via, const uint8_t *age, size_t age_len, const vector *v,
                       const pqs_age_options *o, uint8_t **out, size_t *out_len, int *failure)
{
    const pqs_age_identity *const *ids = (const pqs_age_identity *const *)v->ids;
    if (via == VIA_MEM)
        return pqs_age_decrypt_mem(out, out_len, age, age_len, ids, v->nids, o, failure);
    pid_t child = 0;
    int in = via == VIA_FILE ? age_test_file_fd(age, age_len, 0)
                             : age_test_pipe_fd(age, age_len, &child);
    int fd = age_test_out_fd();
    int rc = pqs_age_decrypt_fd(fd, in, ids, v->nids, o, failure);
    *out = age_test_slurp(fd, out_len);
    close(fd);
    if (via == VIA_FILE)
        close(in);
    else
        age_test_pipe_done(in, child);
    return rc;
}

static void check_vector(const char *name, const vector *v, int kind, const uint8_t *age,
                         size_t age_len, unsigned threads, int via)
{
    pqs_age_options o = {.armor = v->armored ? PQS_AGE_ARMOR_YES : PQS_AGE_ARMOR_NO,
                         .threads = threads};
    uint8_t *out = NULL;
    size_t out_len = 0;
    int failure = -1;
    int rc = decrypt_via(via, age, age_len, v, &o, &out, &out_len, &failure);
    const char *got = pqs_age_failure_name(failure);
    CHECK(strcmp(got, v->expect) == 0 && (rc == 0) == (kind == 0),
          "%s (%s): expected %s, got %s (rc %d: %s)", name, k_via[via], v->expect, got, rc,
          pqs_error_detail());
    if (kind == 0 || strcmp(v->expect, "payload failure") == 0) {
        uint8_t h[32];
        pqs_sha256(h, out ? out : (const uint8_t *)"", out_len);
        CHECK(pqs_test_eq_hex(h, 32, v->payload), "%s (%s): released plaintext (%zu bytes) hash "
              "differs", name, k_via[via], out_len);
    }
    if (via == VIA_MEM)
        pqs_age_buffer_free(out, out_len);
    else
        free(out);
}

/* Returns the kind index the file was counted under, or -1 when skipped. */
static int run_vector(const char *name, int pq, unsigned threads)
{
    char rel[512];
    snprintf(rel, sizeof rel, "age/testdata/%s", name);
    size_t len = 0;
    uint8_t *buf = pqs_test_read_file(rel, &len);
    vector v;
    memset(&v, 0, sizeof v);
    size_t off = parse_vector(&v, name, buf, len);
    int kind = kind_index(v.expect);
    CHECK(kind >= 0 && !v.unknown_key, "%s: unknown expect or key", name);
    size_t age_len = len - off;
    uint8_t *age = buf + off, *inflated = NULL;
    if (v.compressed)
        age = inflated = inflate_all(buf + off, len - off, &age_len);
    if (v.has_pq && !pq) {
        printf("skip %s: mlkem768x25519 needs X-Wing (src/hybrid), not built in yet\n", name);
    } else if (kind >= 0) {
        for (int via = VIA_MEM; via <= VIA_PIPE; via++)
            check_vector(name, &v, kind, age, age_len, threads, via);
    }
    for (size_t i = 0; i < v.nids; i++)
        pqs_age_identity_free(v.ids[i]);
    free(inflated);
    free(buf);
    return v.has_pq && !pq ? -1 : kind;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/age/testdata", pqs_test_vectors_dir());
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "cannot open %s (set PQSAFE_VECTORS)\n", dir);
        return 2;
    }
    char *names[512];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 512) {
        if (e->d_name[0] != '.')
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    int pq = pq_built_in();
    int totals[N_KINDS] = {0}, skipped = 0;
    for (size_t i = 0; i < n; i++) {
        /* Alternate between the inline path and the worker pool. */
        int k = run_vector(names[i], pq, i % 2 ? 2 : 1);
        if (k >= 0)
            totals[k]++;
        else
            skipped++;
        free(names[i]);
    }
    CHECK(n == 143, "expected 143 vector files, found %zu", n);
    for (int k = 0; k < N_KINDS; k++) {
        printf("%-16s %d\n", k_kinds[k], totals[k]);
        if (pq)
            CHECK(totals[k] == k_expected_totals[k], "%s: %d vectors, expected %d", k_kinds[k],
                  totals[k], k_expected_totals[k]);
    }
    printf("skipped (no X-Wing) %d\n", skipped);
    return pqs_test_done("test_age_cctv");
}
