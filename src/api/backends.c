/* Which implementation each dispatch point chose for this process: what `pqsafe version`
 * prints, so a user can see the CPU features the library actually uses. */
#include <pthread.h>
#include <stdio.h>

#include "core/cpu.h"
#include "hash/fips202.h"
#include "hash/keccak_x4.h"
#include "hash/sha2.h"
#include "mldsa/backend.h"
#include "mlkem/backend.h"
#include "pqsafe/common.h"

static char g_text[256];
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static void describe(void)
{
    unsigned f = pqs_hash_cpu_features();
    snprintf(g_text, sizeof g_text,
             "keccak %s, %u-way batches; sha-256 %s, %u lanes; sha-512 %u lanes; "
             "ml-kem %s; ml-dsa %s; slh-dsa on the hash lanes",
             pqs_keccakf1600_name(), pqs_keccak_lanes(),
             (f & PQS_CPU_SHANI) ? "sha-ni" : "portable", pqs_sha256_lanes(), pqs_sha512_lanes(),
             pqs_mlkem_backend_get()->name, pqs_mldsa_backend_get()->name);
}

const char *pqs_backends(void)
{
    pthread_once(&g_once, describe);
    return g_text;
}
