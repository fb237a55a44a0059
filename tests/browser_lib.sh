# shellcheck shell=bash
# Shared by the browser tests (sourced after lib.sh): the example nginx site
# serving a publish directory, and headless Chromium with a checker page.
# Skips (77) without chromium or nginx.
CHROMIUM=$(command -v chromium || true)
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ -z "$CHROMIUM" ] || [ ! -x "$NGINX" ]; then
  echo "skip: needs chromium and nginx (scripts/setup.sh installs them)"; exit 77
fi

# $TMP/nginx/site.conf: the example site (packaging/nginx/migstat.conf) on
# 127.0.0.1:PORT serving DIR; a test may append servers of its own.
example_site() { # example_site PORT DIR
  mkdir -p "$TMP/nginx"
  sed -e "s|listen 80;|listen 127.0.0.1:$1;|" -e '/listen \[::\]:80;/d' -e "s|root /var/lib/migstat/publish;|root $2;|" \
    "$SRC/packaging/nginx/migstat.conf" > "$TMP/nginx/site.conf"
}

# $TMP/nginx/nginx.conf: an nginx that runs as this test (no daemon, all its
# files in $TMP/nginx) with the site.conf above.
write_nginx_conf() {
  cat > "$TMP/nginx/nginx.conf" <<CONF
user root;
worker_processes 1;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log;
events { worker_connections 64; }
http {
  access_log $TMP/nginx/access.log;
  client_body_temp_path $TMP/nginx/body;
  proxy_temp_path $TMP/nginx/proxy;
  include $TMP/nginx/site.conf;
}
CONF
}

# Starts that nginx and returns once every URL given answers (or after 5 s).
start_nginx() { # start_nginx URL...
  "$NGINX" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log" &
  PIDS+=($!)
  local u up
  for _ in $(seq 50); do
    up=1
    for u in "$@"; do curl -s -o /dev/null "$u" || { up=0; break; }; done
    [ "$up" = 1 ] && break
    sleep 0.1
  done
}

# The checker, the only script anywhere: DIR/check.html loads the page named
# after its '#' in a frame (?w= sets the frame's width: a phone's screen) and
# reports every image's naturalWidth once all are complete.
write_checker() { # write_checker DIR
  cat > "$1/check.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>check</title></head><body>
<iframe id="f" width="1300" height="2000"></iframe><pre id="result">pending</pre>
<script>
const f = document.getElementById("f");
const w = new URLSearchParams(location.search).get("w");
if (w) f.width = w;
f.addEventListener("load", () => {
  const imgs = [...f.contentDocument.images];
  const done = () => {
    if (!imgs.every(i => i.complete)) return setTimeout(done, 50);
    const bad = imgs.filter(i => !(i.naturalWidth > 0)).map(i => i.currentSrc || i.src);
    document.getElementById("result").textContent = "images=" + imgs.length + " broken=" + bad.length +
      " loaded=" + imgs.map(i => i.currentSrc + ":" + i.naturalWidth).join(",") + " bad=" + bad.join(",");
  };
  done();
});
f.src = location.hash.slice(1);
</script></body></html>
HTML
}
checker_result() { sed -n 's/.*<pre id="result">\(.*\)<\/pre>.*/\1/p'; } # the checker's line in a dumped DOM

# Headless Chromium that asks nothing of the network on its own and resolves
# no name (only 127.0.0.1 is reachable), logging to stderr.
# shellcheck disable=SC2034,SC2054 # used by the tests; the commas are Chromium's list syntax
CHROME_FLAGS=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --disable-default-apps --disable-breakpad --no-pings
  --disable-domain-reliability --disable-client-side-phishing-detection --allow-browser-signin=false
  --disable-features=NetworkTimeServiceQuerying,OptimizationHints,Translate,MediaRouter --disable-extensions --no-default-browser-check
  --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" --enable-logging=stderr --v=0)
