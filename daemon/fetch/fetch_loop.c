/* SPDX-License-Identifier: MIT */
#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "fetch/fetch_loop.h"
#include "base/log.h"

/* curl asks for a timeout in ms; a millisecond of slack lets wake-ups merge. */
#define FETCH_TIMER_ACCURACY_USEC 1000ULL
/* A retry a few ms late does not matter. */
#define FETCH_RETRY_ACCURACY_USEC (10ULL * 1000ULL)

typedef struct fetch_job fetch_job;

struct ms_fetcher {
        sd_event *event;
        CURLM *multi;
        sd_event_source *timer;
        fetch_job *jobs; /* every pending request, doubly linked */
        unsigned n_jobs;
};

struct fetch_job {
        ms_fetcher *fetcher;
        fetch_job *prev, *next;
        char *url, *name;
        ms_fetch_options opts;
        ms_retry_policy retry;
        ms_fetch_transfer *transfer; /* the attempt under way, or NULL */
        sd_event_source *retry_timer;
        unsigned attempt;
        ms_fetch_done_fn done;
        void *userdata;
};

static fetch_job *fetch_job_free(fetch_job *j) {
        if (!j)
                return NULL;
        ms_fetcher *f = j->fetcher;
        if (j->transfer) {
                (void) curl_multi_remove_handle(f->multi, ms_fetch_transfer_handle(j->transfer));
                j->transfer = ms_fetch_transfer_free(j->transfer);
        }
        j->retry_timer = sd_event_source_disable_unref(j->retry_timer);
        if (j->prev)
                j->prev->next = j->next;
        else if (f->jobs == j)
                f->jobs = j->next;
        if (j->next)
                j->next->prev = j->prev;
        f->n_jobs--;
        free(j->url);
        free(j->name);
        free(j);
        return NULL;
}

static double fetch_jitter(void) {
        uint32_t v;
        if (getrandom(&v, sizeof(v), GRND_NONBLOCK) != (ssize_t) sizeof(v))
                return 0.5;
        return (double) v / 4294967296.0;
}

static int fetch_job_attempt(fetch_job *j) {
        int r = ms_fetch_transfer_new(j->url, &j->opts, &j->transfer);
        if (r < 0)
                return r;
        j->attempt++;
        if (curl_multi_add_handle(j->fetcher->multi, ms_fetch_transfer_handle(j->transfer)) != CURLM_OK) {
                j->transfer = ms_fetch_transfer_free(j->transfer);
                return -ENOMEM;
        }
        return 0;
}

static void fetch_job_deliver(fetch_job *j, ms_fetch_response *resp) {
        resp->attempts = j->attempt;
        j->done(j->fetcher, resp, j->userdata);
        ms_fetch_result_done(&resp->result);
        ms_buf_done(&resp->body);
        fetch_job_free(j);
}

static int on_retry(sd_event_source *s, uint64_t usec, void *userdata) {
        fetch_job *j = userdata;
        (void) s;
        (void) usec;
        int r = fetch_job_attempt(j);
        if (r < 0) {
                ms_fetch_response resp = {.error = r};
                snprintf(resp.reason, sizeof(resp.reason), "fetching %s: cannot start a transfer: %s", j->url,
                         strerror(-r));
                fetch_job_deliver(j, &resp);
        }
        return 0;
}

