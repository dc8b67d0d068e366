#include "pqs_test.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

int pqs_test_failures;
int pqs_test_checks;

int pqs_test_check(int ok, const char *file, int line, const char *fmt, ...)
{
    pqs_test_checks++;
    if (!ok) {
        va_list ap;
        pqs_test_failures++;
        if (pqs_test_failures <= 50) {
            fprintf(stderr, "FAIL %s:%d: ", file, line);
            va_start(ap, fmt);
            vfprintf(stderr, fmt, ap);
            va_end(ap);
            fputc('\n', stderr);
        }
    }
    return ok;
}

int pqs_test_done(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, pqs_test_checks, pqs_test_failures);
    return pqs_test_failures == 0 ? 0 : 1;
}

const char *pqs_test_vectors_dir(void)
{
    const char *env = getenv("PQSAFE_VECTORS");
    return (env != NULL && env[0] != '\0') ? env : PQS_DEFAULT_VECTORS_DIR;
}

uint8_t *pqs_test_read_file(const char *relpath, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", pqs_test_vectors_dir(), relpath);
    gzFile gz = gzopen(path, "rb");
    if (gz == NULL) {
        fprintf(stderr, "cannot open vector file %s (set PQSAFE_VECTORS)\n", path);
        exit(2);
    }
    size_t cap = 1 << 20, n = 0;
    uint8_t *buf = malloc(cap + 1);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
        }
        int r = gzread(gz, buf + n, (unsigned)(cap - n));
        if (r < 0) {
            fprintf(stderr, "cannot read %s\n", path);
            exit(2);
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    gzclose(gz);
    buf[n] = 0;
    *len = n;
    return buf;
}

json_t *pqs_test_load_json(const char *relpath)
{
    size_t n;
    uint8_t *buf = pqs_test_read_file(relpath, &n);
    json_error_t err;
    json_t *j = json_loadb((const char *)buf, n, 0, &err);
    free(buf);
    if (j == NULL) {
        fprintf(stderr, "malformed JSON in %s: %s (line %d)\n", relpath, err.text, err.line);
        exit(2);
    }
    return j;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

uint8_t *pqs_test_unhex(const char *hex, size_t *len)
{
    size_t n = hex ? strlen(hex) : 0;
    uint8_t *out = malloc(n / 2 + 1);
    if (n % 2 != 0) {
        fprintf(stderr, "odd-length hex string\n");
        exit(2);
    }
    for (size_t i = 0; i < n / 2; i++) {
        int hi = hexval((unsigned char)hex[2 * i]), lo = hexval((unsigned char)hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            fprintf(stderr, "bad hex string\n");
            exit(2);
        }
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    *len = n / 2;
    return out;
}

uint8_t *pqs_test_json_hex(json_t *obj, const char *key, size_t *len)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_string(v)) {
        fprintf(stderr, "vector field '%s' missing\n", key);
        exit(2);
    }
    return pqs_test_unhex(json_string_value(v), len);
}

void pqs_test_print_hex(FILE *f, const uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len; i++)
        fprintf(f, "%02x", buf[i]);
}

int pqs_test_eq_hex(const uint8_t *buf, size_t len, const char *hex)
{
    size_t n;
    uint8_t *want = pqs_test_unhex(hex, &n);
    int ok = n == len && memcmp(buf, want, len) == 0;
    free(want);
    return ok;
}

void pqs_test_rand(uint8_t *buf, size_t len)
{
    static uint64_t s = 0x9E3779B97F4A7C15ull;
    for (size_t i = 0; i < len; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        buf[i] = (uint8_t)(s >> 32);
    }
}
