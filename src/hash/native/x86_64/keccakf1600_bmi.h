/* Keccak-f[1600] compiled with BMI1/BMI2 (ANDN, RORX): dispatch in src/hash/keccakf1600.c. */
#ifndef PQS_HASH_KECCAKF1600_BMI_H
#define PQS_HASH_KECCAKF1600_BMI_H

#include <stdint.h>

/* 1 when compiled in (x86-64, GCC/Clang); the CPU check is the caller's. */
int pqs_keccakf1600_bmi_available(void);
void pqs_keccakf1600_bmi(uint64_t s[25]);

#endif
