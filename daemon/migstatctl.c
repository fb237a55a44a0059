/* SPDX-License-Identifier: MIT */
/*
 * migstatctl: the operator's and editor's command line.
 *
 *   migstatctl [--json] [--socket PATH] status|list|validate|reload|version
 *   migstatctl [--json] [--socket PATH] fetch [SOURCE...]
 *   migstatctl [--json] [--socket PATH] regenerate [--force] [CHART...]
 *   migstatctl [--json] [--socket PATH] accept SOURCE
 *       ask the running daemon over its control socket (one request line,
 *       one JSON response line; `socat - UNIX-CONNECT:PATH` speaks it too).
 *       Human-readable output by default, the daemon's JSON line with --json.
 *
 *   migstatctl inspect [--kind jsonstat|eurostat|table|eurostat-tsv|unhcr] [--dataset NAME|N]
 *                      [--normalize-periods] [--measure PIPELINE [--population FILE]] FILE
 *       print the normalized cube of a source file as tidy CSV: one column
 *       per dimension, then value and status; values exactly as the source
 *       wrote them.  Without --kind the kind is detected from the content.
 *       --normalize-periods prints time codes as 2016-02 (not 2016M02).
 *       --measure prints a derived measure instead (docs/measures.md), e.g.
 *       "filter:citizenship_bamf_code=TOTAL|annual|protection"; per-100k
 *       takes the population from --population FILE.
 *       Needs no running daemon.
 *
 * Exit codes: 0 ok, 1 error (the daemon reported one, or bad input),
 * 2 usage, 3 the daemon is not reachable.
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "inspect.h"
#include "control/protocol.h"

#define EXIT_USAGE 2
#define EXIT_UNREACHABLE 3
#define DEFAULT_SOCKET "/run/migstat/control.sock"
/* Every answer is immediate (runs are queued, not awaited); a daemon that
 * does not answer in this time is as good as unreachable. */
#define CTL_TIMEOUT_SEC 30
#define CTL_MAX_RESPONSE (4u * 1024 * 1024)

static void usage(FILE *f) {
        fprintf(f, "Usage: migstatctl [--json] [--socket PATH] COMMAND\n"
                   "\n"
                   "Commands for the running daemon:\n"
                   "  status                      what it is doing, what it last published\n"
                   "  list                        configured sources and charts\n"
                   "  fetch [SOURCE...]           fetch the sources and publish (a full cycle)\n"
                   "  regenerate [--force] [CHART...]  render and publish a new release\n"
                   "  accept SOURCE               publish a held source's data (a real break you checked)\n"
                   "  validate                    check the configuration on disk\n"
                   "  reload                      re-read the configuration\n"
                   "  version                     the daemon's version\n"
                   "Without a daemon:\n"
                   "  inspect [--kind jsonstat|eurostat|table|eurostat-tsv|unhcr] [--dataset NAME|N]\n"
                   "          [--normalize-periods] [--measure PIPELINE [--population FILE]] FILE\n"
                   "                              print a source file as tidy CSV\n"
                   "\n"
                   "  --json         print the daemon's JSON response line\n"
                   "  --socket PATH  control socket (default " DEFAULT_SOCKET ")\n"
                   "\n"
                   "Exit codes: 0 ok, 1 the daemon reported an error, 2 usage, 3 daemon not reachable.\n");
}

