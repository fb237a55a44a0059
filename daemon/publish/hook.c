/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "publish/hook.h"

#define HOOK_MAX_ARGS 32

/* Split command on blanks into argv (in buf), release_path appended. */
static int hook_split(char *buf, const char *release_path, char **argv, ms_error *err) {
        size_t n = 0;
        for (char *save = NULL, *t = strtok_r(buf, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
                if (n == HOOK_MAX_ARGS - 2)
                        return ms_error_set(err, -E2BIG, "", "expected at most %d arguments",
                                            HOOK_MAX_ARGS - 2);
                argv[n++] = t;
        }
        if (n == 0 || argv[0][0] != '/')
                return ms_error_set(err, -EINVAL, "", "expected an absolute path to a program, got \"%s\"",
                                    n ? argv[0] : "");
        argv[n++] = (char *) release_path;
        argv[n] = NULL;
        return 0;
}

static long hook_elapsed_ms(const struct timespec *start) {
        struct timespec now;
        (void) clock_gettime(CLOCK_MONOTONIC, &now);
        return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

/* Wait for pid at most timeout_sec through a pidfd (no polling loop, no
 * SIGCHLD handler needed); kill it when the time is up. */
static int hook_wait(pid_t pid, const char *prog, unsigned timeout_sec, ms_error *err) {
        int pidfd = (int) syscall(SYS_pidfd_open, pid, 0);
        struct timespec start;
        (void) clock_gettime(CLOCK_MONOTONIC, &start);
        long limit = (long) timeout_sec * 1000;
        bool timed_out = false;
        while (pidfd >= 0) {
                long left = limit - hook_elapsed_ms(&start);
                struct pollfd p = {.fd = pidfd, .events = POLLIN};
                int q = left > 0 ? poll(&p, 1, (int) left) : 0;
                if (q < 0 && errno == EINTR)
                        continue;
                if (q == 0) {
                        timed_out = true;
                        /* the whole process group: a hook script's children too */
                        if (kill(-pid, SIGKILL) < 0)
                                (void) kill(pid, SIGKILL);
                }
                break;
        }
        if (pidfd >= 0)
                (void) close(pidfd);
        int status;
        while (waitpid(pid, &status, 0) < 0)
                if (errno != EINTR)
                        return ms_error_set(err, -errno, "", "cannot wait for %s: %m", prog);
        if (timed_out)
                return ms_error_set(err, -ETIMEDOUT, "", "%s took longer than %us and was killed", prog,
                                    timeout_sec);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
                return 0;
        if (WIFEXITED(status))
                return ms_error_set(err, -EPROTO, "", "%s exited with status %d", prog, WEXITSTATUS(status));
        return ms_error_set(err, -EPROTO, "", "%s was killed by signal %d", prog, WTERMSIG(status));
}

int ms_hook_run(const char *command, const char *release_path, unsigned timeout_sec, ms_error *err) {
        _cleanup_free_ char *buf = strdup(command);
        char *argv[HOOK_MAX_ARGS];
        if (!buf)
                return -ENOMEM;
        int r = hook_split(buf, release_path, argv, err);
        if (r < 0)
                return r;
        /* Report exec failures through a close-on-exec pipe: the parent
         * reads the child's errno, or EOF when exec succeeded. */
        int pfd[2];
        if (pipe2(pfd, O_CLOEXEC) < 0)
                return ms_error_set(err, -errno, "", "cannot create a pipe: %m");
        pid_t pid = fork();
        if (pid < 0) {
                r = -errno;
                (void) close(pfd[0]);
                (void) close(pfd[1]);
                return ms_error_set(err, r, "", "cannot fork: %s", strerror(-r));
        }
        if (pid == 0) {
                int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
                if (null >= 0)
                        (void) dup2(null, STDIN_FILENO);
                (void) setpgid(0, 0);
                execv(argv[0], argv);
                int e = errno;
                (void) !write(pfd[1], &e, sizeof(e));
                _exit(127);
        }
        (void) close(pfd[1]);
        int child_errno = 0;
        ssize_t n;
        while ((n = read(pfd[0], &child_errno, sizeof(child_errno))) < 0 && errno == EINTR)
                ;
        (void) close(pfd[0]);
        if (n == (ssize_t) sizeof(child_errno)) {
                (void) waitpid(pid, NULL, 0);
                return ms_error_set(err, -child_errno, "", "cannot execute %s: %s", argv[0],
                                    strerror(child_errno));
        }
        return hook_wait(pid, argv[0], timeout_sec, err);
}
