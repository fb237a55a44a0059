/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Cleanup helpers in the style of systemd's: a local declared with
 * _cleanup_(f) is passed to f(&local) when it goes out of scope, so every
 * early return frees.  TAKE_PTR() hands ownership over and leaves NULL behind.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#define _cleanup_(f) __attribute__((cleanup(f)))
#define _cleanup_free_ _cleanup_(freep)
#define _cleanup_close_ _cleanup_(closep)
#define _cleanup_fclose_ _cleanup_(fclosep)
#define _unused_ __attribute__((unused))
#define _printf_(a, b) __attribute__((format(printf, a, b)))

#define TAKE_PTR(p) \
        ({ \
                __typeof__(p) _ptr_ = (p); \
                (p) = NULL; \
                _ptr_; \
        })

#define TAKE_FD(fd) \
        ({ \
                int _fd_ = (fd); \
                (fd) = -1; \
                _fd_; \
        })

#define ELEMENTSOF(x) (sizeof(x) / sizeof((x)[0]))

/* Define name##p(type **p) calling func(*p) when *p is set. */
#define DEFINE_TRIVIAL_CLEANUP_FUNC(type, func) \
        static inline void func##p(type *p) { \
                if (*p) \
                        func(*p); \
        }

static inline void freep(void *p) {
        free(*(void **) p);
}

static inline void closep(int *fd) {
        if (*fd >= 0) {
                int saved = errno;
                (void) close(*fd);
                errno = saved;
        }
}

#include <stdio.h>
static inline void fclosep(FILE **f) {
        if (*f)
                (void) fclose(*f);
}
