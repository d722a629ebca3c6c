#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this processor has the SHA extensions (x86-64 SHA-NI, with SSSE3 and
/// SSE4.1), so that `csha256_compress` may be called; 0 otherwise.
int csha256_available(void);

/// SHA-256's 64 round constants, K0 to K63.
const uint32_t *csha256_round_constants(void);

/// SHA-256's compression of `blocks` whole 64-byte blocks at `data` (any
/// alignment) into `state` (a, b, …, h), with the processor's SHA instructions.
/// Only when `csha256_available()` said 1.
void csha256_compress(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
