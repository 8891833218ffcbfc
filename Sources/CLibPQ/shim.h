// libpq, PostgreSQL's own client library (Debian: libpq-dev to build, libpq5 to run).
#include <libpq-fe.h>
