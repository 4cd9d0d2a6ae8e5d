/*
 * pcapfile.c: the records of a classic pcap file, read in large chunks
 * into a buffer of our own and handed out in place (see pcapfile.h).
 *
 * Every header, length and message is libpcap 1.10.3's: its sf-pcap.c
 * pcap_next_packet() as opened by pcap_fopen_offline() (microsecond
 * precision). Every length in the file is untrusted: a record is handed
 * out only once all its bytes are in the buffer.
 */
#define _GNU_SOURCE		/* fopencookie */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pcapfile.h"

#define FILEHDR		24	/* struct pcap_file_header */
#define RECHDR		16	/* tv_sec, tv_usec, caplen, len: 32 bits each */
#define MAGIC_USEC	0xa1b2c3d4U
#define MAGIC_NSEC	0xa1b23c4dU
#define MAXIMUM_SNAPLEN	262144	/* libpcap's, for most link types */

/* The input: read(2) on its descriptor, or fread() when it has none. */
struct input {
	FILE		*f;
	int		 fd;
};

struct pcapfile {
	struct input	 in;
	FILE		*stream;	/* for libpcap */
	u_char		 hdr[FILEHDR];
	size_t		 hdrlen;	/* bytes in hdr */
	size_t		 chunk;		/* size of a read */
	/*
	 * A pipe's header is taken from it to be looked at: the stream
	 * given to libpcap gives those bytes back, then reads on.
	 */
	int		 pipe;
	size_t		 given;		/* header bytes given to libpcap */
	int		 ended;		/* the input ended within the header */
	int		 err;		/* and the errno that ended it, or 0 */
	uint64_t	 forwarded;	/* bytes past the header given */
	/* The records: buf[pos] is the next one, buf[end] the first free. */
	u_char		*buf;
	size_t		 cap;
	size_t		 pos;
	size_t		 end;
	int		 eof;		/* the input has ended */
	int		 rerrno;	/* errno of a failed read, or 0 */
	int		 oom;		/* a record did not fit in memory */
	int		 swapped;	/* written in the other byte order */
	int		 nano;		/* nanosecond time stamps */
	int		 plain;		/* neither: pcapfile_next()'s case */
	uint32_t	 snapshot;	/* libpcap's pcap_snapshot() */
	uint32_t	 maxcap;	/* libpcap's max_snaplen_for_dlt() */
	uint32_t	 limit;		/* the lower of the two */
	char		 error[PCAP_ERRBUF_SIZE];
};

static uint32_t
get32(const u_char *b, int swapped)
{
	uint32_t v;

	memcpy(&v, b, sizeof v);
	return swapped ? __builtin_bswap32(v) : v;
}

static uint16_t
get16(const u_char *b, int swapped)
{
	uint16_t v;

	memcpy(&v, b, sizeof v);
	return swapped ? __builtin_bswap16(v) : v;
}

/* What is there, as read(2): 0 at the end, -1 with errno on an error. */
static ssize_t
input_read(const struct input *in, void *buf, size_t len)
{
	ssize_t n;
	size_t got;

	if (in->fd == -1) {
		got = fread(buf, 1, len, in->f);
		return got == 0 && ferror(in->f) ? -1 : (ssize_t)got;
	}
	do
		n = read(in->fd, buf, len);
	while (n == -1 && errno == EINTR);
	return n;
}

/* ------------------------------------------------- a pipe's header */

static ssize_t
pipe_read(void *cookie, char *buf, size_t size)
{
	struct pcapfile *pf = cookie;
	ssize_t n;

	/*
	 * The header's bytes alone first, so that nothing past them is
	 * taken from the input while libpcap reads the header.
	 */
	if (pf->given < pf->hdrlen) {
		if (size > pf->hdrlen - pf->given)
			size = pf->hdrlen - pf->given;
		memcpy(buf, pf->hdr + pf->given, size);
		pf->given += size;
		return (ssize_t)size;
	}
	if (pf->ended && pf->err != 0) {
		errno = pf->err;
		return -1;
	}
	if (pf->ended)
		return 0;
	if ((n = input_read(&pf->in, buf, size)) > 0)
		pf->forwarded += (uint64_t)n;
	return n;
}

