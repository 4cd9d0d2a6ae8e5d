/*
 * server.c: the listening sockets and libmicrohttpd's side of a request:
 * limits, headers, gzip. One libmicrohttpd daemon (one epoll thread) per
 * listening socket.
 */
#include <sys/resource.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <microhttpd.h>
#include <zlib.h>

#include "http/http.h"
#include "http/route.h"
#include "http/snap.h"
#include "log.h"
#include "opt.h"
#include "xmalloc.h"

#define MAX_LISTEN	32
#define BACKLOG		1024
#define REQUEST_MEMORY	16384	/* request line + headers: 431 above */
#define GZIP_MIN	512	/* not worth it below */

static const char csp[] = "default-src 'none'; script-src 'self'; "
    "style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

#ifndef MHD_SONAME
#define MHD_SONAME	"libmicrohttpd.so.12"
#endif

/*
 * libmicrohttpd, and the TLS stack it brings (a dozen libraries), are
 * loaded when the web server opens, not at start-up: the terminal
 * interface and replays without -p do not pay for their relocation and
 * initialisation (5 million instructions). Loaded before any chroot and
 * the privilege drop, like the sockets.
 */
static struct mhd_api {
	__typeof__(&MHD_start_daemon)			start_daemon;
	__typeof__(&MHD_stop_daemon)			stop_daemon;
	__typeof__(&MHD_create_response_from_buffer)	response_from_buffer;
	__typeof__(&MHD_add_response_header)		add_header;
	__typeof__(&MHD_queue_response)			queue_response;
	__typeof__(&MHD_destroy_response)		destroy_response;
	__typeof__(&MHD_lookup_connection_value)	lookup_value;
} mhd;

static void
mhd_load(void)
{
	static const struct {
		const char	*name;
		size_t		 off;
	} syms[] = {
#define SYM(name, field)	{ #name, offsetof(struct mhd_api, field) }
		SYM(MHD_start_daemon, start_daemon),
		SYM(MHD_stop_daemon, stop_daemon),
		SYM(MHD_create_response_from_buffer, response_from_buffer),
		SYM(MHD_add_response_header, add_header),
		SYM(MHD_queue_response, queue_response),
		SYM(MHD_destroy_response, destroy_response),
		SYM(MHD_lookup_connection_value, lookup_value),
#undef SYM
	};
	void *lib, *fn;
	size_t i;

	if (mhd.start_daemon != NULL)
		return;
	if ((lib = dlopen(MHD_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL)
		fatalx("web interface: %s", dlerror());
	for (i = 0; i < sizeof syms / sizeof syms[0]; i++) {
		if ((fn = dlsym(lib, syms[i].name)) == NULL)
			fatalx("web interface: %s has no %s", MHD_SONAME,
			    syms[i].name);
		memcpy((char *)&mhd + syms[i].off, &fn, sizeof fn);
	}
}

static struct {
	int			 fd;
	struct MHD_Daemon	*d;
} listeners[MAX_LISTEN];
static int			 nlisteners;
static const struct options	*opts;

int
http_wanted(const struct options *o)
{
	return o->http_set || (o->no_tui && o->capfile == NULL);
}

/* 10,000 idle clients need as many descriptors. */
static void
raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static void
sa_str(const struct sockaddr *sa, char *buf, size_t len)
{
	char host[NI_MAXHOST], serv[NI_MAXSERV];

	if (getnameinfo(sa, sa->sa_family == AF_INET6 ?
	    sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in), host,
	    sizeof host, serv, sizeof serv, NI_NUMERICHOST | NI_NUMERICSERV))
		snprintf(buf, len, "?");
	else
		snprintf(buf, len, sa->sa_family == AF_INET6 ? "[%s]:%s" :
		    "%s:%s", host, serv);
}

/* Bind one address; the port chosen for -p 0 is kept for the others. */
static int
bind_one(const struct addrinfo *ai, const char *what, unsigned int *port)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	char where[NI_MAXHOST + NI_MAXSERV + 4];
	int fd, on = 1;

	memcpy(&ss, ai->ai_addr, ai->ai_addrlen);
	if (ss.ss_family == AF_INET6)
		((struct sockaddr_in6 *)&ss)->sin6_port = htons(*port);
	else
		((struct sockaddr_in *)&ss)->sin_port = htons(*port);
	sa_str((struct sockaddr *)&ss, where, sizeof where);
	if ((fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC |
	    SOCK_NONBLOCK, 0)) == -1) {
		if (errno == EAFNOSUPPORT && what == NULL)
			return 0;	/* no IPv6 here: the wildcard skips it */
		fatal("can't open a socket for %s", where);
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
	if (ai->ai_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
	if (bind(fd, (struct sockaddr *)&ss, ai->ai_addrlen) == -1)
		fatal("can't serve the web interface on %s", where);
	if (listen(fd, BACKLOG) == -1)
		fatal("can't listen on %s", where);
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0) {
		*port = ntohs(ss.ss_family == AF_INET6 ?
		    ((struct sockaddr_in6 *)&ss)->sin6_port :
		    ((struct sockaddr_in *)&ss)->sin_port);
		sa_str((struct sockaddr *)&ss, where, sizeof where);
	}
	if (nlisteners == MAX_LISTEN)
		fatalx("too many addresses to serve the web interface on");
	listeners[nlisteners++].fd = fd;
	log_info("listening on http://%s/", where);
	return 1;
}

