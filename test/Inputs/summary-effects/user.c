/* Calls only the wrappers of buf.c: its own code names nothing of the
 * model, but the summaries of buf.c say what the wrappers do. */
struct page;
void *buf_map(struct page *page);
void buf_unmap(void *addr);
void *buf_map_maybe(struct page *page, int fast);
int buf_peek(struct page *page);
void faults_begin(void);
void faults_end(void);

int user_leak(struct page *page, int err)
{
	char *p = buf_map(page);

	if (err)
		return -1;
	p[0] = 1;
	buf_unmap(p);
	return 0;
}

void user_order(struct page *a, struct page *b)
{
	char *x = buf_map(a);
	char *y = buf_map(b);

	buf_unmap(x);
	buf_unmap(y);
}

void user_good(struct page *a, struct page *b)
{
	char *x = buf_map(a);
	char *y = buf_map(b);

	x[0] = y[0];
	buf_unmap(y);
	buf_unmap(x);
}

int user_faults(int err)
{
	faults_begin();
	if (err)
		return -1;
	faults_end();
	return 0;
}

void user_maybe(struct page *page, int fast)
{
	char *p = buf_map_maybe(page, fast);

	if (p)
		p[0] = 0;
}

int user_peek(struct page *page)
{
	return buf_peek(page) + buf_peek(page);
}

struct req;
void fpu_begin(void);
void fpu_end(struct req *r);

int user_fpu(struct req *r)
{
	fpu_begin();
	fpu_end(r);
	return 0;
}
