/* Mock kernel header written for kmapcheck's tests (not kernel code).
 * The shape of include/linux/zlib.h: a stream whose next_out/avail_out
 * window the (out-of-TU) inflate and deflate routines advance. */
#ifndef _MOCK_LINUX_ZLIB_H
#define _MOCK_LINUX_ZLIB_H
typedef unsigned char Byte;
typedef unsigned int uInt;
typedef struct z_stream_s {
	const Byte *next_in;
	uInt avail_in;
	Byte *next_out;
	uInt avail_out;
	unsigned long total_out;
	void *workspace;
} z_stream;
typedef z_stream *z_streamp;
#define Z_OK 0
#define Z_STREAM_END 1
#define Z_BUF_ERROR (-5)
#define Z_SYNC_FLUSH 2
int zlib_inflate(z_streamp strm, int flush);
int zlib_deflate(z_streamp strm, int flush);
int zlib_inflateEnd(z_streamp strm);

/* xz's buffer: xz_dec_run() advances out_pos, never out. */
struct xz_buf {
	const unsigned char *in;
	unsigned long in_pos, in_size;
	unsigned char *out;
	unsigned long out_pos, out_size;
};
struct xz_dec;
int xz_dec_run(struct xz_dec *s, struct xz_buf *b);
#endif
