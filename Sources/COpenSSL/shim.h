#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H
// libcrypto only: digests, HMAC and random bytes for SigV4 (TLS is libcurl's business).
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#endif
