/* SPDX-License-Identifier: MIT */
/*
 * migstatctl: the operator's and editor's command line.
 *
 *   migstatctl [--json] [--socket PATH] COMMAND [OPTIONS] [ARGS...]
 *       ask the running daemon over its control socket (one request line,
 *       one JSON response line; `socat - UNIX-CONNECT:PATH` speaks it too).
 *       The commands, their options and help come from the command table
 *       (control/command_table.c).  Options go anywhere on the line, as
 *       systemctl takes them (`status --json`).  Human-readable output by
 *       default, the daemon's JSON line with --json.  `fetch|regenerate|accept
 *       --wait` blocks until the run it started or joined has ended and
 *       exits 0 when it published or found nothing new, 1 when it failed
 *       (or when the daemon could not let it wait: too many clients wait).
 *
 *   migstatctl inspect [--kind jsonstat|eurostat|table|eurostat-tsv|unhcr|worldbank] [--dataset NAME|N]
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
 * Exit codes: 0 ok, 1 error (the daemon reported one or refused us, a
 * waited-for run failed, or bad input), 2 usage, 3 the daemon is not
 * reachable.
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
#include "control/command_table.h"
#include "control/protocol.h"

#define EXIT_USAGE 2
#define EXIT_UNREACHABLE 3
#define DEFAULT_SOCKET "/run/migstat/control.sock"
/* Every answer but --wait's is immediate (runs are queued, not awaited); a
 * daemon that does not answer in this time is as good as unreachable.
 * --wait waits as long as the run takes. */
#define CTL_TIMEOUT_SEC 30
#define CTL_MAX_RESPONSE (4u * 1024 * 1024)

/* The commands' lines come from the command table, so --help cannot leave
 * one out (tests/control_docs.sh compares it with the man page and README). */
static void usage(FILE *f) {
        fprintf(f, "Usage: migstatctl [--json] [--socket PATH] COMMAND [OPTIONS] [ARGS...]\n"
                   "\n"
                   "Commands for the running daemon:\n");
        for (int k = 0; k < _MS_COMMAND_MAX; k++) {
                char left[64];
                snprintf(left, sizeof(left), "%s %s", ms_command_table[k].name, ms_command_table[k].synopsis);
                fprintf(f, "  %-34s %s\n", left, ms_command_table[k].help);
        }
        fprintf(f,
                "Without a daemon:\n"
                "  inspect [--kind jsonstat|eurostat|table|eurostat-tsv|unhcr|worldbank] [--dataset NAME|N]\n"
                "          [--normalize-periods] [--measure PIPELINE [--population FILE]] FILE\n"
                "                                     print a source file as tidy CSV\n"
                "\n"
                "Options (anywhere on the line):\n"
                "  --json         print the daemon's JSON response line\n"
                "  --socket PATH  control socket (default " DEFAULT_SOCKET ")\n"
                "  --force        regenerate: publish even when nothing changed\n"
                "  --wait         fetch, regenerate, accept: wait for the run to end; print the\n"
                "                 release, \"unchanged\" or what failed (chart or source, file, reason)\n"
                "\n"
                "Exit codes: 0 ok, 1 the daemon reported an error (or the run waited for failed),\n"
                "2 usage, 3 daemon not reachable.\n");
}

