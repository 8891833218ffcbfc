// OpenSSL's libcrypto from the system (Debian: libssl-dev to build, libssl3 to run): the hashes
// and HMAC that pseudonyms and S3 signing need.
#include <openssl/evp.h>
#include <openssl/hmac.h>