/* One attempt ended with code c: deliver, or arm the retry timer. */
static void fetch_job_finished(fetch_job *j, CURLcode c) {
        ms_fetch_response resp = {0};
        ms_error err = {.offset = -1};
        char why[200] = "";
        uint64_t delay = 0;
        resp.error = ms_fetch_transfer_finish(j->transfer, c, &resp.body, &resp.result, &err);
        (void) curl_multi_remove_handle(j->fetcher->multi, ms_fetch_transfer_handle(j->transfer));
        j->transfer = ms_fetch_transfer_free(j->transfer);
        if (resp.error >= 0)
                return fetch_job_deliver(j, &resp);
        if (ms_retry_decide(&j->retry, j->attempt, resp.error, &resp.result, fetch_jitter(), &delay, why,
                            sizeof(why))) {
                log_warning("source %s: attempt %u failed: %s; retrying (%s)", j->name, j->attempt, err.msg,
                            why);
                int r = j->retry_timer ? sd_event_source_set_time_relative(j->retry_timer, delay)
                                       : sd_event_add_time_relative(j->fetcher->event, &j->retry_timer,
                                                                    CLOCK_BOOTTIME, delay,
                                                                    FETCH_RETRY_ACCURACY_USEC, on_retry, j);
                if (r >= 0)
                        r = sd_event_source_set_enabled(j->retry_timer, SD_EVENT_ONESHOT);
                if (r >= 0) {
                        (void) sd_event_source_set_description(j->retry_timer, "fetch-retry");
                        ms_fetch_result_done(&resp.result);
                        ms_buf_done(&resp.body);
                        return;
                }
                snprintf(why, sizeof(why), "cannot arm the retry timer: %s", strerror(-r));
        }
        /* err.msg (400) and why (200) fit; a longer one is cut, which is fine. */
        if (snprintf(resp.reason, sizeof(resp.reason), "%s (%s)", err.msg, why) >= (int) sizeof(resp.reason))
                log_debug("source %s: failure reason truncated", j->name);
        fetch_job_deliver(j, &resp);
}

/* Drain every finished transfer, not just one: several may end in one turn. */
static void fetcher_check_done(ms_fetcher *f) {
        CURLMsg *msg;
        int left;
        while ((msg = curl_multi_info_read(f->multi, &left))) {
                if (msg->msg != CURLMSG_DONE)
                        continue;
                ms_fetch_transfer *t = NULL;
                (void) curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **) &t);
                for (fetch_job *j = f->jobs; j; j = j->next)
                        if (j->transfer == t) {
                                fetch_job_finished(j, msg->data.result);
                                break;
                        }
        }
}

static int on_io(sd_event_source *s, int fd, uint32_t revents, void *userdata) {
        ms_fetcher *f = userdata;
        int action = 0, running;
        (void) s;
        if (revents & EPOLLIN)
                action |= CURL_CSELECT_IN;
        if (revents & EPOLLOUT)
                action |= CURL_CSELECT_OUT;
        if (revents & (EPOLLERR | EPOLLHUP))
                action |= CURL_CSELECT_ERR;
        if (curl_multi_socket_action(f->multi, fd, action, &running) != CURLM_OK)
                log_warning("curl_multi_socket_action failed on fd %d, ignoring", fd);
        fetcher_check_done(f);
        return 0;
}

static int on_curl_timer(sd_event_source *s, uint64_t usec, void *userdata) {
        ms_fetcher *f = userdata;
        int running;
        (void) s;
        (void) usec;
        if (curl_multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT, 0, &running) != CURLM_OK)
                log_warning("curl_multi_socket_action failed on timeout, ignoring");
        fetcher_check_done(f);
        return 0;
}

/* CURLMOPT_SOCKETFUNCTION: one io source per socket, kept with curl_multi_assign(). */
static int curl_socket_cb(CURL *easy, curl_socket_t fd, int what, void *userp, void *socketp) {
        ms_fetcher *f = userp;
        sd_event_source *io = socketp;
        (void) easy;
        if (what == CURL_POLL_REMOVE) {
                (void) sd_event_source_disable_unref(io);
                (void) curl_multi_assign(f->multi, fd, NULL);
                return 0;
        }
        uint32_t events = (what & CURL_POLL_IN ? EPOLLIN : 0) | (what & CURL_POLL_OUT ? EPOLLOUT : 0);
        int r;
        if (io) {
                r = sd_event_source_set_io_events(io, events);
                if (r >= 0)
                        r = sd_event_source_set_enabled(io, SD_EVENT_ON);
        } else {
                r = sd_event_add_io(f->event, &io, fd, events, on_io, f);
                if (r >= 0 && curl_multi_assign(f->multi, fd, io) != CURLM_OK) {
                        io = sd_event_source_unref(io);
                        r = -ENOMEM;
                }
                if (r >= 0)
                        (void) sd_event_source_set_description(io, "curl-io");
        }
        return r < 0 ? -1 : 0;
}

