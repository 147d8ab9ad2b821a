/*
 * Simulated physical memory and kernel virtual addresses of the reference
 * implementation.
 *
 * Physical memory is a memfd of REF_NR_PAGES pages, permanently mapped once
 * (the "direct map", used for lowmem pages and by the model itself). The
 * pkmap window (LAST_PKMAP_MAX pages) and the local-mapping window
 * (KM_MAX_IDX pages per CPU) are reserved address ranges whose pages are
 * mapped onto physical pages with mmap(MAP_SHARED | MAP_FIXED) when the model
 * sets a pte, and replaced by inaccessible memory when it clears one. So two
 * mappings of one page really alias, and an access through an address whose
 * mapping was released faults; the scheduler turns that fault into a
 * "use after unmap" failure.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <kmapref/task.h>

#include "core.h"

#define PS		4096UL
#define FIX_SLOTS	(REF_MAX_CPUS * KM_MAX_IDX)

static int memfd = -1;
static char *direct;
static char *pkmap_win;
static char *fix_win;
/* What each window page maps: -1 nothing, else the pfn. */
static long pk_pfn[REF_PKMAP_MAX];
static int pk_open[REF_PKMAP_MAX];	/* accessible */
static long fx_pfn[FIX_SLOTS];

int ref_mem_init(char *err, unsigned long size)
{
	int i;

	if (sysconf(_SC_PAGESIZE) != (long)PS) {
		snprintf(err, size, "the model needs 4 KiB pages, not %ld",
			 sysconf(_SC_PAGESIZE));
		return -1;
	}
	memfd = memfd_create("kmapref-physmem", MFD_CLOEXEC);
	if (memfd < 0 || ftruncate(memfd, REF_NR_PAGES * PS)) {
		snprintf(err, size, "memfd: %s", strerror(errno));
		return -1;
	}
	direct = mmap(NULL, REF_NR_PAGES * PS, PROT_READ | PROT_WRITE,
		      MAP_SHARED, memfd, 0);
	pkmap_win = mmap(NULL, REF_PKMAP_MAX * PS, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	fix_win = mmap(NULL, FIX_SLOTS * PS, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (direct == MAP_FAILED || pkmap_win == MAP_FAILED ||
	    fix_win == MAP_FAILED) {
		snprintf(err, size, "mmap: %s", strerror(errno));
		return -1;
	}
	for (i = 0; i < REF_PKMAP_MAX; i++)
		pk_pfn[i] = -1;
	for (i = 0; i < FIX_SLOTS; i++)
		fx_pfn[i] = -1;
	return 0;
}

static void map_at(char *addr, long pfn)
{
	if (mmap(addr, PS, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
		 memfd, pfn * PS) == MAP_FAILED) {
		perror("kmapref: mmap");
		_exit(70);
	}
}

static void unmap_at(char *addr)
{
	if (mmap(addr, PS, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1,
		 0) == MAP_FAILED) {
		perror("kmapref: mmap");
		_exit(70);
	}
}

void ref_mem_reset(void)
{
	int i;

	for (i = 0; i < REF_PKMAP_MAX; i++)
		ref_mem_pkmap_clear(i);
	for (i = 0; i < FIX_SLOTS; i++) {
		if (fx_pfn[i] >= 0) {
			unmap_at(fix_win + i * PS);
			fx_pfn[i] = -1;
		}
	}
}

void *ref_mem_direct(unsigned long pfn)
{
	return direct + pfn * PS;
}

void ref_mem_zero(unsigned long pfn)
{
	memset(direct + pfn * PS, 0, PS);
}

int ref_mem_is_direct(unsigned long addr)
{
	unsigned long base = (unsigned long)direct;

	return addr >= base && addr < base + REF_NR_PAGES * PS;
}

unsigned long ref_mem_pkmap_base(void)
{
	return (unsigned long)pkmap_win;
}

unsigned long ref_mem_fixmap_addr(int cpu, int idx)
{
	return (unsigned long)(fix_win + (cpu * KM_MAX_IDX + idx) * PS);
}

int ref_mem_fixmap_slot(unsigned long addr, int *cpu, int *idx)
{
	unsigned long base = (unsigned long)fix_win;
	unsigned long slot;

	if (addr < base || addr >= base + FIX_SLOTS * PS)
		return 0;
	slot = (addr - base) / PS;
	*cpu = (int)(slot / KM_MAX_IDX);
	*idx = (int)(slot % KM_MAX_IDX);
	return 1;
}

void ref_mem_pkmap_set(int nr, unsigned long pfn)
{
	if (pk_pfn[nr] == (long)pfn && pk_open[nr])
		return;
	map_at(pkmap_win + nr * PS, (long)pfn);
	pk_pfn[nr] = (long)pfn;
	pk_open[nr] = 1;
}

void ref_mem_pkmap_clear(int nr)
{
	if (pk_pfn[nr] < 0)
		return;
	unmap_at(pkmap_win + nr * PS);
	pk_pfn[nr] = -1;
	pk_open[nr] = 0;
}

void ref_mem_pkmap_access(int nr, int accessible)
{
	if (pk_pfn[nr] < 0 || pk_open[nr] == !!accessible)
		return;
	mprotect(pkmap_win + nr * PS, PS,
		 accessible ? PROT_READ | PROT_WRITE : PROT_NONE);
	pk_open[nr] = !!accessible;
}

void ref_mem_fixmap_set(int cpu, int idx, unsigned long pfn)
{
	int slot = cpu * KM_MAX_IDX + idx;

	if (fx_pfn[slot] == (long)pfn)
		return;
	map_at(fix_win + slot * PS, (long)pfn);
	fx_pfn[slot] = (long)pfn;
}

long ref_mem_fixmap_pfn(int cpu, int idx)
{
	return fx_pfn[cpu * KM_MAX_IDX + idx];
}

void ref_mem_fixmap_clear(int cpu, int idx)
{
	int slot = cpu * KM_MAX_IDX + idx;

	if (fx_pfn[slot] < 0)
		return;
	unmap_at(fix_win + slot * PS);
	fx_pfn[slot] = -1;
}

int ref_mem_describe_fault(unsigned long addr, char *buf, unsigned long size)
{
	unsigned long pk = (unsigned long)pkmap_win;
	int cpu, idx;

	if (ref_mem_fixmap_slot(addr, &cpu, &idx)) {
		snprintf(buf, size,
			 "local-mapping slot %d of cpu%d (+0x%lx), which is not mapped (kunmap_local() already released it?)",
			 idx, cpu, addr & (PS - 1));
		return 1;
	}
	if (addr >= pk && addr < pk + REF_PKMAP_MAX * PS) {
		int nr = (int)((addr - pk) / PS);

		snprintf(buf, size,
			 "pkmap entry %d (+0x%lx), which is %s (kunmap() already released it?)",
			 nr, addr & (PS - 1),
			 pk_pfn[nr] < 0 ? "not mapped" : "not in use");
		return 1;
	}
	return 0;
}

/*
 * memmove() of <linux/string.h>: the direction is chosen by comparing the
 * addresses, as the kernel's generic memmove() does. Volatile, so that the
 * compiler does not turn the loops back into a call of the C library's.
 */
void *__memmove(void *dst, const void *src, size_t n)
{
	volatile unsigned char *d = dst;
	const volatile unsigned char *s = src;

	if ((unsigned long)dst <= (unsigned long)src) {
		while (n--)
			*d++ = *s++;
	} else {
		d += n;
		s += n;
		while (n--)
			*--d = *--s;
	}
	return dst;
}
