/* The age v1 header (c2sp.org/age "Header"): a version line, one or more recipient
 * stanzas, and the MAC line, parsed strictly by the ABNF of "ABNF definition of file
 * header", and serialised canonically. */
#include <stdlib.h>
#include <string.h>

#include "age_impl.h"
#include "core/error.h"

#define BODY_COLUMNS 64

typedef struct {
    uint8_t *p;
    size_t len, cap;
} dynbuf;

static int dyn_append(dynbuf *b, const void *p, size_t n)
{
    if (n == 0)
        return PQS_OK;
    if (n > b->cap - b->len) {
        size_t cap = b->cap ? b->cap : n < 64 ? 64 : n;   /* a stanza body: its own size */
        while (cap - b->len < n)
            cap *= 2;
        uint8_t *q = realloc(b->p, cap);
        if (q == NULL)
            return PQS_E_NOMEM;
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->len, p, n);
    b->len += n;
    return PQS_OK;
}

void age_stanza_free(age_stanza *s)
{
    if (s->args != NULL)
        free(s->args[0]);   /* the block holding every argument */
    free(s->args);
    free(s->body);
    memset(s, 0, sizeof *s);
}

void age_header_free(age_header *h)
{
    for (size_t i = 0; i < h->n; i++)
        age_stanza_free(&h->st[i]);
    free(h->st);
    free(h->raw);
    memset(h, 0, sizeof *h);
}

/* args[0..n) pointing into one block of the n strings, each NUL-terminated. */
static int args_alloc(age_stanza *s, size_t n, size_t block_len)
{
    s->args = calloc(n ? n : 1, sizeof *s->args);
    char *block = s->args ? malloc(block_len ? block_len : 1) : NULL;
    if (block == NULL) {
        free(s->args);
        s->args = NULL;
        return PQS_E_NOMEM;
    }
    s->args[0] = block;
    return PQS_OK;
}

int age_stanza_make(age_stanza *s, const char *const *args, size_t nargs, const uint8_t *body,
                    size_t body_len)
{
    memset(s, 0, sizeof *s);
    size_t total = 0;
    for (size_t i = 0; i < nargs; i++)
        total += strlen(args[i]) + 1;
    if (args_alloc(s, nargs, total) != PQS_OK ||
        (s->body = malloc(body_len ? body_len : 1)) == NULL) {
        age_stanza_free(s);
        return PQS_E_NOMEM;
    }
    char *p = s->args[0];
    for (size_t i = 0; i < nargs; i++) {
        size_t n = strlen(args[i]) + 1;
        memcpy(p, args[i], n);
        s->args[i] = p;
        p += n;
    }
    s->nargs = nargs;
    if (body_len)
        memcpy(s->body, body, body_len);
    s->body_len = body_len;
    return PQS_OK;
}

int age_arg_b64(uint8_t *out, size_t want, const char *arg, const char *what)
{
    size_t len = strlen(arg), n = 0;
    if (len != age_b64_encoded_len(want, 0))
        return pqs_error_set(PQS_E_DECODE, "%s is not %zu bytes", what, want);
    uint8_t tmp[AGE_XWING_CT_BYTES + 3];
    if (want > AGE_XWING_CT_BYTES || age_b64_decode(tmp, &n, arg, len, 0) != PQS_OK || n != want)
        return pqs_error_set(PQS_E_DECODE, "%s is not canonical base64", what);
    memcpy(out, tmp, want);
    return PQS_OK;
}

/* "-> " argument *(SP argument), argument = 1*VCHAR. */
static int parse_args(age_stanza *s, const uint8_t *line, size_t len, size_t *args_left)
{
    size_t n = 1;
    for (size_t i = 0; i < len; i++)
        n += line[i] == ' ';
    /* A budget for the whole header: each argument costs a pointer (8 bytes for 2 bytes
     * of input, "a a a ..."), so a 16 MiB header could otherwise take 64 MiB in them. */
    if (n > *args_left)
        return pqs_error_set(PQS_E_DECODE, "more than %u stanza arguments in the header",
                             AGE_MAX_STANZA_ARGS);
    *args_left -= n;
    /* One block: the line itself, each space turned into the NUL ending an argument. */
    if (args_alloc(s, n, len + 1) != PQS_OK)
        return PQS_E_NOMEM;
    char *block = s->args[0];
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && line[i] != ' ') {
            if (line[i] < 0x21 || line[i] > 0x7e)
                return pqs_error_set(PQS_E_DECODE, "invalid character in a stanza argument");
            block[i] = (char)line[i];
            continue;
        }
        if (i == start)
            return pqs_error_set(PQS_E_DECODE, "empty stanza argument");
        block[i] = '\0';
        s->args[s->nargs++] = block + start;
        start = i + 1;
    }
    return PQS_OK;
}

