/* Run-time CPU feature detection: the single source every dispatch point asks. */
#ifndef PQS_CORE_CPU_H
#define PQS_CORE_CPU_H

enum {
    PQS_CPU_AVX2 = 1u << 0,
    PQS_CPU_AVX512 = 1u << 1,   /* AVX-512 F + BW + VL */
    PQS_CPU_SHANI = 1u << 2,
    PQS_CPU_BMI2 = 1u << 3,
    PQS_CPU_AVX512VBMI2 = 1u << 4   /* AVX-512 VBMI2 (16-bit compress), with PQS_CPU_AVX512 */
};

/* Features of this CPU, detected once (thread-safe); 0 when PQSAFE_FORCE_PORTABLE=1
 * is set in the environment, so every primitive takes its portable path; without the
 * AVX-512 bits when PQSAFE_NO_AVX512=1 (every primitive takes its AVX2 path). */
unsigned pqs_cpu_features_mask(void);

#endif