static void
bind_addr(const char *addr, unsigned int *port)
{
	struct addrinfo hints, *res, *ai;
	int err;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	/* Wildcard: IPv4 first, so that -p 0 picks its port there. */
	if ((err = getaddrinfo(addr, "0", &hints, &res)) != 0)
		usage_error("-b: \"%s\": %s", addr ? addr : "*",
		    gai_strerror(err));
	for (ai = res; ai != NULL; ai = ai->ai_next)
		if (ai->ai_family == AF_INET)
			bind_one(ai, addr, port);
	for (ai = res; ai != NULL; ai = ai->ai_next)
		if (ai->ai_family == AF_INET6)
			bind_one(ai, addr, port);
	freeaddrinfo(res);
}

void
http_open(const struct options *o)
{
	unsigned int port = o->http_port;
	int i;

	opts = o;
	mhd_load();
	raise_fd_limit();
	if (o->nbind == 0)
		bind_addr(NULL, &port);
	for (i = 0; i < o->nbind; i++)
		bind_addr(o->bind_addrs[i], &port);
	if (nlisteners == 0)
		fatalx("was not able to bind any ports for the web interface");
	http_route_init(o);
}

static const char *
arg_of(void *ctx, const char *key)
{
	return mhd.lookup_value(ctx, MHD_GET_ARGUMENT_KIND, key);
}

/* The gzip'd body if that is smaller, else NULL. */
static char *
gzip(const char *in, size_t len, size_t *outlen)
{
	z_stream z;
	char *out;
	size_t cap = len + len / 8 + 64;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	out = xmalloc(cap);
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END || z.total_out >= len) {
		deflateEnd(&z);
		free(out);
		return NULL;
	}
	*outlen = z.total_out;
	deflateEnd(&z);
	return out;
}

static int
accepts_gzip(struct MHD_Connection *c)
{
	const char *ae = mhd.lookup_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_ACCEPT_ENCODING);

	return ae != NULL && strstr(ae, "gzip") != NULL;
}

