#include "mldsa_test_util.h"

#include <stdlib.h>
#include <string.h>

const pqs_mldsa_params *mldsa_params_by_name(const char *name)
{
    static const pqs_mldsa_params *const sets[] = {&pqs_mldsa44, &pqs_mldsa65, &pqs_mldsa87};
    for (size_t i = 0; i < 3; i++) {
        if (name != NULL && strcmp(sets[i]->name, name) == 0)
            return sets[i];
    }
    fprintf(stderr, "unknown ML-DSA parameter set '%s'\n", name ? name : "(null)");
    exit(2);
}

const pqs_sig *mldsa_sig_by_params(const pqs_mldsa_params *p)
{
    const pqs_sig *s = pqs_sig_find(p->name);
    if (s == NULL) {
        fprintf(stderr, "%s is not registered\n", p->name);
        exit(2);
    }
    return s;
}

uint8_t *mldsa_opt_hex(json_t *obj, const char *key, size_t *len)
{
    json_t *v = json_object_get(obj, key);
    *len = 0;
    if (!json_is_string(v))
        return NULL;
    return pqs_test_unhex(json_string_value(v), len);
}

const char *mldsa_str(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : "";
}
