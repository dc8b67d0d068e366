/* The twelve SLH-DSA parameter sets of FIPS 205 Table 2, as data. */
#include <strings.h>

#include "hash.h"
#include "params.h"

#define DEFINE_SET(var, str, suite, n, h, d, a, k, m, cat)                                  \
    const pqs_slhdsa_params pqs_slhdsa_##var = {                                          \
        str, n, h, d, (h) / (d), a, k, PQS_SLHDSA_LG_W, m, 2 * (n) + 3, cat,              \
        &pqs_slhdsa_##suite, PQS_SLHDSA_PK_BYTES(n), PQS_SLHDSA_SK_BYTES(n),             \
        PQS_SLHDSA_SIG_BYTES(n, h, d, a, k)};
PQS_SLHDSA_SETS(DEFINE_SET)

#define ADDRESS_OF(var, ...) &pqs_slhdsa_##var,
static const pqs_slhdsa_params *const g_sets[] = {PQS_SLHDSA_SETS(ADDRESS_OF)};

const pqs_slhdsa_params *pqs_slhdsa_params_at(size_t i)
{
    return i < sizeof g_sets / sizeof g_sets[0] ? g_sets[i] : NULL;
}

const pqs_slhdsa_params *pqs_slhdsa_params_find(const char *name)
{
    if (name == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof g_sets / sizeof g_sets[0]; i++) {
        if (strcasecmp(g_sets[i]->name, name) == 0)
            return g_sets[i];
    }
    return NULL;
}
