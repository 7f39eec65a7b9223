#ifndef CPTY_SHIM_H
#define CPTY_SHIM_H
// What Swift's Glibc module does not show: the pty functions and posix_spawn extensions sit
// behind _XOPEN_SOURCE/_GNU_SOURCE in glibc's headers (declared again here, same
// prototypes), POSIX_SPAWN_SETSID is a _GNU_SOURCE macro, and ioctl is variadic.
#include <stddef.h>
#include <spawn.h>
#include <sys/ioctl.h>

extern int posix_openpt(int flags);
extern int grantpt(int fd);
extern int unlockpt(int fd);
extern int ptsname_r(int fd, char *buf, size_t buflen);
extern int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *actions, const char *path);
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);

/// glibc's POSIX_SPAWN_SETSID (2.26+): the child calls setsid() before its file actions.
static const short CPTY_POSIX_SPAWN_SETSID = 0x80;

/// TIOCSWINSZ on a pty: the terminal size the program sees (and SIGWINCH for its group).
static inline int cpty_set_window_size(int fd, unsigned short rows, unsigned short cols) {
    struct winsize size = { .ws_row = rows, .ws_col = cols, .ws_xpixel = 0, .ws_ypixel = 0 };
    return ioctl(fd, TIOCSWINSZ, &size);
}
#endif
