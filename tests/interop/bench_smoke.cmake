# Runs `pqsafe bench kem --alg ML-KEM-512 --iterations 5`; passes when it exits 0 and
# prints a table row with a ratio against OpenSSL (e.g. "ML-KEM-512  Encaps ... 1.23x").
execute_process(COMMAND ${PQSAFE} bench kem --alg ML-KEM-512 --iterations 5
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pqsafe bench exited with ${rc}")
endif()
if(NOT out MATCHES "ML-KEM-512 +[A-Za-z]+ [^\n]*[0-9]+\\.[0-9]+x")
  message(FATAL_ERROR "no ratio line in the benchmark output (is the peer installed? run scripts/setup.sh)")
endif()