/* Reads one header line into raw; PQS_E_DECODE at the end of input or on a long line. */
static int header_line(age_src *src, dynbuf *raw, const uint8_t **line, size_t *len, int *failure)
{
    int nl = 0;
    int rc = age_src_line(src, line, len, &nl, AGE_MAX_LINE_BYTES);
    if (rc != PQS_OK) {
        *failure = src->fail ? src->fail : PQS_AGE_FAIL_HEADER;
        return rc;
    }
    if (!nl) {
        /* A first line that does not even begin like the version line: some other file
         * (a model file given by mistake has no newline in its first 4 KiB). */
        size_t k = *len < 19 ? *len : 19;
        *failure = PQS_AGE_FAIL_HEADER;
        if (raw->len == 0 && *len > 0 && memcmp(*line, "age-encryption.org/", k) != 0)
            return pqs_error_set(PQS_E_DECODE, "not an age file");
        return pqs_error_set(PQS_E_DECODE, *len || raw->len ? "the header ends before its MAC line"
                                                            : "empty file");
    }
    if (raw->len + *len + 1 > AGE_MAX_HEADER_BYTES) {
        *failure = PQS_AGE_FAIL_HEADER;
        return pqs_error_set(PQS_E_DECODE, "header larger than %u bytes", AGE_MAX_HEADER_BYTES);
    }
    return PQS_OK;
}

/* A stanza: the argument line (after "-> ") and body lines up to the first short one. */
static int parse_stanza(age_stanza *s, age_src *src, dynbuf *raw, const uint8_t *line,
                        size_t len, size_t *args_left, int *failure)
{
    int rc = parse_args(s, line + 3, len - 3, args_left);
    if (rc == PQS_OK)
        rc = dyn_append(raw, line, len) == PQS_OK ? dyn_append(raw, "\n", 1) : PQS_E_NOMEM;
    dynbuf body = {0};
    while (rc == PQS_OK) {
        if ((rc = header_line(src, raw, &line, &len, failure)) != PQS_OK)
            break;
        if (len > BODY_COLUMNS) {
            rc = pqs_error_set(PQS_E_DECODE, "stanza body line longer than 64 columns");
            break;
        }
        uint8_t dec[BODY_COLUMNS];
        size_t n = 0;
        if ((rc = age_b64_decode(dec, &n, (const char *)line, len, 0)) != PQS_OK) {
            pqs_error_set(PQS_E_DECODE, "stanza body: %s", pqs_error_detail());
            break;
        }
        if ((rc = dyn_append(&body, dec, n)) != PQS_OK || (rc = dyn_append(raw, line, len)) != PQS_OK ||
            (rc = dyn_append(raw, "\n", 1)) != PQS_OK)
            break;
        if (len < BODY_COLUMNS)
            break;
    }
    s->body = body.p ? body.p : malloc(1);
    s->body_len = body.len;
    if (rc == PQS_OK && s->body == NULL)
        rc = PQS_E_NOMEM;
    if (rc == PQS_E_DECODE && *failure == PQS_AGE_OK)
        *failure = PQS_AGE_FAIL_HEADER;
    return rc;
}

/* "--- " 43base64char: the MAC line, whose "---" the MAC itself covers. */
static int parse_mac(age_header *h, dynbuf *raw, const uint8_t *line, size_t len)
{
    if (len != 4 + 43 || line[3] != ' ')
        return pqs_error_set(PQS_E_DECODE, "malformed MAC line");
    char b64[44];
    memcpy(b64, line + 4, 43);
    b64[43] = '\0';
    if (age_arg_b64(h->mac, AGE_MAC_BYTES, b64, "the header MAC") != PQS_OK)
        return PQS_E_DECODE;
    return dyn_append(raw, "---", 3);
}

