#ifndef TUNEDASH_CSYSTEMSHIMS_H
#define TUNEDASH_CSYSTEMSHIMS_H

/// Atomically exchanges two paths (both must exist), so a reader sees either the old or the
/// new one and never neither: Linux renameat2(RENAME_EXCHANGE).
/// Returns 0, or -1 with errno set (ENOSYS or EINVAL where the system or file system
/// cannot exchange; the caller then falls back to two renames).
int tunedash_exchange_paths(const char *first, const char *second);

/// Copies the running program's GNU build id (the linker's digest of its code) into `out`, at
/// most `capacity` bytes, and returns its length; 0 where the program carries none.
int tunedash_program_build_id(unsigned char *out, int capacity);

/// Asks the processor to start loading the cache line at `address` (a hint; never faults).
static inline void tunedash_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

/// Returns memory that malloc holds free to the system, in every thread's arena (glibc's
/// malloc_trim); does nothing where there is no such call.
void tunedash_return_free_memory(void);

/// Serves every allocation of at least `bytes` with its own mapping, returned to the system when
/// freed (glibc's M_MMAP_THRESHOLD). Fixing it also stops glibc from raising the threshold after
/// each large free, which leaves the heap holding freed megabytes no other size reuses.
void tunedash_set_mmap_threshold(int bytes);

/// Flushes the whole file system holding the open file `descriptor` to disk (Linux syncfs):
/// one call after writing many files instead of one fsync each. Returns 0, or -1 with errno set;
/// where there is no syncfs, falls back to fsync of `descriptor` alone.
int tunedash_sync_file_system(int descriptor);

/// Starts the program at `path` with the NULL-terminated `arguments` and the caller's
/// environment, its standard input reading the open file `input`, its standard output and
/// error writing into a new pipe whose read end (close-on-exec, so no other child inherits it)
/// goes to `*output`; every other descriptor is closed in the child, and every signal has its
/// default action there. Returns the child's
/// process id, or -1 with errno set (nothing left open). Safe to call from several threads.
int tunedash_spawn(const char *path, char *const arguments[], int input, int *output);

/// Waits for the child `pid` to end: its exit code, 128 + the signal that ended it, or -1 with
/// errno set.
int tunedash_wait_exit(int pid);

/// From now on, the first SIGTERM, SIGINT or SIGHUP only asks the process to stop (see
/// `tunedash_stop_signal`); a second one of the same kind has its default action. The three
/// are unblocked on the calling thread, whatever mask the process inherited.
void tunedash_catch_stop_signals(void);

/// The signal that asked the process to stop since `tunedash_catch_stop_signals`, or 0.
int tunedash_stop_signal(void);

#endif
