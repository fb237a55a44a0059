/* SPDX-License-Identifier: MIT */
/*
 * migstat-bench-fetch: the fetch path (curl multi on sd-event, cache,
 * conditional requests) against a real server, usually nginx on loopback
 * started by bench/fetch.sh.
 *
 *   migstat-bench-fetch --base URL --count N --state DIR [--iterations K]
 *
 * Sources are URL/0.json .. URL/(N-1).json.  Prints, median over K runs:
 *   serial     all N fetched over one connection (MaxConnectionsPerHost=1)
 *   parallel   all N at once (MaxConnectionsPerHost=N)
 *   poll-304   a poll of N unchanged cached sources: every answer a 304,
 *              each cached body read (as --once does to render)
 *   unchanged  the daemon's poll cycle when nothing changed: all 304, the
 *              bytes compared with the current release's manifest, nothing
 *              read, parsed, rendered or written
 * with CPU time (user+sys) and bytes written (cache files changed,
 * /proc/self/io write_bytes and wchar).
 */
#include <dirent.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "bench_util.h"
#include "config/config.h"
#include "fetch/fetch.h"
#include "base/fileio.h"
#include "fetch/source_fetch.h"

typedef struct sample {
        double wall_ms, cpu_ms;
        long long write_bytes, wchar, files_changed, bytes;
} sample;