static int cmd_inspect(int argc, char **argv) {
        static const struct option opts[] = {
                {"kind", required_argument, NULL, 'k'},
                {"dataset", required_argument, NULL, 'd'},
                {"normalize-periods", no_argument, NULL, 'p'},
                {"measure", required_argument, NULL, 'm'},
                {"population", required_argument, NULL, 'P'},
                {0},
        };
        ms_inspect_options o = {0};
        optind = 1;
        for (int c; (c = getopt_long(argc, argv, "", opts, NULL)) >= 0;) {
                switch (c) {
                case 'k': o.kind = optarg; break;
                case 'd': o.dataset = optarg; break;
                case 'p': o.normalize_periods = true; break;
                case 'm': o.measure = optarg; break;
                case 'P': o.population = optarg; break;
                default: usage(stderr); return EXIT_USAGE;
                }
        }
        if (optind + 1 != argc) {
                usage(stderr);
                return EXIT_USAGE;
        }
        return ms_inspect_file(argv[optind], &o, stdout, stderr) < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* Connect, send the line, read one response line into *ret.  Negative errno
 * on failure, with the reason printed. */
static int ctl_exchange(const char *path, const char *line, char **ret) {
        struct sockaddr_un sa = {.sun_family = AF_UNIX};
        if (strlen(path) >= sizeof(sa.sun_path))
                return fprintf(stderr, "migstatctl: socket path too long: %s\n", path), -ENAMETOOLONG;
        memcpy(sa.sun_path, path, strlen(path) + 1);
        _cleanup_close_ int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
                return -errno;
        struct timeval tv = {.tv_sec = CTL_TIMEOUT_SEC};
        (void) setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
        (void) setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
        if (connect(fd, (struct sockaddr *) &sa, sizeof(sa)) < 0) {
                int r = -errno;
                fprintf(stderr, "migstatctl: cannot reach migstatd at %s: %s\n", path, strerror(-r));
                return r;
        }
        /* A daemon that refuses us (credentials, too many clients) answers
         * and closes at once, perhaps before our request is sent: then the
         * send fails with EPIPE and its answer is still there to read. */
        if (send(fd, line, strlen(line), MSG_NOSIGNAL) < 0 && errno != EPIPE && errno != ECONNRESET) {
                int r = -errno;
                fprintf(stderr, "migstatctl: cannot reach migstatd at %s: %s\n", path, strerror(-r));
                return r;
        }
        char *buf = NULL;
        size_t len = 0;
        for (;;) {
                char chunk[8192];
                ssize_t n = recv(fd, chunk, sizeof(chunk), 0);
                if (n < 0 && errno == EINTR)
                        continue;
                if (n <= 0 || len + (size_t) n > CTL_MAX_RESPONSE) {
                        int r = n < 0 ? -errno : -EPROTO;
                        if (buf && memchr(buf, '\n', len))
                                break;
                        free(buf);
                        fprintf(stderr, "migstatctl: no answer from migstatd at %s: %s\n", path,
                                n < 0 ? strerror(-r) : "connection closed");
                        return r;
                }
                char *nb = realloc(buf, len + (size_t) n + 1);
                if (!nb)
                        return free(buf), -ENOMEM;
                buf = nb;
                memcpy(buf + len, chunk, (size_t) n);
                len += (size_t) n;
                buf[len] = '\0';
                if (memchr(chunk, '\n', (size_t) n))
                        break;
        }
        *ret = buf;
        return 0;
}

static const char *str(const cJSON *o, const char *key) {
        const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));
        return s ? s : "?";
}

static double num(const cJSON *o, const char *key) {
        const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, key);
        return cJSON_IsNumber(n) ? n->valuedouble : 0;
}

static void print_status(const cJSON *o) {
        const cJSON *last = cJSON_GetObjectItemCaseSensitive(o, "last");
        printf("State:       %s%s\n", str(o, "state"),
               cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "queued")) ? " (one more run queued)" : "");
        printf("Daemon:      migstatd %s, pid %.0f, up %.0f s\n", str(o, "version"), num(o, "pid"),
               num(o, "uptime_sec"));
        printf("Config:      %s (%.0f sources, %.0f charts)\n", str(o, "config"), num(o, "sources"),
               num(o, "charts"));
        printf("Publish dir: %s\n", str(o, "publish_dir"));
        printf("Last run:    %s", str(last, "result"));
        if (cJSON_GetObjectItemCaseSensitive(last, "release"))
                printf(", release %s", str(last, "release"));
        if (cJSON_GetObjectItemCaseSensitive(last, "error"))
                printf(", error: %s", str(last, "error"));
        if (cJSON_GetObjectItemCaseSensitive(last, "warning"))
                printf(", warning: %s", str(last, "warning"));
        printf(" (finished %s)\n", str(last, "finished"));
        printf("Runs:        %.0f (%.0f failed, %.0f requests coalesced)\n", num(o, "runs"), num(o, "failures"),
               num(o, "coalesced"));
}

static void print_list(const cJSON *o) {
        const cJSON *it;
        printf("Sources:\n");
        cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(o, "sources"))
                printf("  %-32s %-9s %s\n", str(it, "id"), str(it, "kind"), str(it, "url"));
        printf("Charts:\n");
        cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(o, "charts"))
                printf("  %-32s from %s\n", str(it, "id"), str(it, "source"));
}