static int
pipe_close(void *cookie)
{
	struct pcapfile *pf = cookie;

	return fclose(pf->in.f);
}

/*
 * A pipe (or a stream without a descriptor) cannot be read twice: take
 * its header, and give libpcap a stream that starts with it.
 */
static int
peek_pipe(struct pcapfile *pf)
{
	static const cookie_io_functions_t io = {
		pipe_read, NULL, NULL, pipe_close
	};
	ssize_t n;

	if ((pf->stream = fopencookie(pf, "rb", io)) == NULL)
		return -1;
	pf->pipe = 1;
	/* libpcap reads other formats through it: as large reads as f's. */
	setvbuf(pf->stream, NULL, _IOFBF, pf->chunk);
	while (pf->hdrlen < FILEHDR && !pf->ended) {
		n = input_read(&pf->in, pf->hdr + pf->hdrlen,
		    FILEHDR - pf->hdrlen);
		if (n <= 0) {
			pf->ended = 1;
			pf->err = n < 0 ? errno : 0;
		} else
			pf->hdrlen += (size_t)n;
	}
	return 0;
}

struct pcapfile *
pcapfile_new(FILE *f, size_t chunk)
{
	struct pcapfile *pf;
	ssize_t n;

	if ((pf = calloc(1, sizeof *pf)) == NULL)
		return NULL;
	pf->in.f = f;
	pf->in.fd = fileno(f);
	pf->chunk = chunk > RECHDR ? chunk : RECHDR;
	pf->stream = f;
	/* A file: read its header where it is; libpcap reads it too. */
	if (pf->in.fd != -1) {
		if ((n = pread(pf->in.fd, pf->hdr, FILEHDR, 0)) >= 0) {
			pf->hdrlen = (size_t)n;
			return pf;
		}
		if (errno != ESPIPE)
			return pf;	/* libpcap will say what is wrong */
	}
	if (peek_pipe(pf) == -1) {
		free(pf);
		return NULL;
	}
	return pf;
}

FILE *
pcapfile_stream(const struct pcapfile *pf)
{
	return pf->stream;
}

/* ------------------------------------------------------- taking over */

/* The four standard magic numbers, version 2.4. */
static int
classic_header(struct pcapfile *pf)
{
	uint32_t magic;

	if (pf->hdrlen < FILEHDR)
		return 0;
	memcpy(&magic, pf->hdr, sizeof magic);
	pf->swapped = magic != MAGIC_USEC && magic != MAGIC_NSEC;
	if (pf->swapped)
		magic = __builtin_bswap32(magic);
	if (magic != MAGIC_USEC && magic != MAGIC_NSEC)
		return 0;
	pf->nano = magic == MAGIC_NSEC;
	return get16(pf->hdr + 4, pf->swapped) == 2 &&
	    get16(pf->hdr + 6, pf->swapped) == 4;
}

/*
 * libpcap rewrites the pseudo-header of these link types in a file of
 * the other byte order (swap_pseudo_headers()), and may fix the length
 * of USB_LINUX_MMAPPED packets in any file: leave those to it.
 */
static int
libpcap_rewrites(int dlt, int swapped)
{
	switch (dlt) {
	case DLT_USB_LINUX_MMAPPED:
		return 1;
	case DLT_PFLOG:
	case DLT_LINUX_SLL:
	case DLT_LINUX_SLL2:
	case DLT_USB_LINUX:
	case DLT_NFLOG:
		return swapped;
	}
	return 0;
}

/* libpcap's max_snaplen_for_dlt(): a larger caplen is an error. */
static uint32_t
max_snaplen(int dlt)
{
	switch (dlt) {
	case DLT_DBUS:
		return 128 * 1024 * 1024;
	case DLT_EBHSCR:
		return 8 * 1024 * 1024;
	case DLT_USBPCAP:
		return 1024 * 1024;
	}
	return MAXIMUM_SNAPLEN;
}

