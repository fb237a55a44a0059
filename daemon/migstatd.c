/* SPDX-License-Identifier: MIT */
/*
 * migstatd: keeps the published asylum and migration charts current.
 *
 *   migstatd --once [--force] [--config DIR] [--publish-dir DIR]   one full cycle, then exit
 *   (DIR may be DIR[:DIR...]: layers, later ones override earlier ones)
 *   migstatd --check-config [--config DIR]                         validate the configuration
 *   migstatd [--config DIR]                                        run as a service
 *
 * Exit status: 0 ok (with --once: a new release was published, stdout says
 * "published:"), 1 failure (the reason is logged; with --once nothing
 * published is lost), 2 usage, 3 with --once: unchanged (every chart came
 * out as in the current release, so nothing was published; --force
 * publishes anyway).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "control/commands.h"
#include "cycle/config_check.h"
#include "cycle/cycle.h"
#include "fetch/fetch.h"
#include "base/log.h"
#include "migstat/render.h"
#include "service/runner.h"
#include "service/service.h"

/* Layers, lowest first: the vendor configuration installed with the package,
 * then the operator's overrides (migstat.conf(5)).  CMake sets the install paths. */
#ifndef MIGSTAT_DEFAULT_CONFIG
#define MIGSTAT_DEFAULT_CONFIG "/usr/share/migstat/config:/etc/migstat"
#endif
#define DEFAULT_CONFIG_DIR MIGSTAT_DEFAULT_CONFIG
#define EXIT_USAGE 2
#define EXIT_UNCHANGED 3
/* --once: the cycle ran, but a source failed (its charts kept their last
 * good files or were left out; the others were published). */
#define EXIT_SOURCE_FAILED 4

typedef struct args {
        const char *config_dir;
        const char *publish_dir;
        bool once, force, if_changed, check_config;
        unsigned test_stall_after_sec;
} args;

static void usage(FILE *f) {
        fprintf(f, "Usage: migstatd [--once] [--check-config] [--config DIR] [--publish-dir DIR]\n"
                   "                [--verbose] [--version]\n"
                   "\n"
                   "  --once             run one full cycle (fetch, render, publish) and exit:\n"
                   "                     0 published, 1 failed, 3 unchanged (nothing new to publish)\n"
                   "  --force            with --once: publish even when nothing changed\n"
                   "  --if-changed       with --once: do not even render unless a source changed\n"
                   "  --check-config     validate the configuration and exit\n"
                   "  --config DIR       configuration directory, or layers DIR:DIR... where later\n"
                   "                     ones override earlier ones by file name (default\n"
                   "                     " DEFAULT_CONFIG_DIR ")\n"
                   "  --publish-dir DIR  publish into DIR instead of the configured directory\n"
                   "  --verbose          log debug messages\n");
}

/* 0 to go on, 1 to exit successfully, -EINVAL on a usage error. */
static int parse_args(int argc, char **argv, args *a) {
        static const struct option opts[] = {
                {"once", no_argument, NULL, 'o'},
                {"check-config", no_argument, NULL, 'k'},
                {"config", required_argument, NULL, 'c'},
                {"publish-dir", required_argument, NULL, 'p'},
                {"verbose", no_argument, NULL, 'v'},
                {"version", no_argument, NULL, 'V'},
                {"help", no_argument, NULL, 'h'},
                {"force", no_argument, NULL, 'f'},
                {"if-changed", no_argument, NULL, 'i'},
                /* Hidden, for the watchdog test: the loop blocks after SEC seconds. */
                {"test-stall-after", required_argument, NULL, 'S'},
                {0},
        };
        *a = (args){.config_dir = DEFAULT_CONFIG_DIR};
        for (int c; (c = getopt_long(argc, argv, "hv", opts, NULL)) >= 0;) {
                switch (c) {
                case 'o': a->once = true; break;
                case 'f': a->force = true; break;
                case 'k': a->check_config = true; break;
                case 'i': a->if_changed = true; break;
                case 'c': a->config_dir = optarg; break;
                case 'p': a->publish_dir = optarg; break;
                case 'v': ms_log_set_max_level(LOG_DEBUG); break;
                case 'S':
                        if (sscanf(optarg, "%u", &a->test_stall_after_sec) != 1 ||
                            a->test_stall_after_sec == 0) {
                                fprintf(stderr, "migstatd: --test-stall-after: expected seconds > 0\n");
                                return -EINVAL;
                        }
                        break;
                case 'V': printf("migstatd %s\n", MIGSTAT_VERSION); return 1;
                case 'h': usage(stdout); return 1;
                default: usage(stderr); return -EINVAL;
                }
        }
        if (optind < argc) {
                fprintf(stderr, "migstatd: unexpected argument '%s'\n", argv[optind]);
                usage(stderr);
                return -EINVAL;
        }
        return 0;
}