int age_header_parse(age_header *h, age_src *src, int *failure)
{
    memset(h, 0, sizeof *h);
    *failure = PQS_AGE_OK;
    dynbuf raw = {0};
    const uint8_t *line;
    size_t len, cap = 0, args_left = AGE_MAX_STANZA_ARGS;
    int rc = header_line(src, &raw, &line, &len, failure);
    if (rc == PQS_OK && !(len == strlen(AGE_VERSION_LINE) && memcmp(line, AGE_VERSION_LINE, len) == 0))
        rc = pqs_error_set(PQS_E_DECODE, len >= 19 && memcmp(line, "age-encryption.org/", 19) == 0
                                             ? "unsupported age version"
                                             : "not an age file");
    if (rc == PQS_OK)
        rc = dyn_append(&raw, line, len) == PQS_OK ? dyn_append(&raw, "\n", 1) : PQS_E_NOMEM;
    while (rc == PQS_OK) {
        if ((rc = header_line(src, &raw, &line, &len, failure)) != PQS_OK)
            break;
        if (len >= 3 && memcmp(line, "---", 3) == 0) {
            rc = h->n == 0 ? pqs_error_set(PQS_E_DECODE, "no recipient stanza")
                           : parse_mac(h, &raw, line, len);
            break;
        }
        if (len < 3 || memcmp(line, "-> ", 3) != 0) {
            rc = pqs_error_set(PQS_E_DECODE, "a header line is neither a stanza nor the MAC");
            break;
        }
        if (h->n == AGE_MAX_STANZAS) {
            rc = pqs_error_set(PQS_E_DECODE, "more than %u recipient stanzas", AGE_MAX_STANZAS);
            break;
        }
        if (h->n == cap) {   /* grown geometrically: a header may hold many stanzas */
            cap = cap ? 2 * cap : 4;
            age_stanza *st = realloc(h->st, cap * sizeof *st);
            if (st == NULL) {
                rc = PQS_E_NOMEM;
                break;
            }
            h->st = st;
        }
        memset(&h->st[h->n], 0, sizeof h->st[h->n]);
        rc = parse_stanza(&h->st[h->n++], src, &raw, line, len, &args_left, failure);
    }
    h->raw = raw.p;
    h->raw_len = raw.len;
    if (rc != PQS_OK) {
        if (*failure == PQS_AGE_OK)
            *failure = rc == PQS_E_DECODE ? PQS_AGE_FAIL_HEADER : PQS_AGE_FAIL_OTHER;
        age_header_free(h);
    }
    return rc;
}

int age_header_mac(uint8_t mac[32], const uint8_t fk[AGE_FILE_KEY_BYTES], const uint8_t *raw,
                   size_t raw_len)
{
    uint8_t key[32];
    int rc = age_hkdf(key, fk, AGE_FILE_KEY_BYTES, NULL, 0, "header");
    if (rc == PQS_OK)
        rc = age_hmac_sha256(mac, key, 32, raw, raw_len);
    pqs_wipe(key, sizeof key);
    return rc;
}

static int write_stanza(dynbuf *b, const age_stanza *s)
{
    int rc = dyn_append(b, "->", 2);
    for (size_t i = 0; i < s->nargs && rc == PQS_OK; i++) {
        if ((rc = dyn_append(b, " ", 1)) == PQS_OK)
            rc = dyn_append(b, s->args[i], strlen(s->args[i]));
    }
    if (rc == PQS_OK)
        rc = dyn_append(b, "\n", 1);
    size_t elen = age_b64_encoded_len(s->body_len, 0);
    char *enc = malloc(elen + 1);
    if (enc == NULL)
        return PQS_E_NOMEM;
    age_b64_encode(enc, s->body, s->body_len, 0);
    /* Full 64-column lines, then a final shorter (possibly empty) line. */
    size_t off = 0;
    for (;;) {
        size_t k = elen - off < BODY_COLUMNS ? elen - off : BODY_COLUMNS;
        if (rc == PQS_OK)
            rc = dyn_append(b, enc + off, k);
        if (rc == PQS_OK)
            rc = dyn_append(b, "\n", 1);
        off += k;
        if (k < BODY_COLUMNS || rc != PQS_OK)
            break;
    }
    free(enc);
    return rc;
}

int age_header_write(uint8_t **out, size_t *out_len, const age_stanza *st, size_t n,
                     const uint8_t fk[AGE_FILE_KEY_BYTES])
{
    dynbuf b = {0};
    int rc = dyn_append(&b, AGE_VERSION_LINE "\n", strlen(AGE_VERSION_LINE) + 1);
    for (size_t i = 0; i < n && rc == PQS_OK; i++)
        rc = write_stanza(&b, &st[i]);
    if (rc == PQS_OK)
        rc = dyn_append(&b, "---", 3);
    /* Never write what this parser would refuse to read back. */
    if (rc == PQS_OK && (b.len + 45 > AGE_MAX_HEADER_BYTES || n > AGE_MAX_STANZAS))
        rc = pqs_error_set(PQS_E_INVALID_ARG, "too many recipients (%zu): the header would be "
                           "larger than %u bytes", n, AGE_MAX_HEADER_BYTES);
    uint8_t mac[32];
    char enc[48];
    if (rc == PQS_OK)
        rc = age_header_mac(mac, fk, b.p, b.len);
    if (rc == PQS_OK) {
        enc[0] = ' ';
        size_t k = age_b64_encode(enc + 1, mac, sizeof mac, 0);
        enc[1 + k] = '\n';
        rc = dyn_append(&b, enc, k + 2);
    }
    if (rc != PQS_OK) {
        free(b.p);
        return rc;
    }
    *out = b.p;
    *out_len = b.len;
    return PQS_OK;
}