static double cpu_ms(void) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        return (double) (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
               (double) (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static void proc_io(long long *write_bytes, long long *wchar) {
        FILE *f = fopen("/proc/self/io", "re");
        char key[64];
        long long v;
        *write_bytes = *wchar = -1;
        while (f && fscanf(f, "%63[^:]: %lld\n", key, &v) == 2) {
                if (strcmp(key, "write_bytes") == 0)
                        *write_bytes = v;
                else if (strcmp(key, "wchar") == 0)
                        *wchar = v;
        }
        if (f)
                fclose(f);
}

/* A fingerprint of the cache directory: sum of inode, mtime and size. */
static unsigned long long cache_fingerprint(const char *state, long long *n_files) {
        char dir[4096], path[8192];
        snprintf(dir, sizeof(dir), "%s/cache", state);
        DIR *d = opendir(dir);
        unsigned long long fp = 0;
        *n_files = 0;
        for (struct dirent *e; d && (e = readdir(d));) {
                struct stat st;
                snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
                if (e->d_name[0] == '.' || stat(path, &st) < 0)
                        continue;
                fp += (unsigned long long) st.st_ino * 31 + (unsigned long long) st.st_mtim.tv_nsec +
                      (unsigned long long) st.st_mtim.tv_sec * 7 + (unsigned long long) st.st_size;
                (*n_files)++;
        }
        if (d)
                closedir(d);
        return fp;
}

/* A current release whose manifest lists the cached sources, as the daemon's
 * last publish would have left it. */
static int write_manifest(const ms_config *c, const char *pub) {
        char path[8192];
        snprintf(path, sizeof(path), "%s/current", pub);
        if (ms_mkdir_p(path) < 0)
                return -1;
        snprintf(path, sizeof(path), "%s/current/index.json", pub);
        FILE *f = fopen(path, "we");
        if (!f)
                return -1;
        fputs("{\"sources\": [", f);
        for (size_t i = 0; i < c->n_sources; i++) {
                ms_cache_meta m = {0};
                ms_error err = {.offset = -1};
                if (ms_cache_load_meta(c->state_dir, c->sources[i].id, &m, &err) < 0)
                        return fclose(f), -1;
                fprintf(f, "%s{\"id\": \"%s\", \"url\": \"%s\", \"sha256\": \"%s\"}", i ? ", " : "",
                        c->sources[i].id, c->sources[i].url, m.sha256);
                ms_cache_meta_done(&m);
        }
        fputs("]}\n", f);
        return fclose(f) == 0 ? 0 : -1;
}

static int poll_once(ms_config *c, bool commit, const char *pub, sample *s) {
        ms_source_fetch *a = NULL;
        long long wb0, wc0, wb1, wc1, n0, n1;
        unsigned long long fp0 = cache_fingerprint(c->state_dir, &n0);
        proc_io(&wb0, &wc0);
        double t0 = bench_now_ms(), c0 = cpu_ms();
        int r = ms_source_fetch_all(c, NULL, &a);
        if (r >= 0 && pub && !ms_source_fetch_unchanged(c, a, pub)) {
                fprintf(stderr, "a source changed\n");
                r = -1;
        }
        for (size_t i = 0; r >= 0 && !pub && i < c->n_sources; i++)
                if (ms_source_fetch_load(c, &a[i]) < 0)
                        r = -1;
        double t1 = bench_now_ms(), c1 = cpu_ms();
        proc_io(&wb1, &wc1);
        if (r < 0)
                return r;
        long long bytes = 0;
        for (size_t i = 0; r >= 0 && i < c->n_sources; i++) {
                if (a[i].error < 0 && !a[i].from_cache) {
                        fprintf(stderr, "%s: %s\n", a[i].source->id, a[i].reason);
                        r = -1;
                }
                bytes += (long long) a[i].body.len;
                if (commit)
                        ms_source_fetch_commit(c, &a[i]);
        }
        ms_source_fetch_free_all(a, c->n_sources);
        unsigned long long fp1 = cache_fingerprint(c->state_dir, &n1);
        *s = (sample){.wall_ms = t1 - t0,
                      .cpu_ms = c1 - c0,
                      .write_bytes = wb1 - wb0,
                      .wchar = wc1 - wc0,
                      .files_changed = fp0 == fp1 && n0 == n1 ? 0 : (n1 > 0 ? n1 : 1),
                      .bytes = bytes};
        return r;
}

static int cmp_sample(const void *x, const void *y) {
        double a = ((const sample *) x)->wall_ms, b = ((const sample *) y)->wall_ms;
        return a < b ? -1 : a > b;
}

static void report(const char *name, sample *v, unsigned n) {
        qsort(v, n, sizeof(*v), cmp_sample);
        sample m = v[n / 2];
        printf("%-10s wall %8.1f ms  cpu %7.1f ms  body %9lld B  cache files changed %lld  write_bytes %lld  "
               "wchar %lld\n",
               name, m.wall_ms, m.cpu_ms, m.bytes, m.files_changed, m.write_bytes, m.wchar);
}

int main(int argc, char **argv) {
        const char *base = NULL, *state = NULL;
        unsigned count = 20, iterations = 5;
        static const struct option opts[] = {{"base", required_argument, NULL, 'b'},
                                             {"count", required_argument, NULL, 'n'},
                                             {"state", required_argument, NULL, 's'},
                                             {"iterations", required_argument, NULL, 'i'},
                                             {}};
        for (int o; (o = getopt_long(argc, argv, "", opts, NULL)) >= 0;) {
                if (o == 'b')
                        base = optarg;
                else if (o == 'n')
                        count = (unsigned) strtoul(optarg, NULL, 10);
                else if (o == 's')
                        state = optarg;
                else if (o == 'i')
                        iterations = (unsigned) strtoul(optarg, NULL, 10);
                else
                        return 2;
        }
        if (!base || !state || count == 0 || count > 1000 || iterations == 0 || iterations > 100) {
                fprintf(stderr,
                        "usage: migstat-bench-fetch --base URL --state DIR [--count 1..1000] [--iterations 1..100]\n");
                return 2;
        }
        if (ms_fetch_init() < 0)
                return 1;
        ms_source_config *src = calloc(count, sizeof(*src));
        sample *v = calloc(iterations, sizeof(*v));
        for (unsigned i = 0; i < count; i++) {
                src[i].id = NULL;
                if (asprintf(&src[i].id, "bench-%u", i) < 0 ||
                    asprintf(&src[i].url, "%s/%u.json", base, i) < 0)
                        return 1;
                src[i].kind = (char *) "jsonstat";
                src[i].max_bytes = 64u << 20;
                src[i].timeout_sec = 60;
        }
        ms_config c = {.state_dir = (char *) state,
                       .sources = src,
                       .n_sources = count,
                       .fetch_max_retries = 0,
                       .fetch_retry_base_msec = 100,
                       .fetch_max_retry_after_sec = 1};
        int r = 0;
        const struct {
                const char *name;
                unsigned conns;
        } runs[] = {{"serial", 1}, {"parallel", count}};
        for (size_t k = 0; k < 2 && r >= 0; k++) {
                c.fetch_max_host_connections = runs[k].conns;
                for (unsigned i = 0; i < iterations && r >= 0; i++) {
                        (void) ms_rm_rf_at(AT_FDCWD, state);
                        r = poll_once(&c, false, NULL, &v[i]);
                }
                if (r >= 0)
                        report(runs[k].name, v, iterations);
        }
        c.fetch_max_host_connections = 4;
        sample warm;
        if (r >= 0)
                r = poll_once(&c, true, NULL, &warm); /* fill the cache */
        for (unsigned i = 0; i < iterations && r >= 0; i++)
                r = poll_once(&c, false, NULL, &v[i]);
        if (r >= 0)
                report("poll-304", v, iterations);
        char pub[4096];
        snprintf(pub, sizeof(pub), "%s/publish", state);
        if (r >= 0)
                r = write_manifest(&c, pub);
        for (unsigned i = 0; i < iterations && r >= 0; i++)
                r = poll_once(&c, false, pub, &v[i]);
        if (r >= 0)
                report("unchanged", v, iterations);
        for (unsigned i = 0; i < count; i++) {
                free(src[i].id);
                free(src[i].url);
        }
        free(src);
        free(v);
        ms_fetch_cleanup();
        return r < 0 ? 1 : 0;
}