static struct MHD_Response *
response_of(struct MHD_Connection *c, struct http_reply *r)
{
	struct MHD_Response *resp;
	char *z = NULL;
	size_t zlen = 0;

	if (r->status == 200 && r->len >= GZIP_MIN && accepts_gzip(c))
		z = gzip(r->body, r->len, &zlen);
	if (z != NULL) {
		if (!r->is_static)
			free(r->body);
		resp = mhd.response_from_buffer(zlen, z,
		    MHD_RESPMEM_MUST_FREE);
		mhd.add_header(resp, "Content-Encoding", "gzip");
	} else
		resp = mhd.response_from_buffer(r->len, r->body,
		    r->is_static ? MHD_RESPMEM_PERSISTENT :
		    MHD_RESPMEM_MUST_FREE);
	if (resp == NULL)
		return NULL;
	mhd.add_header(resp, "Server", "darkstat-tui");
	mhd.add_header(resp, "Vary", "Accept-Encoding");
	if (r->type != NULL)
		mhd.add_header(resp, "Content-Type", r->type);
	mhd.add_header(resp, "Cache-Control", r->is_static ?
	    "max-age=3600" : "no-cache");
	if (r->no_cache)
		mhd.add_header(resp, "Pragma", "no-cache");
	mhd.add_header(resp, "X-Robots-Tag", "noindex, noarchive");
	mhd.add_header(resp, "X-Content-Type-Options", "nosniff");
	mhd.add_header(resp, "X-Frame-Options", "DENY");
	mhd.add_header(resp, "Referrer-Policy", "no-referrer");
	mhd.add_header(resp, "Content-Security-Policy", csp);
	if (r->status == 405)
		mhd.add_header(resp, "Allow", "GET, HEAD");
	return resp;
}

static enum MHD_Result
reply(struct MHD_Connection *c, struct http_reply *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;

	if ((resp = response_of(c, r)) == NULL)
		return MHD_NO;
	ret = mhd.queue_response(c, (unsigned int)r->status, resp);
	mhd.destroy_response(resp);
	return ret;
}

/* A request with a body: answered at once, the body left unread. */
static int
has_body(struct MHD_Connection *c)
{
	const char *cl = mhd.lookup_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_LENGTH);

	return (cl != NULL && strcmp(cl, "0") != 0) ||
	    mhd.lookup_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_TRANSFER_ENCODING) != NULL;
}

/*
 * libmicrohttpd calls this once when the headers are in, then again when
 * the request is complete. Answering in the first call closes the
 * connection afterwards, which is right for what is refused (anything
 * with a body: nothing here takes one) and wrong for keep-alive GETs.
 */
static enum MHD_Result
serve(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **state)
{
	struct http_req req = { method, url, arg_of, c, 0 };
	struct http_reply r;

	(void)cls;
	(void)version;
	(void)upload;
	if (*state == NULL) {
		*state = c;
		if (!has_body(c))
			return MHD_YES;
		req.has_body = 1;
	}
	*upload_size = 0;
	http_route(&req, &r);
	return reply(c, &r);
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char buf[512];

	(void)cls;
	vsnprintf(buf, sizeof buf, fmt, ap);
	buf[strcspn(buf, "\n")] = '\0';
	log_debug("http: %s", buf);
}

void
http_start(void)
{
	unsigned int per = opts->http_conns / (unsigned int)nlisteners;
	int i;

	for (i = 0; i < nlisteners; i++) {
		listeners[i].d = mhd.start_daemon(
		    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
		    MHD_USE_ERROR_LOG, 0, NULL, NULL, serve, NULL,
		    MHD_OPTION_LISTEN_SOCKET, listeners[i].fd,
		    MHD_OPTION_CONNECTION_LIMIT, per ? per : 1,
		    MHD_OPTION_CONNECTION_TIMEOUT,
		    (unsigned int)opts->http_timeout,
		    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)REQUEST_MEMORY,
		    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
		    MHD_OPTION_END);
		if (listeners[i].d == NULL)
			fatalx("can't start the web server");
	}
}

void
http_stop(void)
{
	int i;

	for (i = 0; i < nlisteners; i++) {
		if (listeners[i].d != NULL)
			mhd.stop_daemon(listeners[i].d);
		close(listeners[i].fd);
	}
	nlisteners = 0;
	snap_flush();
	http_route_free();
}
