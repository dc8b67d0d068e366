/* Reading a model_signing v1.0 in-toto statement back into a manifest, refusing anything
 * a verifier must not act on: names that leave the model directory, duplicate names,
 * digests that are not SHA-256, a subject digest that does not match the resources.
 * Field rules follow model_signing's dsse_payload_to_manifest and SerializationType. */
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "ms_int.h"

/* JSON numbers from protobuf's Struct (model_signing writes the statement through it)
 * arrive as reals, e.g. 1000000000.0: accept integral reals too. */
static int get_u64(json_t *v, uint64_t *out)
{
    if (json_is_integer(v) && json_integer_value(v) > 0) {
        *out = (uint64_t)json_integer_value(v);
        return PQS_OK;
    }
    if (json_is_real(v)) {
        double d = json_real_value(v);
        if (d >= 1 && d <= 9007199254740992.0 && d == (double)(uint64_t)d) {
            *out = (uint64_t)d;
            return PQS_OK;
        }
    }
    return PQS_E_DECODE;
}

static const char *get_str(json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

static int parse_serialization(json_t *s, ms_manifest *m)
{
    if (!json_is_object(s))
        return pqs_error_set(PQS_E_DECODE, "predicate.serialization is missing");
    const char *method = get_str(s, "method"), *hash = get_str(s, "hash_type");
    if (method == NULL)
        return pqs_error_set(PQS_E_DECODE, "serialization.method is missing");
    if (strcmp(method, "files") == 0)
        m->method = MS_METHOD_FILES;
    else if (strcmp(method, "shards") == 0)
        m->method = MS_METHOD_SHARDS;
    else
        return pqs_error_set(PQS_E_DECODE, "unknown serialization method '%s'", method);
    if (hash == NULL)
        return pqs_error_set(PQS_E_DECODE, "serialization.hash_type is missing");
    if (strcmp(hash, "sha256") != 0)
        return pqs_error_set(PQS_E_DECODE, "unsupported hash_type '%s' (only sha256)", hash);
    json_t *sym = json_object_get(s, "allow_symlinks");
    if (!json_is_boolean(sym))
        return pqs_error_set(PQS_E_DECODE, "serialization.allow_symlinks is not a boolean");
    m->allow_symlinks = json_is_true(sym);
    if (m->method == MS_METHOD_SHARDS &&
        get_u64(json_object_get(s, "shard_size"), &m->shard_size) != PQS_OK)
        return pqs_error_set(PQS_E_DECODE, "serialization.shard_size is not a positive integer");
    json_t *ign = json_object_get(s, "ignore_paths");
    if (ign != NULL && !json_is_array(ign))
        return pqs_error_set(PQS_E_DECODE, "serialization.ignore_paths is not an array");
    size_t i;
    json_t *v;
    json_array_foreach(ign, i, v) {
        const char *p = json_string_value(v);
        if (p == NULL)
            return pqs_error_set(PQS_E_DECODE, "serialization.ignore_paths holds a non-string");
        int rc = ms_path_check(p, json_string_length(v), "ignore_paths entry");
        if (rc == PQS_OK)
            rc = ms_strlist_add(&m->ignore, p);
        if (rc != PQS_OK)
            return rc;
    }
    return PQS_OK;
}

/* Canonical decimal: digits, no leading zero (but "0"), no overflow. */
static int parse_dec(const char *s, size_t len, uint64_t *out)
{
    if (len == 0 || len > 20 || (len > 1 && s[0] == '0'))
        return PQS_E_DECODE;
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9' || v > (UINT64_MAX - (uint64_t)(s[i] - '0')) / 10)
            return PQS_E_DECODE;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return PQS_OK;
}

/* "path:start:end" as model_signing's Shard.from_str (exactly three parts). */
static int parse_shard_name(ms_item *it, uint64_t shard_size)
{
    const char *c1 = strchr(it->name, ':');
    const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    if (c2 == NULL || strchr(c2 + 1, ':') != NULL)
        return pqs_error_set(PQS_E_DECODE, "shard name '%s' is not path:start:end", it->name);
    it->path = strndup(it->name, (size_t)(c1 - it->name));
    if (it->path == NULL)
        return PQS_E_NOMEM;
    int rc = ms_path_check(it->path, strlen(it->path), "resource");
    if (rc != PQS_OK)
        return rc;
    if (parse_dec(c1 + 1, (size_t)(c2 - c1 - 1), &it->start) != PQS_OK ||
        parse_dec(c2 + 1, strlen(c2 + 1), &it->end) != PQS_OK || it->start >= it->end ||
        it->start % shard_size != 0 || it->end - it->start > shard_size)
        return pqs_error_set(PQS_E_DECODE, "shard name '%s' has an invalid range", it->name);
    return PQS_OK;
}

static int parse_resource(json_t *r, ms_item *it, const ms_manifest *m)
{
    json_t *jn = json_object_get(r, "name");
    const char *name = json_string_value(jn), *alg = get_str(r, "algorithm"),
               *digest = get_str(r, "digest");
    if (!json_is_object(r) || name == NULL || alg == NULL || digest == NULL)
        return pqs_error_set(PQS_E_DECODE, "a resource lacks its name, algorithm or digest");
    if (strcmp(alg, "sha256") != 0)
        return pqs_error_set(PQS_E_DECODE, "resource '%s' uses unsupported algorithm '%s'",
                             name, alg);
    if (ms_unhex(digest, it->digest, MS_DIGEST_BYTES) != PQS_OK)
        return pqs_error_set(PQS_E_DECODE, "resource '%s' has a malformed digest", name);
    if (strlen(name) != json_string_length(jn))
        return pqs_error_set(PQS_E_DECODE, "resource name contains a NUL byte");
    it->name = strdup(name);
    if (it->name == NULL)
        return PQS_E_NOMEM;
    if (m->method == MS_METHOD_SHARDS)
        return parse_shard_name(it, m->shard_size);
    it->path = strdup(name);
    if (it->path == NULL)
        return PQS_E_NOMEM;
    return ms_path_check(name, strlen(name), "resource");
}

static int cmp_item_name(const void *a, const void *b)
{
    return strcmp((*(ms_item *const *)a)->name, (*(ms_item *const *)b)->name);
}

/* Two resources with one name would make the manifest ambiguous (model_signing keeps
 * the last one in a dict): refuse. */
static int check_duplicates(const ms_manifest *m)
{
    if (m->n_items < 2)
        return PQS_OK;
    ms_item **v = malloc(m->n_items * sizeof *v);
    if (v == NULL)
        return PQS_E_NOMEM;
    for (size_t i = 0; i < m->n_items; i++)
        v[i] = &m->items[i];
    qsort(v, m->n_items, sizeof *v, cmp_item_name);
    int rc = PQS_OK;
    for (size_t i = 1; i < m->n_items && rc == PQS_OK; i++) {
        if (strcmp(v[i - 1]->name, v[i]->name) == 0)
            rc = pqs_error_set(PQS_E_DECODE, "duplicate resource name '%s'", v[i]->name);
    }
    free(v);
    return rc;
}

static int parse_resources(json_t *arr, ms_manifest *m)
{
    if (!json_is_array(arr))
        return pqs_error_set(PQS_E_DECODE, "predicate.resources is missing");
    if (json_array_size(arr) > MS_MAX_RESOURCES)
        return pqs_error_set(PQS_E_DECODE, "the manifest has more than %d resources",
                             MS_MAX_RESOURCES);
    m->items = calloc(json_array_size(arr) + 1, sizeof *m->items);
    if (m->items == NULL)
        return PQS_E_NOMEM;
    size_t i;
    json_t *r;
    json_array_foreach(arr, i, r) {
        m->n_items = i + 1;
        int rc = parse_resource(r, &m->items[i], m);
        if (rc != PQS_OK)
            return rc;
    }
    return check_duplicates(m);
}

static int parse_subject(json_t *st, ms_manifest *m, uint8_t root[MS_DIGEST_BYTES])
{
    json_t *subjects = json_object_get(st, "subject");
    if (!json_is_array(subjects) || json_array_size(subjects) != 1)
        return pqs_error_set(PQS_E_DECODE, "the statement must have exactly one subject");
    json_t *s = json_array_get(subjects, 0);
    const char *name = get_str(s, "name");
    const char *digest = get_str(json_object_get(s, "digest"), "sha256");
    if (name == NULL || digest == NULL)
        return pqs_error_set(PQS_E_DECODE, "the subject lacks its name or sha256 digest");
    if (ms_unhex(digest, root, MS_DIGEST_BYTES) != PQS_OK)
        return pqs_error_set(PQS_E_DECODE, "the subject digest is not 64 hex digits");
    m->model_name = strdup(name);
    return m->model_name ? PQS_OK : PQS_E_NOMEM;
}

static int parse_statement(json_t *st, ms_manifest *m)
{
    uint8_t claimed[MS_DIGEST_BYTES];
    const char *type = get_str(st, "_type"), *ptype = get_str(st, "predicateType");
    if (!json_is_object(st))
        return pqs_error_set(PQS_E_DECODE, "the payload is not a JSON object");
    if (type == NULL || strcmp(type, MS_STATEMENT_TYPE) != 0)
        return pqs_error_set(PQS_E_DECODE, "the payload is not an in-toto Statement v1");
    if (ptype == NULL || strcmp(ptype, MS_PREDICATE_TYPE) != 0)
        return pqs_error_set(PQS_E_DECODE, "unsupported predicateType '%s'", ptype ? ptype : "");
    int rc = parse_subject(st, m, claimed);
    json_t *pred = json_object_get(st, "predicate");
    if (rc == PQS_OK && !json_is_object(pred))
        rc = pqs_error_set(PQS_E_DECODE, "the statement has no predicate");
    if (rc == PQS_OK)
        rc = parse_serialization(json_object_get(pred, "serialization"), m);
    if (rc == PQS_OK)
        rc = parse_resources(json_object_get(pred, "resources"), m);
    if (rc != PQS_OK)
        return rc;
    ms_manifest_root(m, m->root);
    if (memcmp(m->root, claimed, MS_DIGEST_BYTES) != 0) {
        char got[2 * MS_DIGEST_BYTES + 1], want[2 * MS_DIGEST_BYTES + 1];
        ms_hex(m->root, MS_DIGEST_BYTES, got);
        ms_hex(claimed, MS_DIGEST_BYTES, want);
        return pqs_error_set(PQS_E_VERIFY,
                             "wrong root digest: the resources hash to %.16s... but the "
                             "subject digest is %.16s...", got, want);
    }
    return PQS_OK;
}

int ms_statement_parse(const uint8_t *buf, size_t len, ms_manifest *m)
{
    memset(m, 0, sizeof *m);
    json_error_t err;
    json_t *st = json_loadb((const char *)buf, len, JSON_REJECT_DUPLICATES, &err);
    if (st == NULL)
        return pqs_error_set(PQS_E_DECODE, "the payload is not valid JSON: %s", err.text);
    int rc = parse_statement(st, m);
    json_decref(st);
    if (rc != PQS_OK)
        ms_manifest_free(m);
    return rc;
}
