/* Identity and recipient files as age-keygen writes and age reads them: one key per
 * line, '#' comments and blank lines ignored, LF or CRLF line ends. */
#include <stdlib.h>
#include <string.h>

#include "age_impl.h"
#include "core/error.h"
#include "core/file.h"

/* An identity file holds a few keys of about 90 characters. A recipients file may name a
 * whole fleet: a post-quantum recipient is about 1960 characters and its stanza about
 * 1550 bytes, so the header limit (AGE_MAX_HEADER_BYTES) is the one that matters. */
#define IDENTITY_FILE_MAX (1u << 20)
#define RECIPIENTS_FILE_MAX AGE_MAX_HEADER_BYTES

typedef int (*line_fn)(void *list, const char *s, size_t len);

typedef struct {
    void **items;
    size_t n;
} list;

static int list_push(list *l, void *item)
{
    void **p = realloc(l->items, (l->n + 1) * sizeof *p);
    if (p == NULL)
        return PQS_E_NOMEM;
    p[l->n++] = item;
    l->items = p;
    return PQS_OK;
}

static int add_identity(void *l, const char *s, size_t len)
{
    pqs_age_identity *id = NULL;
    int rc = pqs_age_identity_parse(&id, s, len);
    if (rc == PQS_OK && (rc = list_push(l, id)) != PQS_OK)
        pqs_age_identity_free(id);
    return rc;
}

static int add_recipient(void *l, const char *s, size_t len)
{
    pqs_age_recipient *r = NULL;
    int rc = pqs_age_recipient_parse(&r, s, len);
    if (rc == PQS_OK && (rc = list_push(l, r)) != PQS_OK)
        pqs_age_recipient_free(r);
    return rc;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Every key line of text (len bytes, named `name` in messages) through fn. */
static int each_line_text(const uint8_t *buf, size_t len, const char *name, line_fn fn, list *l,
                          const char *what)
{
    int rc = PQS_OK;
    size_t lineno = 0, pos = 0;
    while (rc == PQS_OK && pos < len) {
        const char *s = (const char *)buf + pos;
        const char *nl = memchr(s, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - s) : len - pos;
        pos += n + (nl != NULL);
        lineno++;
        while (n > 0 && is_space(s[n - 1]))
            n--;
        while (n > 0 && is_space(s[0])) {
            s++;
            n--;
        }
        if (n == 0 || s[0] == '#')
            continue;
        rc = fn(l, s, n);
        if (rc == PQS_E_DECODE)
            rc = pqs_error_set(PQS_E_DECODE, "%s line %zu: not an age %s", name, lineno, what);
    }
    if (rc == PQS_OK && l->n == 0)
        rc = pqs_error_set(PQS_E_DECODE, "%s holds no age %s", name, what);
    return rc;
}

static int each_line(const char *path, size_t max, line_fn fn, list *l, const char *what)
{
    uint8_t *buf = NULL;
    size_t len = 0;
    int rc = pqs_read_file(path, max, &buf, &len);
    if (rc != PQS_OK)
        return rc;
    rc = each_line_text(buf, len, path, fn, l, what);
    pqs_wipe(buf, len);
    free(buf);
    return rc;
}

int pqs_age_identity_load(pqs_age_identity ***ids, size_t *n, const char *path)
{
    if (ids == NULL || n == NULL || path == NULL)
        return PQS_E_INVALID_ARG;
    list l = {0};
    int rc = each_line(path, IDENTITY_FILE_MAX, add_identity, &l, "identity");
    if (rc != PQS_OK) {
        pqs_age_identities_free((pqs_age_identity **)l.items, l.n);
        return rc;
    }
    *ids = (pqs_age_identity **)l.items;
    *n = l.n;
    return PQS_OK;
}

int pqs_age_identity_load_text(pqs_age_identity ***ids, size_t *n, const char *text, size_t len,
                               const char *name)
{
    if (ids == NULL || n == NULL || (text == NULL && len > 0))
        return PQS_E_INVALID_ARG;
    if (len > IDENTITY_FILE_MAX)
        return pqs_error_set(PQS_E_DECODE, "%s is larger than %u bytes", name ? name : "identity text",
                             IDENTITY_FILE_MAX);
    list l = {0};
    int rc = each_line_text((const uint8_t *)text, len, name ? name : "identity text",
                            add_identity, &l, "identity");
    if (rc != PQS_OK) {
        pqs_age_identities_free((pqs_age_identity **)l.items, l.n);
        return rc;
    }
    *ids = (pqs_age_identity **)l.items;
    *n = l.n;
    return PQS_OK;
}

int pqs_age_recipient_load(pqs_age_recipient ***rs, size_t *n, const char *path)
{
    if (rs == NULL || n == NULL || path == NULL)
        return PQS_E_INVALID_ARG;
    list l = {0};
    int rc = each_line(path, RECIPIENTS_FILE_MAX, add_recipient, &l, "recipient");
    if (rc != PQS_OK) {
        pqs_age_recipients_free((pqs_age_recipient **)l.items, l.n);
        return rc;
    }
    *rs = (pqs_age_recipient **)l.items;
    *n = l.n;
    return PQS_OK;
}
