/* pqsafe version, pqsafe list. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "pqsafe/pqsafe.h"

int pqs_cmd_version(int argc, char **argv)
{
    if (pqs_cli_wants_help(argc, argv)) {
        puts("usage: pqsafe version\n\nPrints the library version and the CPU features it detected.\n"
             "Set PQSAFE_FORCE_PORTABLE=1 to force the portable code paths, PQSAFE_NO_AVX512=1 to\n"
             "use the AVX2 backends on an AVX-512 CPU.");
        return PQS_EXIT_OK;
    }
    if (argc > 1) {
        pqs_cli_error("version takes no arguments");
        return PQS_EXIT_USAGE;
    }
    printf("pqsafe %s\n", pqs_version());
    printf("cpu features: %s\n", pqs_cpu_features());
    printf("backends: %s\n", pqs_backends());
    return PQS_EXIT_OK;
}

int pqs_cmd_list(int argc, char **argv)
{
    if (pqs_cli_wants_help(argc, argv)) {
        puts("usage: pqsafe list\n\nLists every algorithm pqsafe implements, with its key, ciphertext\n"
             "or signature sizes in bytes and its NIST security category.");
        return PQS_EXIT_OK;
    }
    if (argc > 1) {
        pqs_cli_error("list takes no arguments");
        return PQS_EXIT_USAGE;
    }
    printf("%-22s %-9s %8s %8s %8s %6s\n", "KEM", "category", "ek", "dk", "ct", "ss");
    const pqs_kem *k;
    for (size_t i = 0; (k = pqs_kem_at(i)) != NULL; i++)
        printf("%-22s %-9d %8zu %8zu %8zu %6zu\n", k->name, k->security_category, k->ek_bytes,
               k->dk_bytes, k->ct_bytes, k->ss_bytes);
    printf("\n%-22s %-9s %8s %8s %8s\n", "signature", "category", "pk", "sk", "sig");
    const pqs_sig *s;
    for (size_t i = 0; (s = pqs_sig_at(i)) != NULL; i++)
        printf("%-22s %-9d %8zu %8zu %8zu\n", s->name, s->security_category, s->pk_bytes,
               s->sk_bytes, s->sig_bytes);
    return PQS_EXIT_OK;
}
