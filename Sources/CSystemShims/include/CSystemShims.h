#ifndef TUNEDASH_CSYSTEMSHIMS_H
#define TUNEDASH_CSYSTEMSHIMS_H

/// Atomically exchanges two paths (both must exist), so a reader sees either the old or the
/// new one and never neither: Linux renameat2(RENAME_EXCHANGE).
/// Returns 0, or -1 with errno set (ENOSYS or EINVAL where the system or file system
/// cannot exchange; the caller then falls back to two renames).
int tunedash_exchange_paths(const char *first, const char *second);

/// Asks the processor to start loading the cache line at `address` (a hint; never faults).
static inline void tunedash_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
