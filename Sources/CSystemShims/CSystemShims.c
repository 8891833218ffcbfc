#define _GNU_SOURCE
#include "CSystemShims.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
#if defined(__GLIBC__) || defined(__linux__)
#include <elf.h>
#include <link.h>
#include <malloc.h>
#include <string.h>
#endif
#if defined(__linux__)
#include <sys/syscall.h>
#include <unistd.h>
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif
#endif

int tunedash_exchange_paths(const char *first, const char *second) {
#if defined(__linux__) && defined(SYS_renameat2)
  return (int)syscall(SYS_renameat2, AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
#else
  (void)first;
  (void)second;
  errno = ENOSYS;
  return -1;
#endif
}

void tunedash_return_free_memory(void) {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

void tunedash_set_mmap_threshold(int bytes) {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, bytes);
#else
  (void)bytes;
#endif
}

int tunedash_sync_file_system(int descriptor) {
#if defined(__linux__)
  return syncfs(descriptor);
#else
  return fsync(descriptor);
#endif
}

extern char **environ;

int tunedash_spawn(const char *path, char *const arguments[], int input, int *output) {
  int pipe_ends[2];
  if (pipe2(pipe_ends, O_CLOEXEC) != 0) return -1;
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attributes);
  posix_spawn_file_actions_adddup2(&actions, input, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], 2);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
  // Nothing else of this process reaches the child: a file another thread is writing (a
  // program busy being written cannot be run), or a descriptor whose end another process
  // watches (the pipe of another job, or what started TuneDash, which would wait for the
  // program too).
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
#endif
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &all);
  short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
#if defined(POSIX_SPAWN_SETSID)
  // A session of its own: a Ctrl-C, a closed terminal or a signal to TuneDash's process group
  // ends TuneDash but not a program holding a message, which then sends it whole (the send
  // log counts it as probably delivered, and no run sends it again). Without a controlling
  // terminal, a program that would ask for a password fails instead of waiting for ever.
  flags |= POSIX_SPAWN_SETSID;
#endif
  posix_spawnattr_setflags(&attributes, flags);
  pid_t pid;
  int failure = posix_spawn(&pid, path, &actions, &attributes, arguments, environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  close(pipe_ends[1]);
  if (failure != 0) {
    close(pipe_ends[0]);
    errno = failure;
    return -1;
  }
  *output = pipe_ends[0];
  return (int)pid;
}

static volatile sig_atomic_t stop_signal = 0;

static void note_stop_signal(int signal) { stop_signal = signal; }

void tunedash_catch_stop_signals(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = note_stop_signal;
  sigemptyset(&action.sa_mask);
  // SA_RESETHAND: a second Ctrl-C ends the process at once. SA_RESTART: no call of another
  // thread sees EINTR for it.
  action.sa_flags = SA_RESETHAND | SA_RESTART;
  sigset_t stops;
  sigemptyset(&stops);
  int signals[] = {SIGTERM, SIGINT, SIGHUP};
  for (size_t index = 0; index < sizeof signals / sizeof signals[0]; index++) {
    sigaction(signals[index], &action, NULL);
    sigaddset(&stops, signals[index]);
  }
  pthread_sigmask(SIG_UNBLOCK, &stops, NULL);
}

int tunedash_stop_signal(void) { return stop_signal; }

int tunedash_wait_exit(int pid) {
  int status;
  while (waitpid((pid_t)pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

#if defined(__GLIBC__) || defined(__linux__)
struct build_id_search {
  unsigned char *out;
  int capacity;
  int length;
};

/// Looks for the build id note in the program headers of the first object dl_iterate_phdr
/// reports (the program itself), then stops.
static int find_build_id(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size;
  struct build_id_search *search = data;
  for (int index = 0; index < info->dlpi_phnum; index++) {
    const ElfW(Phdr) *header = &info->dlpi_phdr[index];
    if (header->p_type != PT_NOTE) continue;
    const char *note = (const char *)(info->dlpi_addr + header->p_vaddr);
    const char *end = note + header->p_memsz;
    // Names and descriptions are padded to the segment's alignment: 4, or 8 for some notes.
    size_t pad = header->p_align == 8 ? 7 : 3;
    while (note + sizeof(ElfW(Nhdr)) <= end) {
      const ElfW(Nhdr) *entry = (const ElfW(Nhdr) *)note;
      const char *name = note + sizeof(ElfW(Nhdr));
      const char *description = name + ((entry->n_namesz + pad) & ~pad);
      if (description + entry->n_descsz > end) break;
      if (entry->n_type == NT_GNU_BUILD_ID && entry->n_namesz == 4 && memcmp(name, "GNU", 4) == 0) {
        int length = (int)entry->n_descsz < search->capacity ? (int)entry->n_descsz : search->capacity;
        memcpy(search->out, description, (size_t)length);
        search->length = length;
        return 1;
      }
      note = description + ((entry->n_descsz + pad) & ~pad);
    }
  }
  return 1;
}
#endif

int tunedash_program_build_id(unsigned char *out, int capacity) {
#if defined(__GLIBC__) || defined(__linux__)
  struct build_id_search search = {out, capacity, 0};
  dl_iterate_phdr(find_build_id, &search);
  return search.length;
#else
  (void)out;
  (void)capacity;
  return 0;
#endif
}
