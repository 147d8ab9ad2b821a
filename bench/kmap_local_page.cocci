// kmap_atomic() -> kmap_local_page(), kunmap_atomic() -> kunmap_local():
// the conversion kmapcheck's kmap-deprecated-api check proposes, written as
// Coccinelle users write it, for bench/whole_tree.py. It converts every
// call, without kmapcheck's proof that the section relies neither on page
// faults nor on preemption being disabled.
@kmap@
expression page;
@@
- kmap_atomic(page)
+ kmap_local_page(page)

@kunmap@
expression addr;
@@
- kunmap_atomic(addr)
+ kunmap_local(addr)
