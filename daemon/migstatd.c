/* SPDX-License-Identifier: MIT */
/*
 * migstatd: keeps the published asylum and migration charts current.
 *
 *   migstatd --once [--config DIR] [--publish-dir DIR]   one full cycle, then exit
 *   migstatd --check-config [--config DIR]               validate the configuration
 *   migstatd [--config DIR]                              run as a service
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/config.h"
#include "migstat/cycle.h"
#include "migstat/fetch.h"
#include "migstat/log.h"
#include "migstat/render.h"
#include "migstat/service.h"

#define DEFAULT_CONFIG_DIR "/etc/migstat"

typedef struct args {
        const char *config_dir;
        const char *publish_dir;
        bool once, check_config, if_changed;
} args;

static void usage(FILE *f) {
        fprintf(f, "Usage: migstatd [--once] [--check-config] [--config DIR] [--publish-dir DIR]\n"
                   "                [--verbose] [--version]\n"
                   "\n"
                   "  --once             run one full cycle (fetch, render, publish) and exit\n"
                   "  --if-changed       with --once: publish only if a source changed\n"
                   "  --check-config     validate the configuration and exit\n"
                   "  --config DIR       configuration directory (default " DEFAULT_CONFIG_DIR ")\n"
                   "  --publish-dir DIR  publish into DIR instead of the configured directory\n"
                   "  --verbose          log debug messages\n");
}

/* 0 to go on, 1 to exit successfully, -EINVAL on a usage error. */
static int parse_args(int argc, char **argv, args *a) {
        static const struct option opts[] = {
                {"once", no_argument, NULL, 'o'},         {"check-config", no_argument, NULL, 'k'},
                {"config", required_argument, NULL, 'c'}, {"publish-dir", required_argument, NULL, 'p'},
                {"verbose", no_argument, NULL, 'v'},      {"version", no_argument, NULL, 'V'},
                {"help", no_argument, NULL, 'h'},         {"if-changed", no_argument, NULL, 'i'},
                {0},
        };
        *a = (args){.config_dir = DEFAULT_CONFIG_DIR};
        for (int c; (c = getopt_long(argc, argv, "hv", opts, NULL)) >= 0;) {
                switch (c) {
                case 'o': a->once = true; break;
                case 'k': a->check_config = true; break;
                case 'i': a->if_changed = true; break;
                case 'c': a->config_dir = optarg; break;
                case 'p': a->publish_dir = optarg; break;
                case 'v': ms_log_set_max_level(LOG_DEBUG); break;
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

static int load_config(const char *dir, ms_config **ret) {
        ms_error err = {.offset = -1};
        char buf[1024];
        int r = ms_config_load(dir, ret, &err);
        if (r < 0)
                return log_error_errno(r, "configuration: %s", ms_error_format(&err, buf, sizeof(buf)));
        return 0;
}

static int run_once(const ms_config *c, const char *publish_dir, bool if_changed) {
        ms_error err = {.file = c->fonts_file, .offset = -1};
        char buf[1024];
        _cleanup_(ms_renderer_freep) ms_renderer *rr = NULL;
        int r = ms_renderer_new(c->fonts_file, &rr, &err);
        if (r < 0)
                return log_error_errno(r, "fonts: %s", ms_error_format(&err, buf, sizeof(buf)));
        _cleanup_free_ char *release = NULL;
        r = if_changed ? ms_cycle_poll_now(c, rr, publish_dir, &release) : ms_cycle_run_now(c, rr, publish_dir, &release);
        if (r < 0)
                return r;
        const char *dir = publish_dir ? publish_dir : c->publish_dir;
        if (r > 0) {
                printf("unchanged: %s/current\n", dir);
                return 0;
        }
        printf("published: %s/current -> releases/%s\n", dir, release);
        return 0;
}

int main(int argc, char **argv) {
        args a;
        int r = parse_args(argc, argv, &a);
        if (r != 0)
                return r > 0 ? EXIT_SUCCESS : 2;
        ms_log_open();
        _cleanup_(ms_config_freep) ms_config *c = NULL;
        if (load_config(a.config_dir, &c) < 0)
                return EXIT_FAILURE;
        if (a.check_config) {
                printf("%s: %zu sources, %zu charts: ok\n", c->dir, c->n_sources, c->n_charts);
                return EXIT_SUCCESS;
        }
        if (ms_fetch_init() < 0)
                return log_error("cannot initialize libcurl"), EXIT_FAILURE;
        r = a.once ? run_once(c, a.publish_dir, a.if_changed) : ms_service_run(c, a.publish_dir);
        ms_fetch_cleanup();
        return r < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