/*
 * Did libpcap take the header alone? From a pipe: only the bytes given
 * back. From a file: its stream stands past the header (it read ahead
 * into its buffer, which is left unused from now on).
 */
static int
header_alone(const struct pcapfile *pf)
{
	if (pf->pipe)
		return pf->given == FILEHDR && pf->forwarded == 0;
	return ftello(pf->in.f) == FILEHDR;
}

int
pcapfile_start(struct pcapfile *pf, pcap_t *p)
{
	int dlt = pcap_datalink(p), snap = pcap_snapshot(p);

	if (!classic_header(pf) || pcap_is_swapped(p) != pf->swapped ||
	    pcap_major_version(p) != 2 || pcap_minor_version(p) != 4)
		return 0;
	if (libpcap_rewrites(dlt, pf->swapped) || snap <= 0 ||
	    !header_alone(pf))
		return 0;
	if ((pf->buf = malloc(pf->chunk)) == NULL)
		return 0;
	/* Last, as libpcap reads on from where its stream is otherwise. */
	if (!pf->pipe && lseek(pf->in.fd, FILEHDR, SEEK_SET) != FILEHDR) {
		free(pf->buf);
		pf->buf = NULL;
		return 0;
	}
	pf->cap = pf->chunk;
	pf->plain = !pf->swapped && !pf->nano;
	pf->snapshot = (uint32_t)snap;
	pf->maxcap = max_snaplen(dlt);
	pf->limit = pf->snapshot < pf->maxcap ? pf->snapshot : pf->maxcap;
	return 1;
}

/* ------------------------------------------------------------ records */

/* Make buf larger, toward need bytes: double it, as the input has them. */
static int
grow(struct pcapfile *pf, size_t need)
{
	size_t cap = pf->cap * 2;
	u_char *b;

	if (cap > need)
		cap = need;
	if ((b = realloc(pf->buf, cap)) == NULL) {
		pf->oom = 1;
		return -1;
	}
	pf->buf = b;
	pf->cap = cap;
	return 0;
}

/*
 * Have need bytes from pos on in buf, as far as the input has them;
 * returns how many there are. What is left of the buffer moves to its
 * start first: a record is always whole in it.
 */
static size_t
fill(struct pcapfile *pf, size_t need)
{
	ssize_t n;

	if (pf->pos > 0) {
		memmove(pf->buf, pf->buf + pf->pos, pf->end - pf->pos);
		pf->end -= pf->pos;
		pf->pos = 0;
	}
	while (pf->end < need && !pf->eof) {
		if (pf->end == pf->cap && grow(pf, need) == -1)
			break;
		n = input_read(&pf->in, pf->buf + pf->end, pf->cap - pf->end);
		if (n <= 0) {
			pf->eof = 1;
			pf->rerrno = n < 0 ? errno : 0;
		} else
			pf->end += (size_t)n;
	}
	return pf->end;
}

/* The input ended (or failed) within a record: libpcap's message. */
static int
cut(struct pcapfile *pf, const char *what, uint32_t want, size_t got)
{
	if (pf->oom)
		snprintf(pf->error, sizeof pf->error, "out of memory");
	else if (pf->rerrno != 0)
		snprintf(pf->error, sizeof pf->error,
		    "error reading dump file: %s", strerror(pf->rerrno));
	else
		snprintf(pf->error, sizeof pf->error, "truncated dump file; "
		    "tried to read %u %s bytes, only got %zu", want, what, got);
	return -1;
}

static void
header(const struct pcapfile *pf, const u_char *r, struct pcap_pkthdr *h)
{
	uint32_t sec = get32(r, pf->swapped), frac = get32(r + 4, pf->swapped);
	long usec;

	/*
	 * libpcap 1.10.3 takes the time stamp as signed 32-bit numbers, but
	 * its byte swap makes them unsigned.
	 */
	if (pf->swapped) {
		h->ts.tv_sec = (time_t)sec;
		usec = (long)frac;
	} else {
		h->ts.tv_sec = (int32_t)sec;
		usec = (int32_t)frac;
	}
	if (pf->nano)
		usec /= 1000;	/* libpcap's default precision */
	h->ts.tv_usec = usec;
	h->len = get32(r + 12, pf->swapped);
}

