/* ASCII armor (c2sp.org/age "ASCII armor"): the strict PEM of RFC 7468 §3 with the label
 * "AGE ENCRYPTED FILE". Decoding is strict: canonical padded base64, 64-column lines
 * with only the last one shorter, no headers, nothing but whitespace around the block
 * (at most 1 KiB of it, as the reference implementation allows), LF or CRLF line ends. */
#include <stdlib.h>
#include <string.h>

#include "age_impl.h"
#include "core/error.h"

#define ARMOR_COLUMNS 64
#define ARMOR_LINE_BYTES 48
#define ARMOR_MAX_WHITESPACE 1024
#define ARMOR_OBUF_LINES 64

static int is_space(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int armor_fail(int *failure, const char *why)
{
    *failure = PQS_AGE_FAIL_ARMOR;
    return pqs_error_set(PQS_E_DECODE, "invalid armor: %s", why);
}

/* The next line without LF or CRLF; an empty input at EOF is an error. */
static int next_line(age_armor_in *a, const uint8_t **line, size_t *len, int *failure)
{
    int nl = 0;
    int rc = age_src_line(a->under, line, len, &nl, ARMOR_MAX_WHITESPACE + 2);
    if (rc != PQS_OK) {
        *failure = a->under->fail == PQS_AGE_FAIL_IO ? PQS_AGE_FAIL_IO : PQS_AGE_FAIL_ARMOR;
        return *failure == PQS_AGE_FAIL_ARMOR ? armor_fail(failure, "line too long") : rc;
    }
    if (!nl && *len == 0)
        return armor_fail(failure, "unexpected end of file");
    if (*len > 0 && (*line)[*len - 1] == '\r')
        (*len)--;
    return PQS_OK;
}

static int line_is(const uint8_t *line, size_t len, const char *want)
{
    return len == strlen(want) && memcmp(line, want, len) == 0;
}

/* After the END line only whitespace may follow. */
static int drain_trailing(age_armor_in *a, int *failure)
{
    uint8_t buf[ARMOR_MAX_WHITESPACE];
    size_t got = 0;
    int rc = age_src_read(a->under, buf, sizeof buf, &got);
    if (rc != PQS_OK) {
        *failure = a->under->fail;
        return rc;
    }
    for (size_t i = 0; i < got; i++) {
        if (!is_space(buf[i]))
            return armor_fail(failure, "data after the end line");
    }
    int eof = 0;
    if (got == sizeof buf && (rc = age_src_at_eof(a->under, &eof)) == PQS_OK && !eof)
        return armor_fail(failure, "too much trailing whitespace");
    return rc;
}

static int skip_to_begin(age_armor_in *a, int *failure)
{
    size_t removed = 0;
    for (;;) {
        const uint8_t *line;
        size_t len;
        int rc = next_line(a, &line, &len, failure);
        if (rc != PQS_OK)
            return rc;
        size_t i = 0;
        while (i < len && is_space(line[i]))
            i++;
        if (i == len) {
            removed += len + 1;
            if (removed > ARMOR_MAX_WHITESPACE)
                return armor_fail(failure, "too much leading whitespace");
            continue;
        }
        if (!line_is(line, len, AGE_ARMOR_BEGIN))
            return armor_fail(failure, "the first line is not \"" AGE_ARMOR_BEGIN "\"");
        a->state = 1;
        return PQS_OK;
    }
}

/* Decode one body line into a->line; a short line must be followed by the END line. */
static int decode_line(age_armor_in *a, int *failure)
{
    const uint8_t *line;
    size_t len;
    int rc = next_line(a, &line, &len, failure);
    if (rc != PQS_OK)
        return rc;
    if (line_is(line, len, AGE_ARMOR_END)) {
        a->state = 2;
        return drain_trailing(a, failure);
    }
    if (len == 0)
        return armor_fail(failure, "empty line");
    if (len > ARMOR_COLUMNS)
        return armor_fail(failure, "line longer than 64 columns");
    size_t n = 0;
    if (age_b64_decode(a->line, &n, (const char *)line, len, 1) != PQS_OK)
        return armor_fail(failure, pqs_error_detail());
    a->line_len = n;
    a->line_pos = 0;
    if (n < ARMOR_LINE_BYTES) {
        if ((rc = next_line(a, &line, &len, failure)) != PQS_OK)
            return rc;
        if (!line_is(line, len, AGE_ARMOR_END))
            return armor_fail(failure, "a short line is not followed by the end line");
        a->state = 2;
        return drain_trailing(a, failure);
    }
    return PQS_OK;
}

int age_raw_armor(void *ctx, uint8_t *buf, size_t cap, size_t *got, int *failure)
{
    age_armor_in *a = ctx;
    size_t done = 0;
    int rc = PQS_OK;
    if (a->state == 0)
        rc = skip_to_begin(a, failure);
    while (rc == PQS_OK && done < cap) {
        if (a->line_pos < a->line_len) {
            size_t k = a->line_len - a->line_pos;
            if (k > cap - done)
                k = cap - done;
            memcpy(buf + done, a->line + a->line_pos, k);
            a->line_pos += k;
            done += k;
            continue;
        }
        if (a->state == 2)
            break;
        rc = decode_line(a, failure);
    }
    /* Bytes decoded before an error are not handed out: the error comes first. */
    *got = rc == PQS_OK ? done : 0;
    return rc;
}

static int flush_out(age_armor_out *a)
{
    int rc = a->olen ? a->under->write(a->under->ctx, (const uint8_t *)a->obuf, a->olen) : PQS_OK;
    a->olen = 0;
    return rc;
}

int age_armor_out_init(age_armor_out *a, age_sink *under)
{
    memset(a, 0, sizeof *a);
    a->under = under;
    a->obuf = malloc((ARMOR_COLUMNS + 1) * ARMOR_OBUF_LINES + 64);
    if (a->obuf == NULL)
        return PQS_E_NOMEM;
    static const char begin[] = AGE_ARMOR_BEGIN "\n";
    memcpy(a->obuf, begin, sizeof begin - 1);
    a->olen = sizeof begin - 1;
    return PQS_OK;
}

static int emit_line(age_armor_out *a, const uint8_t *p, size_t n)
{
    if (a->olen + ARMOR_COLUMNS + 1 > (ARMOR_COLUMNS + 1) * ARMOR_OBUF_LINES) {
        int rc = flush_out(a);
        if (rc != PQS_OK)
            return rc;
    }
    a->olen += age_b64_encode(a->obuf + a->olen, p, n, 1);
    a->obuf[a->olen++] = '\n';
    return PQS_OK;
}

int age_sink_armor(void *ctx, const uint8_t *p, size_t n)
{
    age_armor_out *a = ctx;
    int rc = PQS_OK;
    while (n > 0 && rc == PQS_OK) {
        if (a->part_len == 0 && n >= ARMOR_LINE_BYTES) {
            rc = emit_line(a, p, ARMOR_LINE_BYTES);
            p += ARMOR_LINE_BYTES;
            n -= ARMOR_LINE_BYTES;
            continue;
        }
        size_t k = ARMOR_LINE_BYTES - a->part_len;
        if (k > n)
            k = n;
        memcpy(a->part + a->part_len, p, k);
        a->part_len += k;
        p += k;
        n -= k;
        if (a->part_len == ARMOR_LINE_BYTES) {
            rc = emit_line(a, a->part, ARMOR_LINE_BYTES);
            a->part_len = 0;
        }
    }
    return rc;
}

int age_armor_out_finish(age_armor_out *a)
{
    int rc = a->part_len ? emit_line(a, a->part, a->part_len) : PQS_OK;
    a->part_len = 0;
    if (rc == PQS_OK)
        rc = flush_out(a);
    static const char end[] = AGE_ARMOR_END "\n";
    if (rc == PQS_OK)
        rc = a->under->write(a->under->ctx, (const uint8_t *)end, sizeof end - 1);
    return rc;
}

void age_armor_out_free(age_armor_out *a)
{
    free(a->obuf);
    a->obuf = NULL;
}