static int cmd_inspect(int argc, char **argv) {
        static const struct option opts[] = {
                {"kind", required_argument, NULL, 'k'},        {"dataset", required_argument, NULL, 'd'},
                {"normalize-periods", no_argument, NULL, 'p'}, {"measure", required_argument, NULL, 'm'},
                {"population", required_argument, NULL, 'P'},  {0},
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
static int ctl_exchange(const char *path, const char *line, bool wait, char **ret) {
        struct sockaddr_un sa = {.sun_family = AF_UNIX};
        if (strlen(path) >= sizeof(sa.sun_path))
                return fprintf(stderr, "migstatctl: socket path too long: %s\n", path), -ENAMETOOLONG;
        memcpy(sa.sun_path, path, strlen(path) + 1);
        _cleanup_close_ int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
                return -errno;
        struct timeval tv = {.tv_sec = CTL_TIMEOUT_SEC}, none = {0};
        (void) setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, wait ? &none : &tv, sizeof(tv));
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

/* A failed run: "chart x (de): where: what (defined in charts.d/x.json)".
 * The reason names the chart or source itself when the daemon logged it so;
 * else it is put in front. */
static void print_failure(FILE *f, const cJSON *run) {
        const char *kind = cJSON_GetObjectItemCaseSensitive(run, "chart")    ? "chart"
                           : cJSON_GetObjectItemCaseSensitive(run, "source") ? "source"
                                                                             : NULL;
        const char *error = str(run, "error");
        char subject[200] = "";
        if (kind)
                snprintf(subject, sizeof(subject), "%s %s", kind, str(run, kind));
        if (kind && strncmp(error, subject, strlen(subject)) != 0)
                fprintf(f, "%s: ", subject);
        fprintf(f, "%s", error);
        if (cJSON_GetObjectItemCaseSensitive(run, "file"))
                fprintf(f, " (defined in %s)", str(run, "file"));
        fprintf(f, "\n");
}

static void print_status(const cJSON *o) {
        const cJSON *last = cJSON_GetObjectItemCaseSensitive(o, "last");
        const cJSON *hook = cJSON_GetObjectItemCaseSensitive(o, "hook");
        printf("State:       %s", str(o, "state"));
        if (cJSON_GetObjectItemCaseSensitive(o, "running_id"))
                printf(", run #%.0f", num(o, "running_id"));
        if (cJSON_GetObjectItemCaseSensitive(o, "queued_id"))
                printf(" (run #%.0f queued)", num(o, "queued_id"));
        printf("\n");
        printf("Daemon:      migstatd %s, pid %.0f, up %.0f s\n", str(o, "version"), num(o, "pid"),
               num(o, "uptime_sec"));
        printf("Config:      %s (%.0f sources, %.0f chart specs)\n", str(o, "config"), num(o, "sources"),
               num(o, "charts"));
        printf("Publish dir: %s\n", str(o, "publish_dir"));
        if (cJSON_GetObjectItemCaseSensitive(last, "id"))
                printf("Last run:    #%.0f %s", num(last, "id"), str(last, "result"));
        else
                printf("Last run:    %s", str(last, "result"));
        if (cJSON_GetObjectItemCaseSensitive(last, "release"))
                printf(", release %s", str(last, "release"));
        printf(" (finished %s)\n", str(last, "finished"));
        if (cJSON_GetObjectItemCaseSensitive(last, "error")) {
                printf("Failed:      ");
                print_failure(stdout, last);
        }
        if (cJSON_GetObjectItemCaseSensitive(last, "warning"))
                printf("Warning:     %s\n", str(last, "warning"));
        if (hook)
                printf("Hook:        %s\n", cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(hook, "ok"))
                                                    ? "ok"
                                                    : str(hook, "message"));
        printf("Runs:        %.0f (%.0f failed, %.0f requests coalesced)\n", num(o, "runs"),
               num(o, "failures"), num(o, "coalesced"));
        /* Sources that cannot be fetched or used, since when and why. */
        const cJSON *it;
        cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(o, "sources_failing"))
                printf("Failing:     %s since %s (%s): %s\n", str(it, "id"), str(it, "since"),
                       strcmp(str(it, "state"), "seed") == 0     ? "its seed stands in"
                       : strcmp(str(it, "state"), "failed") == 0 ? "its charts keep their last files"
                                                                 : "its cached response stands in",
                       str(it, "reason"));
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

/* The end of a run waited for: "published RELEASE", "unchanged RELEASE". */
static void print_waited(const cJSON *o) {
        printf("%s %s (run #%.0f)\n", str(o, "result"), str(o, "release"), num(o, "id"));
}

static void print_human(const ms_command *cmd, const cJSON *o) {
        ms_command_kind kind = cmd->kind;
        const char *run = str(o, "run");
        if (cmd->wait)
                return print_waited(o);
        switch (kind) {
        case MS_COMMAND_STATUS: print_status(o); break;
        case MS_COMMAND_LIST: print_list(o); break;
        case MS_COMMAND_FETCH:
        case MS_COMMAND_REGENERATE:
                printf("%s (run #%.0f)\n",
                       strcmp(run, "started") == 0     ? "Run started."
                       : strcmp(run, "queued") == 0    ? "Run queued after the one in progress."
                       : strcmp(run, "coalesced") == 0 ? "A run is already queued; this request joins it."
                                                       : run,
                       num(o, "id"));
                break;
        case MS_COMMAND_VALIDATE:
        case MS_COMMAND_RELOAD:
                printf("Configuration %s: %s (%.0f sources, %.0f chart specs)\n",
                       kind == MS_COMMAND_RELOAD ? "reloaded" : "ok", str(o, "config"), num(o, "sources"),
                       num(o, "charts"));
                break;
        case MS_COMMAND_VERSION: printf("migstatd %s\n", str(o, "version")); break;
        case MS_COMMAND_ACCEPT:
                printf("Accepted the held data of %s (SHA-256 %s); run %s (run #%.0f).\n", str(o, "source"),
                       str(o, "accepted"), run, num(o, "id"));
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
        if (ctl_exchange(socket_path, line, cmd.wait, &response) < 0)
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
                print_human(&cmd, o);
        if (!ok && cmd.wait && cJSON_GetObjectItemCaseSensitive(o, "result")) {
                fprintf(stderr, "migstatctl: %s: run #%.0f failed: ", ms_command_to_string(cmd.kind),
                        num(o, "id"));
                print_failure(stderr, o);
        } else if (!ok)
                fprintf(stderr, "migstatctl: %s: %s\n", ms_command_to_string(cmd.kind), str(o, "error"));
        cJSON_Delete(o);
        return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* Take migstatctl's own options out of argv wherever they stand (as
 * systemctl does), leaving the command and its words in order.  0 to go
 * on, 1 to exit successfully (--help, --version), -EINVAL on a usage error. */
static int take_global_options(int *argc, char **argv, const char **socket_path, bool *json) {
        int n = 1;
        bool inspect = false;
        for (int i = 1; i < *argc; i++) {
                const char *a = argv[i];
                if (n == 1 && !inspect && a[0] != '-')
                        inspect = strcmp(a, "inspect") == 0;
                if (strcmp(a, "--json") == 0 && !inspect)
                        *json = true;
                else if (strcmp(a, "--socket") == 0 && !inspect) {
                        if (i + 1 >= *argc)
                                return fprintf(stderr, "migstatctl: --socket needs a path\n"), -EINVAL;
                        *socket_path = argv[++i];
                } else if (strncmp(a, "--socket=", 9) == 0 && !inspect)
                        *socket_path = a + 9;
                else if (strcmp(a, "--version") == 0)
                        return printf("migstatctl %s\n", MIGSTAT_VERSION), 1;
                else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
                        return usage(stdout), 1;
                else
                        argv[n++] = argv[i];
        }
        /* The command word first: "--wait regenerate" is "regenerate --wait". */
        for (int i = 1; i < n; i++)
                if (argv[i][0] != '-') {
                        char *cmd = argv[i];
                        memmove(argv + 2, argv + 1, (size_t) (i - 1) * sizeof(*argv));
                        argv[1] = cmd;
                        break;
                }
        *argc = n;
        argv[n] = NULL;
        return 0;
}

int main(int argc, char **argv) {
        const char *socket_path = getenv("MIGSTAT_SOCKET") ? getenv("MIGSTAT_SOCKET") : DEFAULT_SOCKET;
        bool json = false;
        int r = take_global_options(&argc, argv, &socket_path, &json);
        if (r != 0) {
                if (r < 0)
                        usage(stderr);
                return r > 0 ? EXIT_SUCCESS : EXIT_USAGE;
        }
        if (argc < 2) {
                usage(stderr);
                return EXIT_USAGE;
        }
        if (strcmp(argv[1], "inspect") == 0)
                return cmd_inspect(argc - 1, argv + 1);
        if (argv[1][0] == '-') {
                fprintf(stderr, "migstatctl: expected a command, got only options ('%s')\n", argv[1]);
                usage(stderr);
                return EXIT_USAGE;
        }
        return cmd_daemon(argc - 1, argv + 1, socket_path, json);
}