/*
 * A record longer than the file's snapshot length or than libpcap thinks
 * sane. (libpcap 1.10.3 keeps a header's snapshot length above that
 * maximum, except 0 or one that is negative as an int.)
 */
static int
oversized(struct pcapfile *pf, uint32_t caplen, struct pcap_pkthdr *h,
    const u_char **data)
{
	size_t have;

	if (caplen > pf->maxcap) {
		if (caplen > pf->snapshot)
			snprintf(pf->error, sizeof pf->error, "invalid packet "
			    "capture length %u, bigger than snaplen of %d",
			    caplen, (int)pf->snapshot);
		else
			snprintf(pf->error, sizeof pf->error, "invalid packet "
			    "capture length %u, bigger than maximum of %u",
			    caplen, pf->maxcap);
		return -1;
	}
	/* Cut to the snapshot length, the rest read and skipped. */
	have = fill(pf, RECHDR + (size_t)caplen) - RECHDR;
	if (have < pf->snapshot)
		return cut(pf, "captured", pf->snapshot, have);
	if (have < caplen)
		return cut(pf, "captured", caplen, have);
	header(pf, pf->buf, h);
	h->caplen = pf->snapshot;
	*data = pf->buf + RECHDR;
	pf->pos = RECHDR + (size_t)caplen;
	return 1;
}

/* Any record, as pcap_next_packet() reads it. */
static int __attribute__((noinline))
next_record(struct pcapfile *pf, struct pcap_pkthdr *h, const u_char **data)
{
	const u_char *r;
	uint32_t caplen;

	if (pf->end - pf->pos < RECHDR && fill(pf, RECHDR) < RECHDR) {
		if (pf->end == 0 && pf->rerrno == 0)
			return 0;
		return cut(pf, "header", RECHDR, pf->end);
	}
	r = pf->buf + pf->pos;
	caplen = get32(r + 8, pf->swapped);
	if (caplen > pf->limit)
		return oversized(pf, caplen, h, data);
	if (pf->end - pf->pos - RECHDR < caplen) {
		if (fill(pf, RECHDR + (size_t)caplen) < RECHDR + (size_t)caplen)
			return cut(pf, "captured", caplen, pf->end - RECHDR);
		r = pf->buf;
	}
	header(pf, r, h);
	h->caplen = caplen;
	*data = r + RECHDR;
	pf->pos += RECHDR + (size_t)caplen;
	return 1;
}

/*
 * The common case kept short, as it is most of the cost of a replay: a
 * microsecond file in our byte order, the record whole in the buffer and
 * within the snapshot length. The rest is next_record()'s.
 */
int
pcapfile_next(struct pcapfile *pf, struct pcap_pkthdr *h,
    const u_char **data)
{
	size_t left = pf->end - pf->pos;
	const u_char *r = pf->buf + pf->pos;
	uint32_t caplen, len;
	int32_t sec, usec;

	if (!pf->plain || left < RECHDR)
		return next_record(pf, h, data);
	memcpy(&caplen, r + 8, sizeof caplen);
	if (caplen > pf->limit || left - RECHDR < caplen)
		return next_record(pf, h, data);
	memcpy(&sec, r, sizeof sec);
	memcpy(&usec, r + 4, sizeof usec);
	memcpy(&len, r + 12, sizeof len);
	h->ts.tv_sec = sec;
	h->ts.tv_usec = usec;
	h->caplen = caplen;
	h->len = len;
	*data = r + RECHDR;
	pf->pos += RECHDR + (size_t)caplen;
	return 1;
}

const char *
pcapfile_error(const struct pcapfile *pf)
{
	return pf->error;
}

void
pcapfile_free(struct pcapfile *pf)
{
	if (pf == NULL)
		return;
	free(pf->buf);
	free(pf);
}