/* CURLMOPT_TIMERFUNCTION: (re)arm one oneshot timer; never call curl here. */
static int curl_timer_cb(CURLM *multi, long timeout_ms, void *userp) {
        ms_fetcher *f = userp;
        (void) multi;
        if (timeout_ms < 0)
                return f->timer && sd_event_source_set_enabled(f->timer, SD_EVENT_OFF) < 0 ? -1 : 0;
        uint64_t usec = (uint64_t) timeout_ms * 1000ULL;
        int r;
        if (f->timer) {
                r = sd_event_source_set_time_relative(f->timer, usec);
                if (r >= 0)
                        r = sd_event_source_set_enabled(f->timer, SD_EVENT_ONESHOT);
        } else {
                r = sd_event_add_time_relative(f->event, &f->timer, CLOCK_MONOTONIC, usec,
                                               FETCH_TIMER_ACCURACY_USEC, on_curl_timer, f);
                if (r >= 0)
                        (void) sd_event_source_set_description(f->timer, "curl-timer");
        }
        return r < 0 ? -1 : 0;
}

int ms_fetcher_new(sd_event *e, unsigned max_host_connections, ms_fetcher **ret) {
        _cleanup_(ms_fetcher_freep) ms_fetcher *f = calloc(1, sizeof(*f));
        if (!f)
                return -ENOMEM;
        f->event = sd_event_ref(e);
        if (!(f->multi = curl_multi_init()))
                return -ENOMEM;
        CURLMcode c = curl_multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION, curl_socket_cb);
        if (c == CURLM_OK)
                c = curl_multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f);
        if (c == CURLM_OK)
                c = curl_multi_setopt(f->multi, CURLMOPT_TIMERFUNCTION, curl_timer_cb);
        if (c == CURLM_OK)
                c = curl_multi_setopt(f->multi, CURLMOPT_TIMERDATA, f);
        if (c == CURLM_OK && max_host_connections > 0)
                c = curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long) max_host_connections);
        if (c != CURLM_OK)
                return -EINVAL;
        *ret = TAKE_PTR(f);
        return 0;
}

ms_fetcher *ms_fetcher_free(ms_fetcher *f) {
        if (!f)
                return NULL;
        while (f->jobs)
                fetch_job_free(f->jobs);
        if (f->multi)
                (void) curl_multi_cleanup(f->multi);
        f->timer = sd_event_source_disable_unref(f->timer);
        sd_event_unref(f->event);
        free(f);
        return NULL;
}

int ms_fetcher_start(ms_fetcher *f, const ms_fetch_request *req, ms_fetch_done_fn done, void *userdata) {
        fetch_job *j = calloc(1, sizeof(*j));
        if (!j)
                return -ENOMEM;
        *j = (fetch_job){.fetcher = f,
                         .next = f->jobs,
                         .opts = req->opts,
                         .retry = req->retry,
                         .done = done,
                         .userdata = userdata};
        if (f->jobs)
                f->jobs->prev = j;
        f->jobs = j;
        f->n_jobs++;
        j->url = strdup(req->url);
        j->name = strdup(req->name ? req->name : req->url);
        int r = j->url && j->name ? fetch_job_attempt(j) : -ENOMEM;
        if (r < 0)
                fetch_job_free(j);
        return r;
}

int ms_fetcher_wait(ms_fetcher *f) {
        while (f->n_jobs > 0) {
                int r = sd_event_run(f->event, UINT64_MAX);
                if (r < 0)
                        return r;
        }
        return 0;
}
