/*
 * kmap-stack-depth, BAD: sum_first_bytes() keeps 17 local mappings live at
 * once; a task has room for KM_MAX_IDX (16). The model, like the kernel,
 * stops at the 17th.
 */
#include <linux/highmem.h>
#include <kmapref/scenario.h>

#define NR_PAGES 17

static struct page *pages[NR_PAGES];

static int sum_first_bytes(void)
{
	char *a0 = kmap_local_page(pages[0]);
	char *a1 = kmap_local_page(pages[1]);
	char *a2 = kmap_local_page(pages[2]);
	char *a3 = kmap_local_page(pages[3]);
	char *a4 = kmap_local_page(pages[4]);
	char *a5 = kmap_local_page(pages[5]);
	char *a6 = kmap_local_page(pages[6]);
	char *a7 = kmap_local_page(pages[7]);
	char *a8 = kmap_local_page(pages[8]);
	char *a9 = kmap_local_page(pages[9]);
	char *a10 = kmap_local_page(pages[10]);
	char *a11 = kmap_local_page(pages[11]);
	char *a12 = kmap_local_page(pages[12]);
	char *a13 = kmap_local_page(pages[13]);
	char *a14 = kmap_local_page(pages[14]);
	char *a15 = kmap_local_page(pages[15]);
	char *a16 = kmap_local_page(pages[16]);
	int sum = 0;

	sum += a0[0];
	sum += a1[0];
	sum += a2[0];
	sum += a3[0];
	sum += a4[0];
	sum += a5[0];
	sum += a6[0];
	sum += a7[0];
	sum += a8[0];
	sum += a9[0];
	sum += a10[0];
	sum += a11[0];
	sum += a12[0];
	sum += a13[0];
	sum += a14[0];
	sum += a15[0];
	sum += a16[0];
	kunmap_local(a16);
	kunmap_local(a15);
	kunmap_local(a14);
	kunmap_local(a13);
	kunmap_local(a12);
	kunmap_local(a11);
	kunmap_local(a10);
	kunmap_local(a9);
	kunmap_local(a8);
	kunmap_local(a7);
	kunmap_local(a6);
	kunmap_local(a5);
	kunmap_local(a4);
	kunmap_local(a3);
	kunmap_local(a2);
	kunmap_local(a1);
	kunmap_local(a0);
	return sum;
}

static void setup(void)
{
	int i;

	for (i = 0; i < NR_PAGES; i++)
		pages[i] = alloc_page(GFP_HIGHUSER);
}

static void task_sum(void)
{
	BUG_ON(sum_first_bytes() != 0);
}

REF_SCENARIO(stack_depth_bad, "kmap-stack-depth", REF_BAD,
	     "17 local mappings live at once (KM_MAX_IDX is 16)",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_sum, 0) });
