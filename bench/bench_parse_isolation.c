/* SPDX-License-Identifier: MIT */
/*
 * What isolating a source's parser in a worker process would cost (issue 19),
 * measured rather than guessed: for each file, the median time of
 *   - in-process: ms_source_parse() as the daemon does it;
 *   - isolated: fork() a child from a process of the daemon's size, which
 *     installs a seccomp filter (read/write/memory/exit only), parses and
 *     exits with the result; the parent waits and, only if the child
 *     succeeded, parses the same bytes itself (parsers are pure functions of
 *     the bytes, so a body that crashes the parser crashes the child only).
 *     Handing the cube back instead would need a second format and parser.
 *
 *   migstat-bench-parse-isolation [--iterations N] [--rss-mb M] KIND:FILE...
 *
 * --rss-mb touches M MiB first (default 114: the daemon's peak RSS while it
 * renders the default set, README Benchmark), because fork() copies page
 * tables in proportion to it.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench_util.h"
#include "migstat/source.h"

#if defined(__x86_64__)
#define BENCH_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define BENCH_AUDIT_ARCH AUDIT_ARCH_AARCH64
#else
#error "bench_parse_isolation: add this architecture's AUDIT_ARCH"
#endif

#define ALLOW(nr) \
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)

/* Only what a parser needs: memory, writing its result, exiting. */
static int confine(void) {
        struct sock_filter f[] = {
                BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
                BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, BENCH_AUDIT_ARCH, 1, 0),
                BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
                BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
                ALLOW(__NR_read),
                ALLOW(__NR_write),
                ALLOW(__NR_brk),
                ALLOW(__NR_mmap),
                ALLOW(__NR_munmap),
                ALLOW(__NR_mremap),
                ALLOW(__NR_madvise),
                ALLOW(__NR_exit_group),
                ALLOW(__NR_exit),
                ALLOW(__NR_rt_sigreturn),
                BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
        };
        struct sock_fprog prog = {.len = sizeof(f) / sizeof(f[0]), .filter = f};
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
            prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0)
                return -errno;
        return 0;
}

static int parse(const char *kind, const char *buf, size_t len) {
        ms_cube *c = NULL;
        ms_error err = {.offset = -1};
        int r = ms_source_parse(kind, buf, len, NULL, &c, &err);
        ms_cube_free(c);
        return r;
}

/* fork, confine, parse in the child; then parse here if it succeeded. */
static int parse_isolated(const char *kind, const char *buf, size_t len) {
        pid_t pid = fork();
        if (pid < 0)
                return -errno;
        if (pid == 0)
                _exit(confine() < 0 ? 2 : parse(kind, buf, len) < 0 ? 1 : 0);
        int status;
        if (waitpid(pid, &status, 0) < 0)
                return -errno;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
                return -EBADMSG; /* reported as this source's failure */
        return parse(kind, buf, len);
}

static int bench_file(const char *arg, size_t iterations) {
        char kind[32];
        const char *colon = strchr(arg, ':');
        if (!colon || (size_t) (colon - arg) >= sizeof(kind))
                return fprintf(stderr, "expected KIND:FILE, got %s\n", arg), -EINVAL;
        snprintf(kind, sizeof(kind), "%.*s", (int) (colon - arg), arg);
        _cleanup_(ms_buf_done) ms_buf in_file = {0};
        if (bench_read_file(colon + 1, &in_file) < 0 || in_file.len == 0)
                return fprintf(stderr, "cannot read %s, or it is empty\n", colon + 1), -EIO;
        const char *buf = in_file.data;
        size_t len = in_file.len;
        double *in = calloc(iterations, sizeof(double)), *iso = calloc(iterations, sizeof(double));
        int r = in && iso ? 0 : -ENOMEM;
        for (size_t i = 0; r >= 0 && i < iterations; i++) {
                double t0 = bench_now_ms();
                r = parse(kind, buf, len);
                double t1 = bench_now_ms();
                if (r >= 0)
                        r = parse_isolated(kind, buf, len);
                in[i] = t1 - t0;
                iso[i] = bench_now_ms() - t1;
        }
        if (r >= 0) {
                double a = bench_percentile(in, iterations, 0.5), b = bench_percentile(iso, iterations, 0.5);
                printf("%-13s %-44s %9zu %10.3f %10.3f %+9.3f\n", kind,
                       strrchr(arg, '/') ? strrchr(arg, '/') + 1 : arg, len, a, b, b - a);
        } else
                fprintf(stderr, "%s: parse failed (%d)\n", arg, r);
        free(in);
        free(iso);
        return r;
}

int main(int argc, char **argv) {
        size_t iterations = 30, rss_mb = 114;
        int i = 1;
        for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2)
                if (strcmp(argv[i], "--iterations") == 0)
                        iterations = strtoul(argv[i + 1], NULL, 10);
                else if (strcmp(argv[i], "--rss-mb") == 0)
                        rss_mb = strtoul(argv[i + 1], NULL, 10);
        if (i >= argc || iterations == 0)
                return fprintf(stderr, "usage: %s [--iterations N] [--rss-mb M] KIND:FILE...\n", argv[0]), 2;
        /* The daemon's size: fork() copies its page tables. */
        char *ballast = malloc(rss_mb << 20);
        if (rss_mb && !ballast)
                return 1;
        for (size_t k = 0; k < (rss_mb << 20); k += 4096)
                ballast[k] = 1;
        printf("median of %zu, ms; resident ballast %zu MiB\n", iterations, rss_mb);
        printf("%-13s %-44s %9s %10s %10s %9s\n", "kind", "file", "bytes", "in-process", "isolated", "cost");
        int status = 0;
        for (; i < argc; i++)
                if (bench_file(argv[i], iterations) < 0)
                        status = 1;
        free(ballast);
        return status;
}