static int load_config(const char *dir, bool check, ms_config **ret) {
        ms_error err = {.offset = -1};
        char buf[1024];
        int r = ms_config_load(dir, ret, &err);
        /* --check-config: against the cached or bundled data too, so that a
         * typo in a filter or measure is found before a run fails on it. */
        if (r >= 0 && check && (r = ms_config_check(*ret, &err)) < 0) {
                log_error_errno(r, "configuration: %s", ms_error_format(&err, buf, sizeof(buf)));
                *ret = ms_config_free(*ret); /* err names its files: free it after */
                return r;
        }
        if (r < 0)
                return log_error_errno(r, "configuration: %s", ms_error_format(&err, buf, sizeof(buf)));
        return 0;
}

/* The exit status of --once. */
static int run_once(const ms_config *c, const char *publish_dir, const ms_cycle_options *o) {
        ms_error err = {.file = c->fonts_file, .offset = -1};
        char buf[1024];
        _cleanup_(ms_renderer_freep) ms_renderer *rr = NULL;
        int r = ms_renderer_new(c->fonts_file, &rr, &err);
        if (r < 0)
                return log_error_errno(r, "fonts: %s", ms_error_format(&err, buf, sizeof(buf))), EXIT_FAILURE;
        ms_run_result res;
        r = ms_run_cycle(c, rr, o, &res);
        if (r >= 0) {
                const char *dir = publish_dir ? publish_dir : c->publish_dir;
                printf("%s: %s/current -> releases/%s\n", ms_run_outcome_to_string(res.outcome), dir,
                       res.release);
        }
        int status = r < 0 ? EXIT_FAILURE : res.outcome == MS_RUN_UNCHANGED ? EXIT_UNCHANGED : EXIT_SUCCESS;
        for (size_t i = 0; r >= 0 && i < res.n_sources; i++)
                if (res.sources[i].state == MS_SOURCE_FAILED) {
                        fprintf(stderr, "source %s failed: %s\n", res.source_ids[i], res.sources[i].reason);
                        status = EXIT_SOURCE_FAILED;
                }
        ms_run_result_done(&res);
        return status;
}

/* The service with its control socket, until a stop. */
static int run_service(ms_config *c, const ms_service_options *so) {
        _cleanup_(ms_service_freep) ms_service *svc = NULL;
        int r = ms_service_new(c, so, &svc);
        if (r < 0)
                return r;
        _cleanup_(ms_commands_freep) ms_commands *cmds = NULL;
        r = ms_commands_new(svc, &cmds);
        if (r < 0)
                return r;
        const ms_config *cc = ms_service_config(svc);
        log_info("ready: %zu sources, %zu chart specs, control socket %s", cc->n_sources, cc->n_charts,
                 ms_commands_activated(cmds) ? "from systemd" : cc->control_socket);
        r = ms_service_run(svc);
        /* The socket goes first: its handlers use the service. */
        cmds = ms_commands_free(cmds);
        return r;
}

int main(int argc, char **argv) {
        args a;
        int r = parse_args(argc, argv, &a);
        if (r != 0)
                return r > 0 ? EXIT_SUCCESS : EXIT_USAGE;
        ms_log_open();
        _cleanup_(ms_config_freep) ms_config *c = NULL;
        if (load_config(a.config_dir, a.check_config, &c) < 0)
                return EXIT_FAILURE;
        if (a.check_config) {
                printf("%s: %zu sources, %zu chart specs: ok\n", c->dir, c->n_sources, c->n_charts);
                return EXIT_SUCCESS;
        }
        if (ms_fetch_init() < 0)
                return log_error("cannot initialize libcurl"), EXIT_FAILURE;
        if (a.once) {
                ms_cycle_options o = {
                        .publish_dir = a.publish_dir, .force = a.force, .if_changed = a.if_changed};
                int status = run_once(c, a.publish_dir, &o);
                ms_fetch_cleanup();
                return status;
        } else {
                ms_service_options so = {.config_dir = a.config_dir,
                                         .publish_dir = a.publish_dir,
                                         .test_stall_after_usec = a.test_stall_after_sec * 1000000ULL};
                r = run_service(TAKE_PTR(c), &so);
        }
        ms_fetch_cleanup();
        return r < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
