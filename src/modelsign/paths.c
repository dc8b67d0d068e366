/* Resource names: validation (a signed manifest must never name a file outside the
 * model), model_signing's sort order, and ignore lists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "ms_int.h"

/* Length of the UTF-8 sequence at s (RFC 3629 well-formed, no overlongs or surrogates),
 * or 0 when it is not well-formed. */
static size_t utf8_seq(const unsigned char *s, size_t left)
{
    unsigned c = s[0];
    size_t n;
    unsigned min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (left < n)
        return 0;
    unsigned cp = c & (0x7Fu >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

int ms_path_check(const char *name, size_t len, const char *what)
{
    if (len == 0)
        return pqs_error_set(PQS_E_DECODE, "%s has an empty name", what);
    if (strlen(name) != len)
        return pqs_error_set(PQS_E_DECODE, "%s name contains a NUL byte", what);
    if (name[0] == '/')
        return pqs_error_set(PQS_E_DECODE, "%s name '%s' is an absolute path", what, name);
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x20 || c == 0x7F)
            return pqs_error_set(PQS_E_DECODE, "%s name contains a control character", what);
        size_t n = utf8_seq((const unsigned char *)name + i, len - i);
        if (n == 0)
            return pqs_error_set(PQS_E_DECODE, "%s name is not valid UTF-8", what);
        i += n;
    }
    /* Every component must be a real name: "", "." and ".." could reach outside the
     * model or alias another resource. */
    const char *p = name;
    for (;;) {
        const char *slash = strchr(p, '/');
        size_t clen = slash ? (size_t)(slash - p) : strlen(p);
        if (clen == 0)
            return pqs_error_set(PQS_E_DECODE, "%s name '%s' has an empty path component",
                                 what, name);
        if ((clen == 1 && p[0] == '.') || (clen == 2 && p[0] == '.' && p[1] == '.'))
            return pqs_error_set(PQS_E_DECODE,
                                 "%s name '%s' escapes the model directory ('%.*s' component)",
                                 what, name, (int)clen, p);
        if (slash == NULL)
            break;
        p = slash + 1;
    }
    return PQS_OK;
}

/* model_signing sorts resources by pathlib.PurePosixPath, which compares the lists of
 * components; with no empty components that equals comparing the strings with '/'
 * ranked below every other byte (UTF-8 byte order is code point order). */
int ms_path_cmp(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    for (;; x++, y++) {
        int cx = *x == '\0' ? -2 : *x == '/' ? -1 : *x;
        int cy = *y == '\0' ? -2 : *y == '/' ? -1 : *y;
        if (cx != cy)
            return cx < cy ? -1 : 1;
        if (cx == -2)
            return 0;
    }
}

int ms_path_ignored(const char *path, char *const *ignore, size_t n_ignore)
{
    for (size_t i = 0; i < n_ignore; i++) {
        size_t n = strlen(ignore[i]);
        if (strncmp(path, ignore[i], n) == 0 && (path[n] == '\0' || path[n] == '/'))
            return 1;
    }
    return 0;
}

int ms_strlist_add(ms_strlist *l, const char *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 8;
        char **v = realloc(l->v, cap * sizeof *v);
        if (v == NULL)
            return PQS_E_NOMEM;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n] = strdup(s);
    if (l->v[l->n] == NULL)
        return PQS_E_NOMEM;
    l->n++;
    return PQS_OK;
}

int ms_strlist_has(const ms_strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++) {
        if (strcmp(l->v[i], s) == 0)
            return 1;
    }
    return 0;
}

void ms_strlist_free(ms_strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

int ms_error_wrap(int err, const char *prefix)
{
    char copy[256];
    snprintf(copy, sizeof copy, "%s", pqs_error_detail());
    return pqs_error_set(err, "%s%s", prefix ? prefix : "", copy);
}
