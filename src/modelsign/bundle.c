/* The Sigstore bundle v0.3 JSON (protobuf-specs Bundle, JSON field names) as
 * model_signing's key signers write it:
 *   {"mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
 *    "verificationMaterial": {"publicKey": {"hint": HEX}, "tlogEntries": []},
 *    "dsseEnvelope": {"payload": B64, "payloadType": "application/vnd.in-toto+json",
 *                     "signatures": [{"sig": B64, "keyid": ALG}, ...]}}
 * The envelope follows DSSE v1.0 (github.com/secure-systems-lab/dsse, envelope.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "ms_int.h"

static json_t *signatures_json(const ms_bundle *b)
{
    json_t *arr = json_array();
    int bad = arr == NULL;
    for (size_t i = 0; !bad && i < b->n_sigs; i++) {
        char *sig = ms_b64_encode(b->sigs[i].sig, b->sigs[i].sig_len);
        json_t *s = sig ? json_pack("{s:s, s:s}", "sig", sig, "keyid", b->sigs[i].keyid) : NULL;
        free(sig);
        bad = s == NULL || json_array_append_new(arr, s) != 0;
    }
    if (bad) {
        json_decref(arr);
        return NULL;
    }
    return arr;
}

int ms_bundle_encode(const ms_bundle *b, char **out, size_t *out_len)
{
    char *payload = ms_b64_encode(b->payload, b->payload_len);
    json_t *sigs = signatures_json(b);
    json_t *doc = NULL;
    if (payload != NULL && sigs != NULL) {
        doc = json_pack("{s:s, s:{s:{s:s}, s:[]}, s:{s:s, s:s, s:o}}",
                        "mediaType", MS_BUNDLE_MEDIA_TYPE,
                        "verificationMaterial", "publicKey", "hint", b->hint, "tlogEntries",
                        "dsseEnvelope", "payload", payload, "payloadType", MS_PAYLOAD_TYPE,
                        "signatures", sigs);
        sigs = NULL;
    }
    json_decref(sigs);
    free(payload);
    if (doc == NULL)
        return pqs_error_set(PQS_E_NOMEM, "cannot build the signature bundle");
    char *text = json_dumps(doc, JSON_INDENT(2));
    json_decref(doc);
    size_t n = text ? strlen(text) : 0;
    *out = text ? realloc(text, n + 2) : NULL;
    if (*out == NULL) {
        free(text);
        return pqs_error_set(PQS_E_NOMEM, "cannot encode the signature bundle");
    }
    memcpy(*out + n, "\n", 2);   /* a text file ends with a newline */
    *out_len = n + 1;
    return PQS_OK;
}

static int parse_signature(json_t *s, ms_signature *out, size_t index)
{
    const char *sig = json_string_value(json_object_get(s, "sig"));
    json_t *keyid = json_object_get(s, "keyid");
    if (!json_is_object(s) || sig == NULL)
        return pqs_error_set(PQS_E_DECODE, "DSSE signature %zu has no sig", index);
    if (keyid != NULL && !json_is_string(keyid))
        return pqs_error_set(PQS_E_DECODE, "DSSE signature %zu has a non-string keyid", index);
    out->keyid = strdup(keyid ? json_string_value(keyid) : "");
    if (out->keyid == NULL)
        return PQS_E_NOMEM;
    if (ms_b64_decode(sig, strlen(sig), &out->sig, &out->sig_len) != PQS_OK) {
        char prefix[48];
        snprintf(prefix, sizeof prefix, "DSSE signature %zu: ", index);
        return ms_error_wrap(PQS_E_DECODE, prefix);
    }
    return PQS_OK;
}

static int parse_envelope(json_t *env, ms_bundle *b)
{
    if (!json_is_object(env))
        return pqs_error_set(PQS_E_DECODE, "the bundle has no dsseEnvelope");
    const char *type = json_string_value(json_object_get(env, "payloadType"));
    json_t *jp = json_object_get(env, "payload");
    json_t *sigs = json_object_get(env, "signatures");
    if (type == NULL || strcmp(type, MS_PAYLOAD_TYPE) != 0)
        return pqs_error_set(PQS_E_DECODE, "DSSE payloadType is '%s', expected %s",
                             type ? type : "", MS_PAYLOAD_TYPE);
    if (!json_is_string(jp))
        return pqs_error_set(PQS_E_DECODE, "DSSE payload is missing");
    if (ms_b64_decode(json_string_value(jp), json_string_length(jp), &b->payload,
                      &b->payload_len) != PQS_OK)
        return ms_error_wrap(PQS_E_DECODE, "DSSE payload: ");
    if (!json_is_array(sigs) || json_array_size(sigs) == 0)
        return pqs_error_set(PQS_E_DECODE, "DSSE envelope has no signatures");
    if (json_array_size(sigs) > MS_MAX_SIGS)
        return pqs_error_set(PQS_E_DECODE, "DSSE envelope has %zu signatures (at most %d)",
                             json_array_size(sigs), MS_MAX_SIGS);
    size_t i;
    json_t *s;
    json_array_foreach(sigs, i, s) {
        b->n_sigs = i + 1;
        int rc = parse_signature(s, &b->sigs[i], i);
        if (rc != PQS_OK)
            return rc;
    }
    return PQS_OK;
}

static int parse_bundle(json_t *doc, ms_bundle *b)
{
    if (!json_is_object(doc))
        return pqs_error_set(PQS_E_DECODE, "the signature file is not a JSON object");
    const char *media = json_string_value(json_object_get(doc, "mediaType"));
    if (media == NULL || strcmp(media, MS_BUNDLE_MEDIA_TYPE) != 0)
        return pqs_error_set(PQS_E_DECODE, "not a Sigstore bundle v0.3 (mediaType '%s')",
                             media ? media : "");
    json_t *vm = json_object_get(doc, "verificationMaterial");
    if (!json_is_object(vm))
        return pqs_error_set(PQS_E_DECODE, "the bundle has no verificationMaterial");
    json_t *pk = json_object_get(vm, "publicKey");
    json_t *hint = json_object_get(pk, "hint");
    if (pk != NULL && !json_is_object(pk))
        return pqs_error_set(PQS_E_DECODE, "verificationMaterial.publicKey is not an object");
    if (hint != NULL && !json_is_null(hint)) {
        if (!json_is_string(hint))
            return pqs_error_set(PQS_E_DECODE, "publicKey.hint is not a string");
        b->hint = strdup(json_string_value(hint));
        if (b->hint == NULL)
            return PQS_E_NOMEM;
    }
    return parse_envelope(json_object_get(doc, "dsseEnvelope"), b);
}

int ms_bundle_parse(const uint8_t *buf, size_t len, ms_bundle *b)
{
    memset(b, 0, sizeof *b);
    json_error_t err;
    json_t *doc = json_loadb((const char *)buf, len, JSON_REJECT_DUPLICATES, &err);
    if (doc == NULL)
        return pqs_error_set(PQS_E_DECODE, "the signature file is not valid JSON (line %d: %s)",
                             err.line, err.text);
    int rc = parse_bundle(doc, b);
    json_decref(doc);
    if (rc != PQS_OK)
        ms_bundle_free(b);
    return rc;
}

void ms_bundle_free(ms_bundle *b)
{
    free(b->hint);
    free(b->payload);
    for (size_t i = 0; i < b->n_sigs; i++) {
        free(b->sigs[i].keyid);
        free(b->sigs[i].sig);
    }
    memset(b, 0, sizeof *b);
}
