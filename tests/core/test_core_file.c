/* src/core/file.c: pqs_read_file reads key files, so no freed block may keep their bytes
 * (its buffer grows while it reads); its size limit; and pqs_atomic_open refusing a
 * directory as an output name. free() and realloc() are wrapped (-Wl,--wrap) to look into
 * every block the library gives back. */
#define _GNU_SOURCE   /* memmem */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.h"
#include "core/file.h"
#include "pqs_test.h"

static const char k_marker[] = "SECRET-KEY-MATERIAL/";
static int g_leaked;   /* freed blocks that still held the marker */

static void look_into(void *p)
{
    size_t n = p != NULL ? malloc_usable_size(p) : 0;
    if (n >= sizeof k_marker - 1 && memmem(p, n, k_marker, sizeof k_marker - 1) != NULL)
        g_leaked++;
}

void __real_free(void *p);
void __wrap_free(void *p)
{
    look_into(p);
    __real_free(p);
}

/* realloc may move the block and free the old one, bytes and all. */
void *__real_realloc(void *p, size_t n);
void *__wrap_realloc(void *p, size_t n)
{
    look_into(p);
    return __real_realloc(p, n);
}

static void write_marker_file(const char *path, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL, "create %s", path);
    for (size_t i = 0; f != NULL && i < len; i++)
        fputc(k_marker[i % (sizeof k_marker - 1)], f);
    if (f != NULL)
        fclose(f);
}

/* Files from under one initial buffer to many growths: the content comes back whole, and
 * every buffer given up on the way was wiped. */
static void test_read_wipes_growth(const char *dir)
{
    static const size_t sizes[] = {0, 100, 4095, 4096, 4097, 20000, 100000};
    char path[512];
    snprintf(path, sizeof path, "%s/key", dir);
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        write_marker_file(path, sizes[i]);
        uint8_t *buf = NULL;
        size_t len = 0;
        g_leaked = 0;
        CHECK(pqs_read_file(path, 1 << 20, &buf, &len) == PQS_OK, "read %zu bytes", sizes[i]);
        CHECK(len == sizes[i], "length %zu, expected %zu", len, sizes[i]);
        CHECK(g_leaked == 0, "%zu bytes: %d freed buffers kept the file's bytes", sizes[i],
              g_leaked);
        memset(buf, 0, len);
        free(buf);
    }
}

static void test_read_limit(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/big", dir);
    write_marker_file(path, 10000);
    uint8_t *buf = NULL;
    size_t len = 0;
    CHECK(pqs_read_file(path, 10000, &buf, &len) == PQS_OK && len == 10000, "exactly max");
    memset(buf, 0, len);
    free(buf);
    buf = NULL;
    g_leaked = 0;
    CHECK(pqs_read_file(path, 9999, &buf, &len) == PQS_E_IO && buf == NULL, "max + 1 refused");
    CHECK(strstr(pqs_error_detail(), "larger than 9999 bytes") != NULL, "detail: %s",
          pqs_error_detail());
    CHECK(g_leaked == 0, "a refused file's bytes were freed unwiped");
    snprintf(path, sizeof path, "%s/missing", dir);
    CHECK(pqs_read_file(path, 100, &buf, &len) == PQS_E_IO, "missing file");
}

static void test_atomic_refuses_directory(const char *dir)
{
    pqs_atomic_file f;
    for (int overwrite = 0; overwrite <= 1; overwrite++) {
        CHECK(pqs_atomic_open(&f, dir, 0600, overwrite) == PQS_E_IO, "directory as output");
        CHECK(strstr(pqs_error_detail(), "is a directory") != NULL, "detail: %s",
              pqs_error_detail());
    }
}

int main(void)
{
    char dir[] = "/tmp/pqs-core-file-XXXXXX";
    CHECK(mkdtemp(dir) != NULL, "mkdtemp");
    test_read_wipes_growth(dir);
    test_read_limit(dir);
    test_atomic_refuses_directory(dir);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0, "clean up");
    return pqs_test_done("test_core_file");
}