static void print_human(ms_command_kind kind, const cJSON *o) {
        const char *run = str(o, "run");
        switch (kind) {
        case MS_COMMAND_STATUS: print_status(o); break;
        case MS_COMMAND_LIST: print_list(o); break;
        case MS_COMMAND_FETCH:
        case MS_COMMAND_REGENERATE:
                printf("%s\n", strcmp(run, "started") == 0  ? "Run started."
                               : strcmp(run, "queued") == 0 ? "Run queued after the one in progress."
                               : strcmp(run, "coalesced") == 0
                                       ? "A run is already queued; this request joins it."
                                       : run);
                break;
        case MS_COMMAND_VALIDATE:
        case MS_COMMAND_RELOAD:
                printf("Configuration %s: %s (%.0f sources, %.0f charts)\n",
                       kind == MS_COMMAND_RELOAD ? "reloaded" : "ok", str(o, "config"), num(o, "sources"),
                       num(o, "charts"));
                break;
        case MS_COMMAND_VERSION: printf("migstatd %s\n", str(o, "version")); break;
        case MS_COMMAND_ACCEPT:
                printf("Accepted the held data of %s (SHA-256 %s); run %s.\n", str(o, "source"), str(o, "accepted"),
                       run);
                break;
        case _MS_COMMAND_MAX: break;
        }
}

/* Join argv into one request line, check it as the daemon would. */
static int build_request(int argc, char **argv, ms_command *cmd, char *line, size_t n) {
        size_t len = 0;
        for (int i = 0; i < argc; i++) {
                int w = snprintf(line + len, n - len, "%s%s", i ? " " : "", argv[i]);
                if (w < 0 || (size_t) w >= n - len)
                        return fprintf(stderr, "migstatctl: request too long\n"), -EMSGSIZE;
                len += (size_t) w;
        }
        ms_error err = {.offset = -1};
        if (ms_protocol_parse(line, len, cmd, &err) < 0)
                return fprintf(stderr, "migstatctl: %s\n", err.msg), -EINVAL;
        line[len++] = '\n';
        line[len] = '\0';
        return 0;
}

static int cmd_daemon(int argc, char **argv, const char *socket_path, bool json) {
        char line[MS_PROTOCOL_MAX_LINE + 2];
        ms_command cmd;
        if (build_request(argc, argv, &cmd, line, sizeof(line)) < 0) {
                usage(stderr);
                return EXIT_USAGE;
        }
        _cleanup_free_ char *response = NULL;
        if (ctl_exchange(socket_path, line, &response) < 0)
                return EXIT_UNREACHABLE;
        cJSON *o = cJSON_Parse(response);
        if (!cJSON_IsObject(o)) {
                cJSON_Delete(o);
                fprintf(stderr, "migstatctl: migstatd answered something that is not a JSON object: %.200s\n",
                        response);
                return EXIT_FAILURE;
        }
        bool ok = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "ok"));
        if (json)
                fputs(response, stdout);
        else if (ok)
                print_human(cmd.kind, o);
        if (!ok)
                fprintf(stderr, "migstatctl: %s: %s\n", ms_command_to_string(cmd.kind), str(o, "error"));
        cJSON_Delete(o);
        return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}

int main(int argc, char **argv) {
        const char *socket_path = getenv("MIGSTAT_SOCKET") ? getenv("MIGSTAT_SOCKET") : DEFAULT_SOCKET;
        bool json = false;
        int i = 1;
        for (; i < argc && argv[i][0] == '-'; i++) {
                if (strcmp(argv[i], "--json") == 0)
                        json = true;
                else if (strcmp(argv[i], "--socket") == 0 && i + 1 < argc)
                        socket_path = argv[++i];
                else if (strncmp(argv[i], "--socket=", 9) == 0)
                        socket_path = argv[i] + 9;
                else if (strcmp(argv[i], "--version") == 0)
                        return printf("migstatctl %s\n", MIGSTAT_VERSION), EXIT_SUCCESS;
                else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
                        return usage(stdout), EXIT_SUCCESS;
                else {
                        fprintf(stderr, "migstatctl: unknown option '%s'\n", argv[i]);
                        usage(stderr);
                        return EXIT_USAGE;
                }
        }
        if (i >= argc) {
                usage(stderr);
                return EXIT_USAGE;
        }
        if (strcmp(argv[i], "inspect") == 0)
                return cmd_inspect(argc - i, argv + i);
        return cmd_daemon(argc - i, argv + i, socket_path, json);
}
