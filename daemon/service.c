/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-event.h>

#include <time.h>

#include "migstat/cycle.h"
#include "migstat/log.h"
#include "migstat/schedule.h"
#include "migstat/service.h"

/* Let wake-ups coalesce: a poll a minute late does not matter. */
#define SERVICE_POLL_ACCURACY_USEC (60ULL * 1000000ULL)

typedef struct service {
        const ms_config *config;
        const char *publish_dir;
        ms_renderer *renderer;
        int64_t *last_poll; /* per source; seeded from the cache's fetch times */
        bool published;     /* once this process has published, unchanged polls publish nothing */
} service;

/* Seconds until the earliest source is due (schedule.h); the cycle polls
 * all sources then (unchanged ones answer 304). */
static uint64_t service_next_delay_usec(const service *svc) {
        int64_t d = ms_schedule_cycle_delay(svc->config, svc->last_poll, (int64_t) time(NULL));
        log_debug("next poll in %lld s", (long long) d);
        return (uint64_t) (d > 0 ? d : 0) * 1000000ULL;
}


/* XXX the cycle still runs on the loop; rendering moves to a worker thread
 * together with the control socket, so that both stay responsive. */
static int on_poll(sd_event_source *s, uint64_t usec, void *userdata) {
        service *svc = userdata;
        _cleanup_free_ char *release = NULL;
        (void) sd_notify(0, "STATUS=Fetching and rendering");
        int r = svc->published ? ms_cycle_poll_now(svc->config, svc->renderer, svc->publish_dir, &release) :
                                 ms_cycle_run_now(svc->config, svc->renderer, svc->publish_dir, &release);
        if (r < 0)
                (void) sd_notifyf(0, "STATUS=Last cycle failed: %s", strerror(-r));
        else if (r > 0)
                (void) sd_notify(0, "STATUS=Polled: no source changed");
        else {
                svc->published = true;
                (void) sd_notifyf(0, "STATUS=Published release %s", release);
        }
        (void) usec;
        for (size_t i = 0; i < svc->config->n_sources; i++)
                svc->last_poll[i] = (int64_t) time(NULL);
        r = sd_event_source_set_time_relative(s, service_next_delay_usec(svc));
        if (r >= 0)
                r = sd_event_source_set_enabled(s, SD_EVENT_ONESHOT);
        return r < 0 ? log_error_errno(r, "cannot re-arm the poll timer: %m") : 0;
}

static int on_signal(sd_event_source *s, const struct signalfd_siginfo *si, void *userdata) {
        (void) si;
        (void) userdata;
        (void) sd_notify(0, "STOPPING=1");
        return sd_event_exit(sd_event_source_get_event(s), 0);
}

static int service_setup_loop(service *svc, sd_event **ret) {
        _cleanup_(sd_event_unrefp) sd_event *e = NULL;
        sigset_t mask;
        sigemptyset(&mask);
        sigaddset(&mask, SIGTERM);
        sigaddset(&mask, SIGINT);
        if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0)
                return -errno;
        int r = sd_event_default(&e);
        if (r >= 0)
                r = sd_event_add_signal(e, NULL, SIGTERM, on_signal, NULL);
        if (r >= 0)
                r = sd_event_add_signal(e, NULL, SIGINT, on_signal, NULL);
        if (r >= 0)
                r = sd_event_set_watchdog(e, true);
        if (r >= 0)
                r = sd_event_add_time_relative(e, NULL, CLOCK_BOOTTIME, service_next_delay_usec(svc),
                                               SERVICE_POLL_ACCURACY_USEC, on_poll, svc);
        if (r < 0)
                return r;
        *ret = TAKE_PTR(e);
        return 0;
}

int ms_service_run(const ms_config *c, const char *publish_dir) {
        ms_error err = {.file = c->fonts_file, .offset = -1};
        char buf[1024];
        service svc = {.config = c, .publish_dir = publish_dir ? publish_dir : c->publish_dir};
        _cleanup_free_ int64_t *last_poll = calloc(c->n_sources ? c->n_sources : 1, sizeof(*last_poll));
        if (!last_poll)
                return log_error_errno(-ENOMEM, "out of memory");
        ms_schedule_load_last(c, last_poll);
        svc.last_poll = last_poll;
        int r = ms_renderer_new(c->fonts_file, &svc.renderer, &err);
        if (r < 0)
                return log_error_errno(r, "fonts: %s", ms_error_format(&err, buf, sizeof(buf)));

        _cleanup_(sd_event_unrefp) sd_event *e = NULL;
        r = service_setup_loop(&svc, &e);
        if (r < 0) {
                ms_renderer_free(svc.renderer);
                return log_error_errno(r, "cannot set up the event loop: %m");
        }
        (void) sd_notify(0, "READY=1\nSTATUS=Starting first cycle");
        r = sd_event_loop(e);
        ms_renderer_free(svc.renderer);
        return r < 0 ? log_error_errno(r, "event loop failed: %m") : 0;
}
