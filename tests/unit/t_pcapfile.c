/*
 * t_pcapfile.c: the -r reader (pcapfile.c) on files built here, read
 * from a file (pread, read), from a pipe and from a stream without a
 * descriptor, with reads of 1 MiB and of 40 bytes (records across them):
 * the time stamps as libpcap 1.10.3 gives them (worked out below, and
 * checked on the installed library: its fields are signed 32-bit, except
 * that its byte swap makes them unsigned; nanoseconds are divided by
 * 1000), and every record, the end and the message the same as
 * libpcap's pcap_next_ex() on the same file.
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "pcapfile.h"
#include "unit.h"

struct file {
	u_char	 b[4096];
	size_t	 len;
	int	 swap;
};

static void
put32(struct file *f, uint32_t v)
{
	if (f->swap)
		v = __builtin_bswap32(v);
	memcpy(f->b + f->len, &v, 4);
	f->len += 4;
}

static void
start(struct file *f, int swap, uint32_t magic, uint32_t snaplen)
{
	uint16_t v[2] = { 2, 4 };

	f->len = 0;
	f->swap = swap;
	put32(f, magic);
	if (swap) {
		v[0] = __builtin_bswap16(v[0]);
		v[1] = __builtin_bswap16(v[1]);
	}
	memcpy(f->b + 4, v, 4);
	f->len = 8;
	put32(f, 0);
	put32(f, 0);
	put32(f, snaplen);
	put32(f, 1);		/* Ethernet */
}

static void
record(struct file *f, uint32_t sec, uint32_t frac, uint32_t caplen,
    uint32_t have)
{
	uint32_t i;

	put32(f, sec);
	put32(f, frac);
	put32(f, caplen);
	put32(f, caplen + 3);
	for (i = 0; i < have; i++)
		f->b[f->len++] = (u_char)(i * 7 + sec);
}

/* The file at path through our reader: how it was opened. */
enum route { ROUTE_FILE, ROUTE_PIPE, ROUTE_MEM, ROUTE_COUNT };
static const char *const route_names[] = { "file", "pipe", "memory" };

static FILE *
open_route(const struct file *f, const char *path, enum route r)
{
	int fds[2];

	if (r == ROUTE_FILE)
		return fopen(path, "rb");
	if (r == ROUTE_MEM)
		return fmemopen((void *)(uintptr_t)f->b, f->len, "rb");
	/* A pipe holds 64 KiB: the whole file fits before it is read. */
	if (pipe(fds) == -1 || write(fds[1], f->b, f->len) != (ssize_t)f->len)
		return NULL;
	close(fds[1]);
	return fdopen(fds[0], "rb");
}

/* Read it both ways; the time stamps of the first records into ts. */
static void
compare(const char *name, const struct file *f, const char *path,
    long ts[][2], int nts)
{
	static const int chunks[] = { 40, 1 << 20 };
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr h, *lh;
	const u_char *d, *ld;
	int r, c, chunk, i, rc, lrc, bad;

	for (r = 0; r < ROUTE_COUNT; r++)
	for (c = 0; c < 2; c++) {
		FILE *in = open_route(f, path, r);
		struct pcapfile *pf = in ? pcapfile_new(in, (size_t)chunks[c]) :
		    NULL;
		pcap_t *p = pf ? pcap_fopen_offline(pcapfile_stream(pf), err) : NULL;
		pcap_t *lp = pcap_open_offline(path, err);

		chunk = chunks[c];

		CHECK(p != NULL && lp != NULL && pcapfile_start(pf, p),
		    "%s, %s, %d-byte reads: ours", name, route_names[r], chunk);
		if (p == NULL || lp == NULL)
			return;
		bad = 0;
		for (i = 0;; i++) {
			rc = pcapfile_next(pf, &h, &d);
			lrc = pcap_next_ex(lp, &lh, &ld);
			if (rc == 1 && i < nts && (h.ts.tv_sec != ts[i][0] ||
			    h.ts.tv_usec != ts[i][1]))
				bad++;
			if (rc != (lrc == 1 ? 1 : lrc == -2 ? 0 : -1) ||
			    (rc == 1 && (h.ts.tv_sec != lh->ts.tv_sec ||
			    h.ts.tv_usec != lh->ts.tv_usec ||
			    h.caplen != lh->caplen || h.len != lh->len ||
			    memcmp(d, ld, h.caplen) != 0)) ||
			    (rc == -1 && strcmp(pcapfile_error(pf),
			    pcap_geterr(lp)) != 0)) {
				bad++;
				break;
			}
			if (rc != 1)
				break;
		}
		CHECK(bad == 0, "%s, %s, %d-byte reads: %d records as "
		    "libpcap's, then %s", name, route_names[r], chunk, i,
		    rc == 0 ? "the end" : pcapfile_error(pf));
		pcap_close(p);
		pcap_close(lp);
		pcapfile_free(pf);
	}
}

static void
write_file(const struct file *f, const char *path)
{
	FILE *o = fopen(path, "wb");

	fwrite(f->b, 1, f->len, o);
	fclose(o);
}

int
main(void)
{
	char path[] = "/tmp/t_pcapfile.XXXXXX";
	struct file f;
	int fd, swap;

	if ((fd = mkstemp(path)) == -1)
		return 1;
	close(fd);
	for (swap = 0; swap <= 1; swap++) {
		/* 0x80000001 s: negative signed; 0xffffff00: negative too */
		long micro[][2] = {
			{ swap ? 2147483649L : -2147483647L,
			    swap ? 4294967040L : -256L },
			{ 5, 999999 }, { 1700000000, 0 },
		};
		long nano[][2] = {
			{ swap ? 2147483649L : -2147483647L, swap ? 4294967L : 0 },
			{ 5, 999999 }, { 1700000000, 4294963 * swap - 4 * !swap },
		};
		const char *order = swap ? "other byte order" : "our byte order";
		char name[64];

		start(&f, swap, 0xa1b2c3d4, 65535);
		record(&f, 0x80000001, 0xffffff00, 60, 60);
		record(&f, 5, 999999, 100, 100);
		record(&f, 1700000000, 0, 1500, 1500);
		write_file(&f, path);
		snprintf(name, sizeof name, "microseconds, %s", order);
		compare(name, &f, path, micro, 3);

		start(&f, swap, 0xa1b23c4d, 65535);
		record(&f, 0x80000001, 0xffffff00, 60, 60);
		record(&f, 5, 999999999, 100, 100);
		record(&f, 1700000000, 0xfffff000, 1500, 1500);
		write_file(&f, path);
		snprintf(name, sizeof name, "nanoseconds, %s", order);
		compare(name, &f, path, nano, 3);

		/* Cut to the snapshot length, then cut short in its data. */
		start(&f, swap, 0xa1b2c3d4, 64);
		record(&f, 1, 0, 100, 100);
		record(&f, 2, 0, 100, 80);
		write_file(&f, path);
		snprintf(name, sizeof name, "caplen > snaplen, %s", order);
		compare(name, &f, path, NULL, 0);

		/* Cut in a record header, then in a record's data. */
		start(&f, swap, 0xa1b2c3d4, 65535);
		record(&f, 1, 0, 60, 60);
		f.len += 9;
		write_file(&f, path);
		snprintf(name, sizeof name, "cut header, %s", order);
		compare(name, &f, path, NULL, 0);
		start(&f, swap, 0xa1b2c3d4, 65535);
		record(&f, 1, 0, 600, 599);
		write_file(&f, path);
		snprintf(name, sizeof name, "cut data, %s", order);
		compare(name, &f, path, NULL, 0);
	}
	unlink(path);
	return unit_done();
}
